import TorqueTestSupport
import XCTest

/// Fleet accounts (SALES-5) and instant quotes from ready-made offers (QUOTE-5): a company with
/// its contact, an offer published by the manager, ten cars quoted in one step at the fleet
/// tier with a lease per car, and the pages that do the same.
final class AccountTests: XCTestCase {
    static let offer = """
        {"name":"Brio business lease","lines":[{"kind":"vehicle","description":"Brio Style","unit_minor":2500000},{"kind":"fee","description":"Registration","unit_minor":30000}],
         "discount_percent":"1","finance":{"kind":"lease","rate":"2.9","term_months":36,"residual_minor":1250000,"km_per_year":20000},"note":"Maintenance included"}
        """

    static func company(_ client: TestClient, token: String, name: String) async throws -> Int {
        let r = try await client.request(.post, "/api/v1/customers", token: token, json: #"{"kind":"company","company_name":"\#(name)","email":"fleet@\#(name.lowercased().filter(\.isLetter)).example","on_duplicate":"create"}"#)
        XCTAssertEqual(r.status, .created, r.text)
        return r.json["id"] as! Int
    }

    func testTenCarsForAFleetInOneStep() async throws {
        try await TestApp.each { client, _ in
            let sales = try await client.token("sales1"), manager = try await client.token("manager1")
            let company = try await Self.company(client, token: sales, name: "Flotte Lombarde")
            let account = try await client.request(.post, "/api/v1/accounts", token: sales, json: #"{"customer_id":\#(company),"industry":"Logistics","fleet_size":40,"payment_terms_days":60}"#)
            XCTAssertEqual(account.status, .created, account.text)
            XCTAssertEqual(account.json["name"] as? String, "Flotte Lombarde")
            let again = try await client.request(.post, "/api/v1/accounts", token: sales, json: #"{"customer_id":\#(company)}"#)
            XCTAssertEqual(again.status, .conflict)
            let person = try await OpportunityTests.customer(client, token: sales, name: "Fleetmanager", phone: "3471110501")
            let notCompany = try await client.request(.post, "/api/v1/accounts", token: sales, json: #"{"customer_id":\#(person)}"#)
            XCTAssertEqual(notCompany.errorFields["customer_id"], "is a person; an account is a company customer")
            let withContact = try await client.request(.post, "/api/v1/accounts/\(company)/contacts", token: sales, json: #"{"customer_id":\#(person),"role":"Fleet manager"}"#)
            XCTAssertEqual(((withContact.json["contacts"] as? [[String: Any]])?.first)?["role"] as? String, "Fleet manager")
            // the manager publishes an offer; a salesperson may not
            let refused = try await client.request(.post, "/api/v1/quote-templates", token: sales, json: Self.offer)
            XCTAssertEqual(refused.status, .forbidden)
            let template = try await client.request(.post, "/api/v1/quote-templates", token: manager, json: Self.offer)
            XCTAssertEqual(template.status, .created, template.text)
            let tid = template.json["id"] as! Int
            // ten cars in one step: the 10-car tier (5 %) on top of the offer's 1 %, no approval needed
            let quote = try await client.request(.post, "/api/v1/quotes/instant", token: sales, json: #"{"template_id":\#(tid),"customer_id":\#(company),"quantity":10}"#)
            XCTAssertEqual(quote.status, .created, quote.text)
            XCTAssertEqual(quote.json["title"] as? String, "10 × Brio business lease")
            XCTAssertEqual(quote.json["status"] as? String, "open", "the fleet tier is the dealer's policy, not the salesperson's discount")
            let v = quote.json["current"] as! [String: Any]
            XCTAssertEqual(v["fleet_discount"] as? String, "5.00")
            let totals = v["totals"] as! [String: Any]
            XCTAssertEqual(totals["goods_minor"] as? Int, 25_000_000)
            XCTAssertEqual(totals["discount_minor"] as? Int, 1_500_000, "6 % of 250,000")
            XCTAssertEqual(totals["total_minor"] as? Int, 25_000_000 - 1_500_000 + 300_000)
            XCTAssertEqual((v["finance"] as? [String: Any])?["residual_minor"] as? Int, 12_500_000, "the residual per car times ten")
            XCTAssertEqual((v["lines"] as? [[String: Any]])?.first?["quantity"] as? Int, 10)
            // a private buyer of the same offer gets no fleet tier
            let single = try await client.request(.post, "/api/v1/quotes/instant", token: sales, json: #"{"template_id":\#(tid),"customer_id":\#(person),"quantity":10}"#)
            XCTAssertEqual(((single.json["current"] as? [String: Any])?["totals"] as? [String: Any])?["discount_minor"] as? Int, 250_000, "1 % only")
            // bad input, other dealers
            let zero = try await client.request(.post, "/api/v1/quotes/instant", token: sales, json: #"{"template_id":\#(tid),"customer_id":\#(company),"quantity":0}"#)
            XCTAssertEqual(zero.errorFields["quantity"], "must be from 1 to 1,000 cars")
            let sales2 = try await client.token("sales2")
            let foreignOffer = try await client.request(.post, "/api/v1/quotes/instant", token: sales2, json: #"{"template_id":\#(tid),"customer_id":\#(company),"quantity":2}"#)
            XCTAssertEqual(foreignOffer.errorFields["template_id"], "is not an offer your dealer can use")
            let foreign = try await client.request(.get, "/api/v1/accounts/\(company)", token: sales2)
            XCTAssertEqual(foreign.status, .notFound)
            let badTiers = try await client.request(.put, "/api/v1/quote-settings", token: manager, json: #"{"fleet_tiers":[{"min_quantity":10,"discount":"5"},{"min_quantity":5,"discount":"3"}]}"#)
            XCTAssertEqual(badTiers.errorFields["fleet_tiers[1].min_quantity"], "must be more than the step before")
            let tiers = try await client.request(.put, "/api/v1/quote-settings", token: manager, json: #"{"fleet_tiers":[{"min_quantity":3,"discount":"4"}]}"#)
            XCTAssertEqual(((tiers.json["fleet_tiers"] as? [[String: Any]])?.first)?["discount"] as? String, "4.00")
            let listed = try await client.request(.get, "/api/v1/accounts?q=lomb", token: sales).list
            XCTAssertEqual(listed.map { $0["customer_id"] as? Int }, [company])
        }
    }

    func testAnInstantQuoteFromTheAccountPage() async throws {
        try await TestApp.each { client, _ in
            let sales = try await client.token("sales1")
            let company = try await Self.company(client, token: sales, name: "Pagine Flotte")
            let s = try await client.session("sales1")
            let customerPage = try await client.request(.get, "/customers/\(company)", cookie: s.cookie)
            XCTAssertTrue(customerPage.text.contains("Make it a fleet account"))
            // a mistake goes back to the company's page with the form open and what was typed
            let refused = try await client.request(.post, "/sales/accounts", form: [("_csrf", s.csrf), ("customer_id", "\(company)"), ("industry", "Car rental & vans"), ("fleet_size", "twelve"), ("payment_terms_days", "45")], cookie: s.cookie)
            XCTAssertEqual(refused.status, .seeOther)
            let back = try await client.request(.get, refused.headers[.location]!.components(separatedBy: "#")[0], cookie: s.cookie)
            XCTAssertTrue(back.text.contains("<details open><summary>Make it a fleet account"), back.text)
            XCTAssertTrue(back.text.contains("value=\"Car rental &amp; vans\""))
            XCTAssertTrue(back.text.contains("value=\"twelve\"") && back.text.contains("value=\"45\""))
            XCTAssertTrue(refused.headers[.setCookie]?.contains("fleet%20size%20must%20be%20a%20whole%20number") ?? false, "the reason comes as the flash message")
            let made = try await client.request(.post, "/sales/accounts", form: [("_csrf", s.csrf), ("customer_id", "\(company)"), ("industry", "Rental"), ("fleet_size", "12"), ("payment_terms_days", "30")], cookie: s.cookie)
            XCTAssertEqual(made.headers[.location], "/sales/accounts/\(company)")
            let tid = try await client.request(.post, "/api/v1/quote-templates", token: try await client.token("manager1"), json: Self.offer).json["id"] as! Int
            let bad = try await client.request(.post, "/sales/accounts/\(company)/instant", form: [("_csrf", s.csrf), ("template_id", "\(tid)"), ("quantity", "many")], cookie: s.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains(#"value="many""#))
            let made2 = try await client.request(.post, "/sales/accounts/\(company)/instant", form: [("_csrf", s.csrf), ("template_id", "\(tid)"), ("quantity", "5")], cookie: s.cookie)
            XCTAssertEqual(made2.status, .seeOther, made2.text)
            let quote = try await client.request(.get, made2.headers[.location]!, cookie: s.cookie)
            XCTAssertTrue(quote.text.contains("of which fleet 3.00 %"), quote.text)
            XCTAssertTrue(quote.text.contains("a month per car for 5 cars"))
            let contact = try await client.request(.post, "/sales/accounts/\(company)/contacts", form: [("_csrf", s.csrf), ("person", "nobody"), ("role", "Buyer")], cookie: s.cookie)
            XCTAssertEqual(contact.status, .unprocessableContent)
            XCTAssertTrue(contact.text.contains("must be a customer number like C-10042"))
            // a manager keeps that quote as another offer
            let m = try await client.session("manager1")
            let id = made2.headers[.location]!.split(separator: "/").last!
            let saved = try await client.request(.post, "/sales/quotes/\(id)/template", form: [("_csrf", m.csrf), ("name", "Five Brios")], cookie: m.cookie)
            XCTAssertEqual(saved.status, .seeOther)
            let offers = try await client.request(.get, "/api/v1/quote-templates", token: sales).list
            let five = offers.first { $0["name"] as? String == "Five Brios" }
            XCTAssertEqual(((five?["lines"] as? [[String: Any]])?.first)?["quantity"] as? Int, 1, "kept per car")
        }
    }
}

/// The quote rules page (QUOTE-1, SALES-5): limits and tiers set by a manager, mistakes named.
final class QuoteSettingsPageTests: XCTestCase {
    func testAManagerSetsTheRulesOnTheirPage() async throws {
        try await TestApp.each { client, _ in
            let m = try await client.session("manager1")
            let page = try await client.request(.get, "/sales/quote-settings", cookie: m.cookie)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("The country&#39;s rate is 22.00 %") || page.text.contains("The country's rate is 22.00 %"), page.text)
            XCTAssertTrue(page.text.contains(#"id="limit_salesperson" name="limit_salesperson" value="3.00""#))
            let bad = try await client.request(.post, "/sales/quote-settings", form: [("_csrf", m.csrf), ("tax_rate", ""), ("valid_days", "30"), ("limit_salesperson", "lots"),
                                                                                     ("tier_quantity_0", "10"), ("tier_discount_0", "5"), ("tier_quantity_1", "5"), ("tier_discount_1", "3")], cookie: m.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("must be a percentage like 3"))
            XCTAssertTrue(bad.text.contains(#"value="lots""#))
            let badTiers = try await client.request(.post, "/sales/quote-settings", form: [("_csrf", m.csrf), ("valid_days", "30"), ("limit_salesperson", "4"),
                                                                                          ("tier_quantity_0", "10"), ("tier_discount_0", "5"), ("tier_quantity_1", "5"), ("tier_discount_1", "3")], cookie: m.cookie)
            XCTAssertTrue(badTiers.text.contains("must be more than the step before"), badTiers.text)
            let ok = try await client.request(.post, "/sales/quote-settings", form: [("_csrf", m.csrf), ("valid_days", "30"), ("limit_salesperson", "4"),
                                                                                    ("tier_quantity_0", "5"), ("tier_discount_0", "3"), ("tier_quantity_1", "10"), ("tier_discount_1", "6")], cookie: m.cookie)
            XCTAssertEqual(ok.status, .seeOther, ok.text)
            let api = try await client.request(.get, "/api/v1/quote-settings", token: try await client.token("sales1"))
            XCTAssertEqual((api.json["discount_limits"] as? [String: String])?["salesperson"], "4.00")
            XCTAssertEqual(api.json["valid_days"] as? Int, 30)
            XCTAssertEqual((api.json["fleet_tiers"] as? [[String: Any]])?.last?["discount"] as? String, "6.00")
            let s = try await client.session("sales1")
            let refused = try await client.request(.get, "/sales/quote-settings", cookie: s.cookie)
            XCTAssertEqual(refused.status, .forbidden)
        }
    }
}
