import TorqueTestSupport
import XCTest

/// The loan and lease calculator through the API and the page (QUOTE-2).
final class FinanceCalculatorTests: XCTestCase {
    func testTheAPIComputesLoansAndLeasesAndNamesBadFields() async throws {
        try await TestApp.each { client, _ in
            let sales = try await client.token("sales1")
            let loan = try await client.request(.post, "/api/v1/finance/calculate", token: sales,
                                                json: #"{"price_minor":2700000,"down_payment_minor":200000,"rate":"5","term_months":60}"#)
            XCTAssertEqual(loan.status, .ok, loan.text)
            XCTAssertEqual(loan.json["monthly_payment_minor"] as? Int, 47_178)
            XCTAssertEqual(loan.json["amount_financed_minor"] as? Int, 2_500_000)
            XCTAssertEqual(loan.json["rate"] as? String, "5.00")
            let schedule = loan.json["schedule"] as? [[String: Int]] ?? []
            XCTAssertEqual(schedule.count, 60)
            XCTAssertEqual(schedule.last?["balance_minor"], 0)
            let lease = try await client.request(.post, "/api/v1/finance/calculate", token: sales,
                                                 json: #"{"kind":"lease","price_minor":3000000,"rate":3,"term_months":36,"residual_percent":"60","km_per_year":15000,"schedule":false}"#)
            XCTAssertEqual(lease.status, .ok, lease.text)
            XCTAssertEqual(lease.json["monthly_payment_minor"] as? Int, 39_333)
            XCTAssertEqual(lease.json["residual_minor"] as? Int, 1_800_000)
            XCTAssertEqual(lease.json["km_allowance"] as? Int, 45_000)
            XCTAssertEqual((lease.json["schedule"] as? [Any])?.count, 0)
            let cases: [(String, String, String)] = [
                (#"{"price_minor":3000000,"rate":"abc","term_months":36}"#, "rate", "must be a percentage like 5.99"),
                (#"{"price_minor":3000000,"rate":"45","term_months":36}"#, "rate", "must be from 0 to 30 %"),
                (#"{"kind":"lease","price_minor":3000000,"rate":"3","term_months":36,"residual_minor":3500000}"#, "residual_minor", "must be less than the price"),
                (#"{"price_minor":3000000,"rate":"3","term_months":36,"residual_minor":1000000}"#, "residual_minor", "is only for a loan"),
                (#"{"price_minor":-1,"rate":"3","term_months":36}"#, "price_minor", "must not be negative"),
                (#"{"price_minor":3000000,"rate":"3"}"#, "term_months", "is required"),
                (#"{"kind":"barter","price_minor":3000000,"rate":"3","term_months":12}"#, "kind", "must be loan or lease"),
            ]
            for (body, field, message) in cases {
                let r = try await client.request(.post, "/api/v1/finance/calculate", token: sales, json: body)
                XCTAssertEqual(r.status, .unprocessableContent, body)
                XCTAssertEqual(r.errorFields[field]?.replacingOccurrences(of: "a lease", with: "a loan"), message.replacingOccurrences(of: "a lease", with: "a loan"), body)
            }
            let unknown = try await client.request(.post, "/api/v1/finance/calculate", token: sales, json: #"{"price_minor":1,"rate":"3","term_months":1,"apr":"3"}"#)
            XCTAssertEqual(unknown.status, .badRequest, "an unknown field is refused, not ignored")
            let tech = try await client.request(.post, "/api/v1/finance/calculate", token: try await client.token("tech1"), json: #"{"price_minor":1,"rate":"3","term_months":1}"#)
            XCTAssertEqual(tech.status, .forbidden)
        }
    }

    func testThePageShowsThePaymentAndKeepsWhatWasTyped() async throws {
        try await TestApp.each { client, _ in
            let s = try await client.session("sales1")
            let landing = try await client.request(.get, "/sales", cookie: s.cookie)
            XCTAssertTrue(landing.text.contains("href=\"/sales/finance\""))
            let empty = try await client.request(.get, "/sales/finance", cookie: s.cookie)
            XCTAssertEqual(empty.status, .ok)
            XCTAssertFalse(empty.text.contains("a month</h2>"))
            let prefilled = try await client.request(.get, "/sales/finance?price=32500.00", cookie: s.cookie)
            XCTAssertEqual(prefilled.status, .ok, "a link with a price fills the form in without complaining")
            XCTAssertTrue(prefilled.text.contains(#"value="32500.00""#))
            XCTAssertFalse(prefilled.text.contains("field-error"))
            let lease = try await client.request(.get, "/sales/finance?calc=1&kind=lease&price=30.000&rate=3&term=36&residual_percent=60&km_per_year=15000&balloon=999", cookie: s.cookie)
            XCTAssertEqual(lease.status, .ok, lease.text)
            XCTAssertTrue(lease.text.contains("393.33 a month"), "depreciation 333.33 + rent 60.00")
            XCTAssertTrue(lease.text.contains("45000 km over the term"))
            XCTAssertTrue(lease.text.contains(#"name="balloon" value="999""#), "the loan's balloon rides along hidden")
            let bad = try await client.request(.get, "/sales/finance?calc=1&kind=loan&price=abc&rate=7,5&term=0", cookie: s.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("Price must be an amount like 28900 or 28,900.00"))
            XCTAssertTrue(bad.text.contains(#"value="abc""#), "what was typed stays in the field")
            XCTAssertTrue(bad.text.contains(#"value="7,5""#))
            let term = try await client.request(.get, "/sales/finance?calc=1&kind=loan&price=20000&rate=7,5&term=0", cookie: s.cookie)
            XCTAssertTrue(term.text.contains("Term must be from 1 to 120 months"), term.text)
            let fraction = try await client.request(.get, "/sales/finance?calc=1&kind=loan&price=20000&rate=7,5&term=1.5", cookie: s.cookie)
            XCTAssertTrue(fraction.text.contains("Term must be a whole number"), "1.5 months is not read as 15")
            let grouped = try await client.request(.get, "/sales/finance?calc=1&kind=lease&price=30000&rate=3&term=36&residual_percent=60&km_per_year=15.000", cookie: s.cookie)
            XCTAssertTrue(grouped.text.contains("45000 km over the term"))
            let escaped = try await client.request(.get, "/sales/finance?calc=1&price=%3Cscript%3E&rate=1&term=12", cookie: s.cookie)
            XCTAssertFalse(escaped.text.contains("<script>"))
        }
    }
}
