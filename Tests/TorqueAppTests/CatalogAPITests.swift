import Foundation
import Hummingbird
import SQLKit
import TorqueApp
import TorqueDomain
import TorqueTestSupport
import XCTest

/// CAT-1…5 over HTTP on both databases, with the demo catalog.
final class CatalogAPITests: XCTestCase {
    func testASalespersonReadsTheOEMCatalogPricedByTheListInForce() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1")
            let models = try await client.request(.get, "/api/v1/catalog/models", token: sales).list
            XCTAssertEqual(models.map { $0["code"] as! String }, ["ARIA", "BRIO", "DAMA", "ESTRO", "FURIA", "GALA"])
            let dama = models.first { $0["code"] as? String == "DAMA" }!["id"] as! Int
            let march = try await client.request(.get, "/api/v1/catalog/models/\(dama)?on=2026-03-15", token: sales).json
            let september = try await client.request(.get, "/api/v1/catalog/models/\(dama)?on=2026-09-15", token: sales).json
            func base(_ m: [String: Any]) -> Int { (m["items"] as! [[String: Any]]).first { $0["code"] as? String == "BASE" }!["price_minor"] as! Int }
            XCTAssertEqual(base(march), 2_740_000, "March: the first list")
            XCTAssertEqual(base(september), DemoCatalog.raised(2_740_000), "September: the second list, 3 % dearer")
            XCTAssertEqual((march["price_list"] as! [String: Any])["valid_to"] as? String, "2026-07-01")
            let bad = try await client.request(.get, "/api/v1/catalog/models/\(dama)?on=2026-02-30", token: sales)
            XCTAssertEqual(bad.status, .unprocessableContent)
            // a salesperson cannot change the catalog
            let refused = try await client.request(.put, "/api/v1/catalog/models/\(dama)/rules", token: sales, json: #"{"rules":[]}"#)
            XCTAssertEqual(refused.status, .forbidden)
        }
    }

    func testAContradictoryRuleSetIsRefusedWithItsChainAndNothingChanges() async throws {
        try await TestApp.each { client, app in
            let admin = try await client.token("admin")
            let dama = try await client.request(.get, "/api/v1/catalog/models?q=dama", token: admin).list[0]["id"] as! Int
            let before = try await client.request(.get, "/api/v1/catalog/models/\(dama)/rules", token: admin).list.count
            let r = try await client.request(.put, "/api/v1/catalog/models/\(dama)/rules", token: admin, json: #"""
                {"rules":[{"kind":"requires","subject":"TOW","targets":["D16"]},{"kind":"requires","subject":"D16","targets":["TOP"]},{"kind":"excludes","subject":"TOP","targets":["TOW"]}]}
                """#)
            XCTAssertEqual(r.status, .unprocessableContent, r.text)
            let details = (r.json["error"] as! [String: Any])["details"] as! [[String: String]]
            XCTAssertEqual(details.first?["chain"], "Tow hitch, retractable → requires 1.6 Diesel 96 kW → requires Lusso → excludes Tow hitch, retractable")
            let r1 = try await client.request(.get, "/api/v1/catalog/models/\(dama)/rules", token: admin)
            XCTAssertEqual(r1.list.count, before)
            let unknown = try await client.request(.put, "/api/v1/catalog/models/\(dama)/rules", token: admin, json: #"{"rules":[{"kind":"demands","subject":"TOW","targets":["D16"]}]}"#)
            XCTAssertEqual(unknown.status, .unprocessableContent)
            XCTAssertNotNil((unknown.json["error"] as! [String: Any])["fields"].flatMap { ($0 as! [String: String])["rules[0].kind"] })
            let ok = try await client.request(.put, "/api/v1/catalog/models/\(dama)/rules", token: admin, json: #"{"rules":[{"kind":"requires","subject":"tow","targets":["d16"]}]}"#)
            XCTAssertEqual(ok.status, .ok, ok.text)
            let r2 = try await client.request(.get, "/api/v1/catalog/models/\(dama)/rules", token: admin)
            XCTAssertEqual(r2.list.count, 1)
        }
    }

    func testANewModelYearStartsFromTheOldOneWithItsItemsAndRules() async throws {
        try await TestApp.each { client, app in
            let admin = try await client.token("admin")
            let dama = try await client.request(.get, "/api/v1/catalog/models?q=dama", token: admin).list[0]["id"] as! Int
            let old = try await client.request(.get, "/api/v1/catalog/models/\(dama)", token: admin).json
            let copy = try await client.request(.post, "/api/v1/catalog/models/\(dama)/copy", token: admin, json: #"{"code":"dama27","model_year":2027}"#)
            XCTAssertEqual(copy.status, .created, copy.text)
            XCTAssertEqual(copy.json["code"] as? String, "DAMA27")
            XCTAssertEqual(copy.json["model_year"] as? Int, 2027)
            let new = try await client.request(.get, "/api/v1/catalog/models/\(copy.json["id"] as! Int)", token: admin).json
            XCTAssertEqual((new["items"] as! [[String: Any]]).count, (old["items"] as! [[String: Any]]).count)
            XCTAssertEqual((new["rules"] as! [[String: Any]]).count, (old["rules"] as! [[String: Any]]).count)
            XCTAssertTrue((new["items"] as! [[String: Any]]).allSatisfy { $0["price_minor"] == nil }, "priced by the next list")
            let twice = try await client.request(.post, "/api/v1/catalog/models/\(dama)/copy", token: admin, json: #"{"code":"DAMA27","model_year":2027}"#)
            XCTAssertEqual(twice.status, .conflict)
            // a dealer cannot copy the manufacturer's model; the page keeps what was typed
            let principal = try await client.session("principal1")
            let refused = try await client.request(.post, "/catalog/models/\(dama)/copy", form: [("_csrf", principal.csrf), ("code", "MINE"), ("model_year", "2027")], cookie: principal.cookie)
            XCTAssertEqual(refused.status, .forbidden, "a dealer principal has no catalog.write")
            let s = try await client.session("admin")
            let bad = try await client.request(.post, "/catalog/models/\(dama)/copy", form: [("_csrf", s.csrf), ("code", "X 1"), ("model_year", "27")], cookie: s.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("value=\"X 1\""))
            XCTAssertTrue(bad.text.contains("Model year must be a year between 1980 and 2100"))
        }
    }

    func testAPriceListFileIsImportedWholeOrNotAtAll() async throws {
        try await TestApp.each { client, app in
            let admin = try await client.token("admin")
            let bad = try await client.request(.post, "/api/v1/catalog/price-lists", token: admin, json: #"""
                {"name":"Listino 2027","csv":"model;code;price;valid_from;valid_to\nDAMA;BASE;29.000,00;2027-01-01;2027-06-01\nDAMA;BASE;29500;2027-07-01;\nDAMA;NOPE;1;2027-07-01;\n"}
                """#)
            XCTAssertEqual(bad.status, .unprocessableContent)
            let rows = ((bad.json["error"] as! [String: Any])["details"] as! [[String: String]]).map { $0["row"]! + " " + $0["field"]! }
            XCTAssertEqual(rows, ["3 valid_from", "4 code"])
            let r3 = try await client.request(.get, "/api/v1/catalog/price-lists", token: admin)
            XCTAssertEqual(r3.list.count, 2, "nothing imported")
            let good = try await client.request(.post, "/api/v1/catalog/price-lists", token: admin, json: #"{"name":"Listino 2027","csv":"model,code,price,valid_from\nDAMA,BASE,\"29,900.00\",2027-01-01\n"}"#)
            XCTAssertEqual(good.status, .created, good.text)
            let lists = try await client.request(.get, "/api/v1/catalog/price-lists", token: admin).list
            XCTAssertEqual(lists.count, 3)
            XCTAssertEqual(lists.first { $0["valid_from"] as? String == "2026-07-01" }?["valid_to"] as? String, "2027-01-01", "the open list was closed where the new one starts")
            let dama = try await client.request(.get, "/api/v1/catalog/models?q=dama", token: admin).list[0]["id"] as! Int
            let next = try await client.request(.get, "/api/v1/catalog/models/\(dama)?on=2027-02-01", token: admin).json
            let items = next["items"] as! [[String: Any]]
            XCTAssertEqual(items.first { $0["code"] as? String == "BASE" }?["price_minor"] as? Int, 2_990_000)
            XCTAssertEqual(items.first { $0["code"] as? String == "STYLE" }?["orderable"] as? Bool, false, "not priced in the new list: not orderable")
            let overlap = try await client.request(.post, "/api/v1/catalog/price-lists", token: admin, json: #"{"name":"Late","csv":"model,code,price,valid_from\nDAMA,BASE,1,2026-12-01\n"}"#)
            XCTAssertEqual(overlap.status, .unprocessableContent)
        }
    }

    func testConfiguringValidatesExplainsProposesAndSavesWithATimelessPrice() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1")
            let dama = try await client.request(.get, "/api/v1/catalog/models?q=dama", token: sales).list[0]["id"] as! Int
            let wrong = try await client.request(.post, "/api/v1/configurations", token: sales, json: #"{"model_id":\#(dama),"trim":"BASE","engine":"EV","colour":"RED","options":["TOW"]}"#)
            XCTAssertEqual(wrong.status, .unprocessableContent)
            let messages = ((wrong.json["error"] as! [String: Any])["details"] as! [[String: String]]).map { $0["message"]! }
            XCTAssertEqual(messages, ["Tow hitch, retractable requires one of the 1.2 Turbo 74 kW engine or the 1.6 Diesel 96 kW engine."])
            let check = try await client.request(.post, "/api/v1/configurations/validate", token: sales, json: #"{"model_id":\#(dama),"trim":"BASE","engine":"EV","colour":"RED","options":[],"add":"TOW"}"#).json
            let proposal = check["proposal"] as! [String: Any]
            XCTAssertEqual(proposal["engine"] as? String, "P12", "the cheapest engine the hitch allows")
            XCTAssertEqual(check["valid"] as? Bool, true)
            let saved = try await client.request(.post, "/api/v1/configurations", token: sales, json: #"{"model_id":\#(dama),"trim":"TOP","engine":"P12","colour":"RED","options":["TOW"]}"#)
            XCTAssertEqual(saved.status, .created, saved.text)
            let lines = saved.json["lines"] as! [[String: Any]]
            XCTAssertTrue(lines.contains { $0["code"] as? String == "NAV" && $0["included"] as? Bool == true }, "Lusso includes the technology package and its navigation")
            XCTAssertEqual(saved.json["price_minor"] as? Int, lines.map { $0["price"] as! Int }.reduce(0, +))
            let id = saved.json["id"] as! Int
            // saved for a customer, it is on their timeline with a link
            let customer = try await client.request(.post, "/api/v1/customers", token: sales, json: #"{"last_name":"Configurato","phone":"3471231231"}"#).json["id"] as! Int
            let forCustomer = try await client.request(.post, "/api/v1/configurations", token: sales, json: #"{"model_id":\#(dama),"trim":"BASE","engine":"P12","colour":"WHITE","customer_id":\#(customer)}"#)
            XCTAssertEqual(forCustomer.status, .created, forCustomer.text)
            let timeline = try await client.request(.get, "/api/v1/customers/\(customer)/timeline?kind=configuration", token: sales).list
            XCTAssertEqual(timeline.first?["ref_id"] as? Int, forCustomer.json["id"] as? Int)
            XCTAssertTrue((timeline.first?["title"] as? String ?? "").contains("Torque Motors Dama 2026"))
            let notMine = try await client.request(.post, "/api/v1/configurations", token: try await client.token("sales2"), json: #"{"model_id":\#(dama),"trim":"BASE","engine":"P12","colour":"WHITE","customer_id":\#(customer)}"#)
            XCTAssertEqual(notMine.errorFields["customer_id"], "is not a customer you can see")
            // a new price list does not change a saved configuration
            let admin = try await client.token("admin")
            _ = try await client.request(.post, "/api/v1/catalog/price-lists", token: admin, json: #"{"name":"Rincaro","csv":"model,code,price,valid_from\nDAMA,TOP,99999,2026-11-01\n"}"#)
            let r4 = try await client.request(.get, "/api/v1/configurations/\(id)", token: sales)
            XCTAssertEqual(r4.json["price_minor"] as? Int, saved.json["price_minor"] as? Int)
            // the shared link shows it without signing in
            let share = saved.json["share_url"] as! String
            let page = try await client.request(.get, share)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("Lusso"), page.text)
            let r5 = try await client.request(.get, "/c/" + String(repeating: "a", count: 32))
            XCTAssertEqual(r5.status, .notFound)
            // another dealer's salesperson does not see it
            let t6 = try await client.token("sales2")
            let r6 = try await client.request(.get, "/api/v1/configurations/\(id)", token: t6)
            XCTAssertEqual(r6.status, .notFound)
        }
    }

    func testWithoutOwnMakesTheDemoVINsAreNotVerifiedButAccepted() async throws {
        try await TestApp.each(configure: { $0.ownMakes = ""; $0.ownPlants = "" }) { client, app in
            let sales = try await client.token("sales1")
            var typo = Array(DemoStock.vin(descriptor: "D3", trim: 0, engine: 0, year: 2026, serial: 4242))
            typo[16] = typo[16] == "1" ? "2" : "1"
            let r = try await client.request(.get, "/api/v1/vins/\(String(typo))", token: sales)
            XCTAssertEqual(r.status, .ok, r.text)
            XCTAssertEqual(r.json["check_digit"] as? String, "not_applicable")
            XCTAssertNil(r.json["plant_name"])
        }
    }

    func testVINsAreDecodedOrRefusedPlainly() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1")
            let vin = try await app.services.db.sql.raw("SELECT vin FROM vehicles v JOIN org_units o ON o.id = v.org_unit_id WHERE o.code = 'D-MI1' LIMIT 1").first()!.decode(column: "vin", as: String.self)
            let ok = try await client.request(.get, "/api/v1/vins/\(vin.lowercased())", token: sales)
            XCTAssertEqual(ok.status, .ok, ok.text)
            XCTAssertEqual(ok.json["manufacturer"] as? String, "Torque Motors")
            XCTAssertEqual(ok.json["check_digit"] as? String, "valid")
            XCTAssertNotNil(ok.json["vehicle_id"])
            XCTAssertNotNil(ok.json["catalog_model_id"])
            let wrong = try await client.request(.get, "/api/v1/vins/WVWZZZ1JZ3W38675Q", token: sales)
            XCTAssertEqual(wrong.status, .unprocessableContent)
            XCTAssertTrue((wrong.json["error"] as! [String: Any]).description.contains("I, O or Q"))
            let golf = try await client.request(.get, "/api/v1/vins/WVWZZZ1JZ3W386752", token: sales)
            XCTAssertEqual(golf.json["check_digit"] as? String, "not_applicable")
            XCTAssertNil(golf.json["vehicle_id"])
        }
    }
}
