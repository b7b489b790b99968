import Foundation
import TorqueDomain
import TorqueStore
import TorqueTestSupport
import XCTest

/// Activity metrics per salesperson (SALES-4) through the API and the staff-meeting page.
final class SalesActivityReportTests: XCTestCase {
    func testWhatEachSalespersonDidThisMonth() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1")
            let anna = try await OpportunityTests.customer(client, token: sales, name: "Activity", phone: "3471110401")
            _ = try await client.request(.post, "/api/v1/customers/\(anna)/contacts", token: sales, json: #"{"channel":"phone","direction":"outbound","outcome":"called"}"#)
            _ = try await client.request(.post, "/api/v1/customers/\(anna)/contacts", token: sales, json: #"{"channel":"walk_in","outcome":"came by"}"#)
            _ = try await client.request(.post, "/api/v1/customers/\(anna)/contacts", token: sales, json: #"{"channel":"email","outcome":"brochure"}"#)
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            let now = Date()
            let f = ISO8601DateFormatter()
            let drive = try await client.request(.post, "/api/v1/appointments", token: sales, json: """
                {"kind":"test_drive","title":"Drive","starts_at":"\(f.string(from: now))","ends_at":"\(f.string(from: now.addingTimeInterval(1800)))","vehicle_id":\(car)}
                """)
            XCTAssertEqual(drive.status, .created, drive.text)
            let opp = try await client.request(.post, "/api/v1/opportunities", token: sales, json: #"{"customer_id":\#(anna),"title":"Deal"}"#).json["id"] as! Int
            let q1 = try await client.request(.post, "/api/v1/quotes", token: sales, json: QuoteTests.quoteBody(customer: anna, opportunity: opp, car: nil, discount: "2")).json["id"] as! Int
            _ = try await client.request(.post, "/api/v1/quotes", token: sales, json: QuoteTests.quoteBody(customer: anna, car: nil, discount: "3"))
            let signed = try await client.request(.post, "/api/v1/quotes/\(q1)/accept", token: sales)
            XCTAssertEqual(signed.status, .created, signed.text)
            let report = try await client.request(.get, "/api/v1/reports/sales-activity", token: try await client.token("manager1"))
            XCTAssertEqual(report.status, .ok, report.text)
            let sara = (report.json["rows"] as! [[String: Any]]).first { $0["name"] as? String == "Sara Colombo" }!
            XCTAssertEqual(sara["calls"] as? Int, 1)
            XCTAssertEqual(sara["visits"] as? Int, 1, "the walk-in (the e-mail is neither)")
            XCTAssertEqual(sara["test_drives"] as? Int, 1)
            XCTAssertEqual(sara["opportunities_opened"] as? Int, 1)
            XCTAssertEqual(sara["won"] as? Int, 1, "the contract won the deal")
            XCTAssertEqual(sara["quotes"] as? Int, 2)
            XCTAssertEqual(sara["contracts"] as? Int, 1)
            XCTAssertEqual(sara["quote_to_contract_percent"] as? Int, 50)
            XCTAssertEqual(sara["average_discount"] as? String, "2.50")
            XCTAssertEqual(sara["win_rate_percent"] as? Int, 100)
            XCTAssertEqual(sara["revenue_minor"] as? Int, 2_990_000, "the contract's total: 30,000 − 2 % + 500 fee")
            let names = (report.json["rows"] as! [[String: Any]]).map { $0["name"] as! String }
            XCTAssertTrue(names.contains("Luca Moretti"), "a quiet salesperson still has a line")
            XCTAssertFalse(names.contains("Davide Fontana"), "another dealer's people are not in the dealer's report")
            let region = try await client.request(.get, "/api/v1/reports/sales-activity?org_unit_id=\(try await app.unitID("R-N"))", token: try await client.token("regional1"))
            XCTAssertTrue((region.json["rows"] as! [[String: Any]]).contains { $0["name"] as? String == "Davide Fontana" })
            let bad = try await client.request(.get, "/api/v1/reports/sales-activity?from=yesterday", token: sales)
            XCTAssertEqual(bad.errorFields["from"], "must be a day like 2026-11-01")
            let backwards = try await client.request(.get, "/api/v1/reports/sales-activity?from=2026-11-10&to=2026-11-01", token: sales)
            XCTAssertEqual(backwards.errorFields["to"], "must be after from")
            // the meeting page: table, chart and remarks
            let m = try await client.session("manager1")
            let page = try await client.request(.get, "/sales/meeting", cookie: m.cookie)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("Sara Colombo"))
            XCTAssertTrue(page.text.contains("<svg class=\"chart\""))
            XCTAssertTrue(page.text.contains("Luca Moretti logged no call or visit."), page.text)
        }
    }
}
