import Foundation
import SQLKit
import TorqueTestSupport
import XCTest

/// Quotes through the API (QUOTE-1 … QUOTE-4): a trade-in appraised, a quote with a lease,
/// versions, a discount that needs a manager, and acceptance into a contract that sells the car,
/// takes the trade-in into stock and wins the deal, all or nothing.
final class QuoteTests: XCTestCase {
    static let tradeInVIN = "1HGCM82633A004352"

    static func quoteBody(customer: Int, opportunity: Int? = nil, car: Int?, discount: String = "2", extra: String = "") -> String {
        #"{"customer_id":\#(customer),"#
            + (opportunity.map { #""opportunity_id":\#($0),"# } ?? "") + (car.map { #""vehicle_id":\#($0),"# } ?? "")
            + #""lines":[{"kind":"vehicle","description":"Dama Lusso","unit_minor":3000000},{"kind":"fee","description":"Registration","unit_minor":50000}],"#
            + #""discount_percent":"\#(discount)"\#(extra)}"#
    }

    func testFromWalkInToContractWithTradeInAndLease() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1")
            let anna = try await OpportunityTests.customer(client, token: sales, name: "Quote", phone: "3471110101")
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            let opp = try await client.request(.post, "/api/v1/opportunities", token: sales, json: #"{"customer_id":\#(anna),"title":"Dama for Anna","vehicle_id":\#(car)}"#)
            let oppID = opp.json["id"] as! Int
            // the used car: make and year read from the VIN
            let appraisal = try await client.request(.post, "/api/v1/appraisals", token: sales, json: """
                {"customer_id":\(anna),"vin":"\(Self.tradeInVIN)","model_name":"Accord","colour":"Grey","plate":"AB 123 CD","mileage_km":84000,
                 "estimated_value_minor":800000,"payoff_minor":200000,"grades":{"tyres":"worn","paint":"good","body":"damaged"},"notes":"Scratch on the rear bumper"}
                """)
            XCTAssertEqual(appraisal.status, .created, appraisal.text)
            XCTAssertEqual(appraisal.json["make"] as? String, "Honda")
            XCTAssertEqual(appraisal.json["status"] as? String, "open")
            let appraisalID = appraisal.json["id"] as! Int
            let reports = appraisal.json["reports"] as? [[String: Any]]
            XCTAssertEqual(reports?.first?["stage"] as? String, "quote")
            XCTAssertEqual((reports?.first?["grades"] as? [String: String])?["body"], "damaged")
            // the quote: allowance and payoff come from the appraisal; a lease on top
            let created = try await client.request(.post, "/api/v1/quotes", token: sales, json: Self.quoteBody(customer: anna, opportunity: oppID, car: car, extra: """
                ,"trade_in":{"appraisal_id":\(appraisalID)},"finance":{"kind":"lease","rate":"3.9","term_months":36,"residual_minor":1500000,"km_per_year":15000}
                """))
            XCTAssertEqual(created.status, .created, created.text)
            let quoteID = created.json["id"] as! Int
            XCTAssertEqual(created.json["status"] as? String, "open", "2 % is within a salesperson's 3 %")
            let current = created.json["current"] as! [String: Any]
            let totals = current["totals"] as! [String: Any]
            XCTAssertEqual(totals["total_minor"] as? Int, 2_990_000)
            XCTAssertEqual(totals["vat_included_minor"] as? Int, 539_180, "Italian VAT contained")
            XCTAssertEqual(totals["due_minor"] as? Int, 2_390_000, "after 6,000 of trade-in equity")
            let payment = (current["finance"] as? [String: Any])?["monthly_payment_minor"] as? Int
            XCTAssertNotNil(payment)
            XCTAssertEqual(current["trade_in_allowance_minor"] as? Int, 800_000)
            // a second version keeps the first readable
            let v2 = try await client.request(.post, "/api/v1/quotes/\(quoteID)/versions", token: sales, json: #"{"discount_percent":"2.5","note":"Winter tyres included"}"#)
            XCTAssertEqual(v2.status, .created, v2.text)
            XCTAssertEqual(v2.json["current_version"] as? Int, 2)
            let versions = try await client.request(.get, "/api/v1/quotes/\(quoteID)/versions", token: sales).list
            XCTAssertEqual(versions.map { $0["version"] as? Int }, [2, 1])
            XCTAssertEqual((versions[1]["totals"] as? [String: Any])?["discount_minor"] as? Int, 60_000)
            XCTAssertEqual((versions[0]["totals"] as? [String: Any])?["discount_minor"] as? Int, 75_000)
            // the customer signs
            let signed = try await client.request(.post, "/api/v1/quotes/\(quoteID)/accept", token: sales)
            XCTAssertEqual(signed.status, .created, signed.text)
            let contractID = signed.json["id"] as! Int
            XCTAssertEqual(signed.json["quote_version"] as? Int, 2)
            XCTAssertEqual(signed.json["total_minor"] as? Int, 2_975_000)
            XCTAssertNotNil(signed.json["monthly_payment_minor"] as? Int)
            XCTAssertEqual(signed.headers[.location], "/api/v1/contracts/\(contractID)")
            let sold = try await client.request(.get, "/api/v1/vehicles/\(car)", token: sales)
            XCTAssertEqual(sold.json["status"] as? String, "sold")
            XCTAssertEqual(sold.json["customer_id"] as? Int, anna, "the car is on the customer's 360 page")
            let tradeIn = signed.json["trade_in_vehicle_id"] as! Int
            let used = try await client.request(.get, "/api/v1/vehicles/\(tradeIn)", token: sales)
            XCTAssertEqual(used.json["kind"] as? String, "used")
            XCTAssertEqual(used.json["status"] as? String, "in_stock")
            XCTAssertEqual(used.json["vin"] as? String, Self.tradeInVIN)
            XCTAssertEqual(used.json["cost_minor"] as? Int, 800_000)
            let taken = try await client.request(.get, "/api/v1/appraisals/\(appraisalID)", token: sales)
            XCTAssertEqual(taken.json["status"] as? String, "taken_in")
            XCTAssertEqual(taken.json["stock_vehicle_id"] as? Int, tradeIn)
            let won = try await client.request(.get, "/api/v1/opportunities/\(oppID)", token: sales)
            XCTAssertEqual(won.json["stage"] as? String, "won")
            let timeline = try await client.request(.get, "/api/v1/customers/\(anna)/timeline?kind=purchase", token: sales).list
            XCTAssertEqual(timeline.first?["amount_minor"] as? Int, 2_975_000)
            let again = try await client.request(.post, "/api/v1/quotes/\(quoteID)/accept", token: sales)
            XCTAssertEqual(again.status, .conflict)
            XCTAssertEqual(again.errorFields["status"], "was already accepted")
            let twin = try await client.request(.post, "/api/v1/quotes", token: sales, json: Self.quoteBody(customer: anna, car: nil, extra: #","trade_in":{"appraisal_id":\#(appraisalID)}"#))
            XCTAssertEqual(twin.errorFields["trade_in.appraisal_id"], "was already taken into stock", "a taken-in car cannot be offered again")
            let frozen = try await client.request(.post, "/api/v1/quotes/\(quoteID)/versions", token: sales, json: #"{"note":"late change"}"#)
            XCTAssertEqual(frozen.status, .conflict)
            // condition at delivery: the odometer cannot go back
            let back = try await client.request(.post, "/api/v1/appraisals/\(appraisalID)/reports", token: sales, json: #"{"stage":"delivery","mileage_km":83000}"#)
            XCTAssertEqual(back.status, .unprocessableContent)
            XCTAssertEqual(back.errorFields["mileage_km"], "is lower than the 84000 km recorded before; check the odometer")
            let delivered = try await client.request(.post, "/api/v1/appraisals/\(appraisalID)/reports", token: sales,
                                                     json: #"{"stage":"delivery","mileage_km":84150,"grades":{"tyres":"worn","paint":"worn"}}"#)
            XCTAssertEqual(delivered.status, .created, delivered.text)
            XCTAssertEqual((delivered.json["reports"] as? [[String: Any]])?.count, 2)
            // another dealer sees none of it; the region does
            let sales2 = try await client.token("sales2")
            for path in ["/api/v1/quotes/\(quoteID)", "/api/v1/contracts/\(contractID)", "/api/v1/appraisals/\(appraisalID)"] {
                let r = try await client.request(.get, path, token: sales2)
                XCTAssertEqual(r.status, .notFound, path)
            }
            let regional = try await client.request(.get, "/api/v1/contracts/\(contractID)", token: try await client.token("regional1"))
            XCTAssertEqual(regional.status, .ok)
        }
    }

    func testADiscountAboveTheRoleLimitWaitsForAManager() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1")
            let anna = try await OpportunityTests.customer(client, token: sales, name: "Discount", phone: "3471110102")
            let created = try await client.request(.post, "/api/v1/quotes", token: sales, json: Self.quoteBody(customer: anna, car: nil, discount: "12"))
            XCTAssertEqual(created.status, .created, created.text)
            XCTAssertEqual(created.json["status"] as? String, "awaiting_approval", "12 % is above a salesperson's 3 %: never silently applied")
            let id = created.json["id"] as! Int
            let early = try await client.request(.post, "/api/v1/quotes/\(id)/accept", token: sales)
            XCTAssertEqual(early.status, .conflict)
            XCTAssertEqual(early.errorFields["status"], "is waiting for a manager to approve the discount of version 1")
            let own = try await client.request(.post, "/api/v1/quotes/\(id)/approve", token: sales)
            XCTAssertEqual(own.status, .forbidden)
            let manager = try await client.request(.post, "/api/v1/quotes/\(id)/approve", token: try await client.token("manager1"))
            XCTAssertEqual(manager.status, .conflict)
            XCTAssertEqual(manager.errorFields["discount"], "of 12.00 % is above your own limit of 10.00 %; ask someone with a higher limit")
            let principal = try await client.request(.post, "/api/v1/quotes/\(id)/approve", token: try await client.token("principal1"))
            XCTAssertEqual(principal.status, .ok, principal.text)
            XCTAssertEqual(principal.json["status"] as? String, "open")
            XCTAssertEqual((principal.json["current"] as? [String: Any])?["approved_by_name"] as? String, "Francesca Riva")
            // the dealer raises the salesperson's limit: 5 % then passes without approval
            let settings = try await client.request(.put, "/api/v1/quote-settings", token: try await client.token("manager1"), json: #"{"discount_limits":{"salesperson":"5"}}"#)
            XCTAssertEqual(settings.status, .ok, settings.text)
            XCTAssertEqual((settings.json["discount_limits"] as? [String: String])?["salesperson"], "5.00")
            XCTAssertEqual(settings.json["tax_style"] as? String, "vat_included")
            XCTAssertEqual(settings.json["tax_rate"] as? String, "22.00")
            let v2 = try await client.request(.post, "/api/v1/quotes/\(id)/versions", token: sales, json: #"{"discount_percent":"5"}"#)
            XCTAssertEqual(v2.json["status"] as? String, "open")
            let badRole = try await client.request(.put, "/api/v1/quote-settings", token: try await client.token("manager1"), json: #"{"discount_limits":{"wizard":"5"}}"#)
            XCTAssertEqual(badRole.errorFields["discount_limits.wizard"], "is not a role of this installation")
            _ = app
        }
    }

    func testAcceptingAnExpiredQuoteOrASoldCarIsRefused() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1")
            let anna = try await OpportunityTests.customer(client, token: sales, name: "Late", phone: "3471110103")
            let bruno = try await OpportunityTests.customer(client, token: sales, name: "Rival", phone: "3471110104")
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            let first = try await client.request(.post, "/api/v1/quotes", token: sales, json: Self.quoteBody(customer: anna, car: car)).json["id"] as! Int
            let second = try await client.request(.post, "/api/v1/quotes", token: sales, json: Self.quoteBody(customer: bruno, car: car)).json["id"] as! Int
            let rival = try await client.request(.post, "/api/v1/quotes/\(second)/accept", token: sales)
            XCTAssertEqual(rival.status, .created, rival.text)
            let gone = try await client.request(.post, "/api/v1/quotes/\(first)/accept", token: sales)
            XCTAssertEqual(gone.status, .conflict)
            XCTAssertEqual(gone.errorFields["vehicle_id"], "the stock unit was sold meanwhile; quote another unit")
            let stale = try await client.request(.post, "/api/v1/quotes/\(first)/versions", token: sales, json: #"{"note":"again"}"#)
            XCTAssertEqual(stale.errorFields["vehicle_id"], "is sold, not for sale")
            // a quote past its date: refused, then a new version with a new date is accepted
            let third = try await client.request(.post, "/api/v1/quotes", token: sales, json: Self.quoteBody(customer: anna, car: nil)).json["id"] as! Int
            try await app.services.db.sql.raw("UPDATE quotes SET valid_until = '2020-01-31' WHERE id = \(bind: third)").run()
            let expired = try await client.request(.post, "/api/v1/quotes/\(third)/accept", token: sales)
            XCTAssertEqual(expired.status, .conflict)
            XCTAssertEqual(expired.errorFields["valid_until"], "the quote expired on 2020-01-31; save a new version with a new date")
            let renewed = try await client.request(.post, "/api/v1/quotes/\(third)/versions", token: sales, json: #"{"note":"new date"}"#)
            XCTAssertGreaterThan(renewed.json["valid_until"] as? String ?? "", "2026-01-01", "a new version gets a new date")
            let contracts = try await app.services.db.sql.raw("SELECT COUNT(*) AS n FROM contracts").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(contracts, 1, "nothing half-saved")
            let ok = try await client.request(.post, "/api/v1/quotes/\(third)/accept", token: sales)
            XCTAssertEqual(ok.status, .created, ok.text)
            XCTAssertNil(ok.json["vehicle_id"] as? Int, "a configuration to order: the car comes later")
            let quoteStatus = try await client.request(.get, "/api/v1/quotes/\(first)", token: sales).json["status"] as? String
            XCTAssertEqual(quoteStatus, "open")
        }
    }

    func testBadQuoteInputIsNamed() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1")
            let anna = try await OpportunityTests.customer(client, token: sales, name: "Input", phone: "3471110105")
            func errors(_ body: String) async throws -> [String: String] {
                let r = try await client.request(.post, "/api/v1/quotes", token: sales, json: body)
                XCTAssertEqual(r.status, .unprocessableContent, r.text)
                return r.errorFields
            }
            var e = try await errors(#"{"customer_id":\#(anna),"title":"x","lines":[{"kind":"fee","description":"Fee","unit_minor":100}]}"#)
            XCTAssertEqual(e["lines"], "must include the vehicle")
            e = try await errors(#"{"customer_id":\#(anna),"title":"x","lines":[{"kind":"vehicle","description":"Car","unit_minor":-5}]}"#)
            XCTAssertEqual(e["lines[0].unit_minor"], "must be from 0 to 100,000,000.00")
            e = try await errors(#"{"customer_id":\#(anna),"title":"x","lines":[{"kind":"boat","description":"Car","unit_minor":5}]}"#)
            XCTAssertEqual(e["lines[0].kind"], "must be one of vehicle, option, accessory, fee")
            e = try await errors(Self.quoteBody(customer: anna, car: nil, extra: #","title":"x","finance":{"kind":"loan","rate":"45","term_months":48}"#))
            XCTAssertEqual(e["finance.rate"], "must be from 0 to 30 %")
            e = try await errors(Self.quoteBody(customer: anna, car: nil, extra: #","title":"x","finance":{"kind":"lease","rate":"3","term_months":36,"residual_minor":4000000}"#))
            XCTAssertEqual(e["finance.residual_minor"], "must be less than the price")
            e = try await errors(Self.quoteBody(customer: anna, car: nil, discount: "120", extra: #","title":"x""#))
            XCTAssertEqual(e["discount_percent"], "must be from 0 to 100 %")
            e = try await errors(Self.quoteBody(customer: anna, car: nil, extra: #","valid_until":"2020-01-01""#))
            XCTAssertEqual(e["valid_until"], "must be today or later")
            e = try await errors(Self.quoteBody(customer: anna, car: nil, extra: #","trade_in":{"appraisal_id":999999}"#))
            XCTAssertEqual(e["trade_in.appraisal_id"], "is not an appraisal you can see")
            let badVIN = try await client.request(.post, "/api/v1/appraisals", token: sales,
                                                  json: #"{"customer_id":\#(anna),"vin":"1HGCM82633A00435O","model_name":"Accord","mileage_km":1,"estimated_value_minor":1}"#)
            XCTAssertEqual(badVIN.status, .unprocessableContent)
            XCTAssertNotNil(badVIN.errorFields["vin"])
            let badGrade = try await client.request(.post, "/api/v1/appraisals", token: sales,
                                                    json: #"{"customer_id":\#(anna),"vin":"\#(Self.tradeInVIN)","model_name":"Accord","mileage_km":1,"estimated_value_minor":1,"grades":{"tyres":"bald"}}"#)
            XCTAssertEqual(badGrade.errorFields["grades.tyres"], "must be one of good, worn, damaged, unchecked")
            let count = try await app.services.db.sql.raw("SELECT COUNT(*) AS n FROM quotes").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(count, 0, "nothing saved")
        }
    }
}

/// Two quotes offering the same trade-in: the second acceptance is refused and changes nothing.
final class TradeInTwiceTests: XCTestCase {
    func testOnlyTheFirstContractTakesTheTradeIn() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1")
            let anna = try await OpportunityTests.customer(client, token: sales, name: "Twice", phone: "3471110601")
            let appraisal = try await client.request(.post, "/api/v1/appraisals", token: sales,
                                                     json: #"{"customer_id":\#(anna),"vin":"\#(QuoteTests.tradeInVIN)","model_name":"Accord","mileage_km":1000,"estimated_value_minor":500000}"#).json["id"] as! Int
            let body = QuoteTests.quoteBody(customer: anna, car: nil, extra: #","trade_in":{"appraisal_id":\#(appraisal)}"#)
            let first = try await client.request(.post, "/api/v1/quotes", token: sales, json: body).json["id"] as! Int
            let second = try await client.request(.post, "/api/v1/quotes", token: sales, json: body).json["id"] as! Int
            let ok = try await client.request(.post, "/api/v1/quotes/\(first)/accept", token: sales)
            XCTAssertEqual(ok.status, .created, ok.text)
            let refused = try await client.request(.post, "/api/v1/quotes/\(second)/accept", token: sales)
            XCTAssertEqual(refused.status, .conflict)
            XCTAssertEqual(refused.errorFields["trade_in.appraisal_id"], "the trade-in was already taken in with another contract; save a new version without it")
            let contracts = try await app.services.db.sql.raw("SELECT COUNT(*) AS n FROM contracts").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(contracts, 1)
        }
    }
}
