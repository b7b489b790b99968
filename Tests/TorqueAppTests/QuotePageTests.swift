import TorqueTestSupport
import XCTest

/// Quotes in the browser (QUOTE-1, QUOTE-3, QUOTE-4): a car quoted from its page, a trade-in
/// appraised on the way, bad input kept beside its field, approval by a manager, acceptance into
/// a printable contract, and a refusal shown on the quote page.
final class QuotePageTests: XCTestCase {
    func testQuoteACarWithATradeInAndSignTheContract() async throws {
        try await TestApp.each { client, app in
            let s = try await client.session("sales1")
            let anna = try await OpportunityTests.customer(client, token: try await client.token("sales1"), name: "Counter", phone: "3471110201")
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            let carPage = try await client.request(.get, "/stock/vehicles/\(car)", cookie: s.cookie)
            XCTAssertTrue(carPage.text.contains("/sales/quotes/new?vehicle_id=\(car)"), "Quote this car")
            // appraise the trade-in from the customer's page; bad input is named and kept
            let customerPage = try await client.request(.get, "/customers/\(anna)", cookie: s.cookie)
            XCTAssertTrue(customerPage.text.contains("/sales/appraisals/new?customer_id=\(anna)"))
            var fields: [(String, String)] = [("_csrf", s.csrf), ("customer_id", "\(anna)"), ("vehicle_id", "\(car)"), ("vin", "1HGCM82633A00435O"), ("model_name", "Accord"),
                                              ("mileage_km", "84.000"), ("estimated_value", "8,000"), ("payoff", ""), ("grade_tyres", "worn"), ("notes", "Scratch <rear>")]
            let badVIN = try await client.request(.post, "/sales/appraisals", form: fields, cookie: s.cookie)
            XCTAssertEqual(badVIN.status, .unprocessableContent)
            XCTAssertTrue(badVIN.text.contains("VIN cannot contain the letters I, O or Q"), badVIN.text)
            XCTAssertTrue(badVIN.text.contains(#"value="1HGCM82633A00435O""#))
            XCTAssertTrue(badVIN.text.contains("Scratch &lt;rear&gt;"))
            XCTAssertTrue(badVIN.text.contains(#"<option value="worn" selected>"#), "the checklist keeps its grades")
            fields[3] = ("vin", QuoteTests.tradeInVIN)
            let saved = try await client.request(.post, "/sales/appraisals", form: fields, cookie: s.cookie)
            XCTAssertEqual(saved.status, .seeOther, saved.text)
            let back = saved.headers[.location]!
            XCTAssertTrue(back.hasPrefix("/sales/quotes/new?customer_id=\(anna)&appraisal_id="), "back to the quote with the appraisal chosen: \(back)")
            XCTAssertTrue(back.contains("vehicle_id=\(car)"))
            let form = try await client.request(.get, back, cookie: s.cookie)
            XCTAssertEqual(form.status, .ok, form.text)
            XCTAssertTrue(form.text.contains("Prices include VAT at 22.00 %"))
            XCTAssertTrue(form.text.contains("You may give up to 3.00 %"))
            XCTAssertTrue(form.text.contains("Honda Accord"))
            // a price that is not money, and a lease whose residual is above the price
            var quote: [(String, String)] = [("_csrf", s.csrf), ("customer_id", "\(anna)"), ("vehicle_id", "\(car)"), ("title", "Dama for Anna"), ("valid_until", ""),
                                             ("line_kind_0", "vehicle"), ("line_desc_0", "Dama Lusso"), ("line_price_0", "30.000,00"), ("line_qty_0", "1"),
                                             ("line_kind_1", "fee"), ("line_desc_1", "Registration"), ("line_price_1", "lots"), ("line_qty_1", "1"), ("line_taxable_1", "on"),
                                             ("discount_percent", "2"), ("discount_amount", ""), ("appraisal_id", String(back.split(separator: "=")[2].prefix { $0.isNumber })),
                                             ("allowance", ""), ("payoff", ""), ("finance_kind", "lease"), ("finance_rate", "3.9"), ("finance_term", "36"), ("finance_down", ""),
                                             ("finance_balloon", ""), ("finance_residual", "40,000"), ("finance_km", "15000"), ("note", "")]
            let badPrice = try await client.request(.post, "/sales/quotes", form: quote, cookie: s.cookie)
            XCTAssertEqual(badPrice.status, .unprocessableContent)
            XCTAssertTrue(badPrice.text.contains("Price must be an amount like 28900 or 28,900.50"), badPrice.text)
            XCTAssertTrue(badPrice.text.contains(#"value="lots""#))
            quote[12] = ("line_price_1", "500")
            let badResidual = try await client.request(.post, "/sales/quotes", form: quote, cookie: s.cookie)
            XCTAssertEqual(badResidual.status, .unprocessableContent)
            XCTAssertTrue(badResidual.text.contains("Residual must be less than the price"), badResidual.text)
            XCTAssertTrue(badResidual.text.contains(#"value="30.000,00""#), "typed values kept")
            quote[25] = ("finance_residual", "15,000")
            let created = try await client.request(.post, "/sales/quotes", form: quote, cookie: s.cookie)
            XCTAssertEqual(created.status, .seeOther, created.text)
            let location = created.headers[.location]!
            let page = try await client.request(.get, location, cookie: s.cookie)
            XCTAssertTrue(page.text.contains(#"<td class="num" id="quote-total">EUR 29,900.00</td>"#), page.text)
            XCTAssertTrue(page.text.contains(#"<td class="num" id="quote-due">EUR 21,900.00</td>"#))
            XCTAssertTrue(page.text.contains("Lease offer"))
            XCTAssertTrue(page.text.contains("Accept: make the contract"))
            // the customer signs: the contract page shows the car, the trade-in and the lease
            let id = location.split(separator: "/").last!
            let signed = try await client.request(.post, "/sales/quotes/\(id)/accept", form: [("_csrf", s.csrf), ("confirm", "on")], cookie: s.cookie)
            XCTAssertEqual(signed.status, .seeOther, signed.text)
            let contract = try await client.request(.get, signed.headers[.location]!, cookie: s.cookie)
            XCTAssertTrue(contract.text.contains("Sales contract C-"), contract.text)
            XCTAssertTrue(contract.text.contains("id=\"contract-trade-in\""))
            XCTAssertTrue(contract.text.contains(QuoteTests.tradeInVIN))
            XCTAssertTrue(contract.text.contains("Buyer&#39;s signature") || contract.text.contains("Buyer's signature"))
            // accepting again: the quote page says why, with 409
            let again = try await client.request(.post, "/sales/quotes/\(id)/accept", form: [("_csrf", s.csrf), ("confirm", "on")], cookie: s.cookie)
            XCTAssertEqual(again.status, .conflict)
            XCTAssertTrue(again.text.contains("This quote was already accepted."), again.text)
            let customer = try await client.request(.get, "/customers/\(anna)", cookie: s.cookie)
            XCTAssertTrue(customer.text.contains("/sales/contracts/"), "the contract is on the 360 page")
            XCTAssertTrue(customer.text.contains("/stock/vehicles/\(car)"), "and the car")
            // the appraisal sheet shows the condition at quote; another dealer gets 404
            let appraisalID = quote[16].1
            let sheet = try await client.request(.get, "/sales/appraisals/\(appraisalID)", cookie: s.cookie)
            XCTAssertTrue(sheet.text.contains("Taken into stock"), sheet.text)
            let other = try await client.session("sales2")
            for path in ["/sales/quotes/\(id)", signed.headers[.location]!, "/sales/appraisals/\(appraisalID)"] {
                let r = try await client.request(.get, path, cookie: other.cookie)
                XCTAssertEqual(r.status, .notFound, path)
            }
        }
    }

    func testAManagerApprovesADiscountOnThePage() async throws {
        try await TestApp.each { client, _ in
            let s = try await client.session("sales1")
            let anna = try await OpportunityTests.customer(client, token: try await client.token("sales1"), name: "Approval", phone: "3471110202")
            let created = try await client.request(.post, "/api/v1/quotes", token: try await client.token("sales1"), json: QuoteTests.quoteBody(customer: anna, car: nil, discount: "8"))
            let id = created.json["id"] as! Int
            let page = try await client.request(.get, "/sales/quotes/\(id)", cookie: s.cookie)
            XCTAssertTrue(page.text.contains("Awaiting approval"))
            XCTAssertFalse(page.text.contains("Accept: make the contract"), "nothing to accept before approval")
            XCTAssertFalse(page.text.contains("Approve the discount"), "a salesperson cannot approve")
            let m = try await client.session("manager1")
            let managerPage = try await client.request(.get, "/sales/quotes/\(id)", cookie: m.cookie)
            XCTAssertTrue(managerPage.text.contains("Approve the discount"))
            let approved = try await client.request(.post, "/sales/quotes/\(id)/approve", form: [("_csrf", m.csrf)], cookie: m.cookie)
            XCTAssertEqual(approved.status, .seeOther)
            let after = try await client.request(.get, "/sales/quotes/\(id)", cookie: s.cookie)
            XCTAssertTrue(after.text.contains("discount approved by Luca Moretti"), after.text)
            XCTAssertTrue(after.text.contains("Accept: make the contract"))
            // a new version keeps the old one readable
            let edit = try await client.request(.get, "/sales/quotes/\(id)/edit", cookie: s.cookie)
            XCTAssertTrue(edit.text.contains("Save as a new version"))
            XCTAssertTrue(edit.text.contains(#"value="8.00""#) || edit.text.contains(#"value="8""#), edit.text)
            let v2 = try await client.request(.post, "/sales/quotes/\(id)/versions", form: [("_csrf", s.csrf), ("line_kind_0", "vehicle"), ("line_desc_0", "Dama Lusso"),
                                                                                          ("line_price_0", "30000"), ("discount_percent", "1"), ("valid_until", "")], cookie: s.cookie)
            XCTAssertEqual(v2.status, .seeOther, v2.text)
            let shown = try await client.request(.get, "/sales/quotes/\(id)?version=1", cookie: s.cookie)
            XCTAssertTrue(shown.text.contains("An earlier version: the quote now stands at version 2."))
            XCTAssertTrue(shown.text.contains("Discount (8.00 %)"))
        }
    }
}
