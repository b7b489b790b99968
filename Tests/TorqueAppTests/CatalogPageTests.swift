import Foundation
import Hummingbird
import SQLKit
import TorqueApp
import TorqueDomain
import TorqueTestSupport
import XCTest

/// The catalog, configurator and stock pages as a person uses them: forms keep what was typed
/// and say what is wrong beside the field.
final class CatalogPageTests: XCTestCase {
    func testTheConfiguratorRepairsTheBuildAfterEachChoiceAndSavesIt() async throws {
        try await TestApp.each { client, app in
            let s = try await client.session("sales1")
            let dama = try await client.request(.get, "/api/v1/catalog/models?q=dama", token: try await client.token("sales1")).list[0]["id"] as! Int
            let first = try await client.request(.get, "/configure/\(dama)", cookie: s.cookie)
            XCTAssertEqual(first.status, .ok)
            XCTAssertTrue(first.text.contains("Essenziale"), "starts from the cheapest trim")
            XCTAssertTrue(first.text.contains("Tow hitch, retractable"))
            // choosing the electric engine, then the tow hitch: the hitch swaps the engine back
            let ev = try await client.request(.get, "/configure/\(dama)?was=BASE,P12,WHITE&trim=BASE&engine=EV&colour=WHITE", cookie: s.cookie)
            XCTAssertTrue(ev.text.contains("Heat pump (EV)"))
            let tow = try await client.request(.get, "/configure/\(dama)?was=BASE,EV,WHITE&trim=BASE&engine=EV&colour=WHITE&o=TOW", cookie: s.cookie)
            XCTAssertTrue(tow.text.contains("Added 1.2 Turbo 74 kW: Tow hitch, retractable requires it."), tow.text)
            XCTAssertTrue(tow.text.contains("name=\"engine\" value=\"P12\" checked"), "the petrol engine is now chosen")
            // an option the hitch-less build cannot take says why
            XCTAssertTrue(first.text.contains("adds Tow hitch") || first.text.contains("Bike carrier"), "hints say what a choice pulls in")
            let saved = try await client.request(.post, "/configure/\(dama)", form: [("_csrf", s.csrf), ("trim", "BASE"), ("engine", "P12"), ("colour", "WHITE"), ("o", "TOW")], cookie: s.cookie)
            XCTAssertEqual(saved.status, .seeOther)
            let page = try await client.request(.get, saved.headers[.location]!, cookie: s.cookie)
            XCTAssertTrue(page.text.contains("Tow hitch, retractable"))
            XCTAssertTrue(page.text.contains("/c/"), "the share link is shown")
            // a broken build sent by hand is refused with the reason, nothing saved
            let before = try await app.services.db.sql.raw("SELECT COUNT(*) AS n FROM configurations").first()!.decode(column: "n", as: Int.self)
            let broken = try await client.request(.post, "/configure/\(dama)", form: [("_csrf", s.csrf), ("trim", "BASE"), ("engine", "EV"), ("colour", "WHITE"), ("o", "TOW")], cookie: s.cookie)
            XCTAssertEqual(broken.status, .unprocessableContent)
            XCTAssertTrue(broken.text.contains("Tow hitch, retractable requires one of"), broken.text)
            let after = try await app.services.db.sql.raw("SELECT COUNT(*) AS n FROM configurations").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(after, before)
        }
    }

    func testRuleAndItemFormsKeepInputAndShowTheContradiction() async throws {
        try await TestApp.each { client, app in
            let s = try await client.session("admin")
            let dama = try await client.request(.get, "/api/v1/catalog/models?q=dama", token: try await client.token("admin")).list[0]["id"] as! Int
            let text = "TOW requires D16\nD16 requires TOP\nTOP excludes TOW"
            let r = try await client.request(.post, "/catalog/models/\(dama)/rules", form: [("_csrf", s.csrf), ("rules", text)], cookie: s.cookie)
            XCTAssertEqual(r.status, .unprocessableContent)
            XCTAssertTrue(r.text.contains("Tow hitch, retractable can never be chosen: Tow hitch, retractable → requires 1.6 Diesel 96 kW → requires Lusso → excludes Tow hitch, retractable."), r.text)
            XCTAssertTrue(r.text.contains("TOP excludes TOW</textarea>"), "the typed rules are kept")
            let garbled = try await client.request(.post, "/catalog/models/\(dama)/rules", form: [("_csrf", s.csrf), ("rules", "TOW needs D16")], cookie: s.cookie)
            XCTAssertTrue(garbled.text.contains("line 1 must read like"))
            let item = try await client.request(.post, "/catalog/models/\(dama)/items", form: [("_csrf", s.csrf), ("code", "FRIDGE"), ("name", ""), ("kind", "option"), ("available_from", "2027-02-30")], cookie: s.cookie)
            XCTAssertEqual(item.status, .unprocessableContent)
            XCTAssertTrue(item.text.contains("Name is required"))
            XCTAssertTrue(item.text.contains("must be a date like 2027-01-01"))
            XCTAssertTrue(item.text.contains("value=\"FRIDGE\""), "the code typed is kept")
            let salesPage = try await client.request(.get, "/catalog/models/\(dama)", cookie: try await client.session("sales1").cookie)
            XCTAssertFalse(salesPage.text.contains("Edit the rules"), "only catalog writers see the editors")
        }
    }

    func testAPriceListUploadWithProblemsListsThemByRowAndKeepsTheText() async throws {
        try await TestApp.each { client, app in
            let s = try await client.session("admin")
            let csv = "model,code,price,valid_from\nDAMA,BASE,abc,2027-01-01\nDAMA,NOPE,1,2027-01-01\n"
            let r = try await client.request(.post, "/catalog/price-lists", form: [("_csrf", s.csrf), ("name", "Listino 2027"), ("csv", csv)], cookie: s.cookie)
            XCTAssertEqual(r.status, .unprocessableContent)
            XCTAssertTrue(r.text.contains("2 problem(s) in the file"))
            XCTAssertTrue(r.text.contains("must be an amount of at least 0"))
            XCTAssertTrue(r.text.contains("DAMA,NOPE,1,2027-01-01"), "the file text is kept for correcting")
            let ok = try await client.request(.post, "/catalog/price-lists", form: [("_csrf", s.csrf), ("name", "Listino 2027"), ("csv", "model,code,price,valid_from\nDAMA,BASE,30000,2027-01-01\n")], cookie: s.cookie)
            XCTAssertEqual(ok.status, .seeOther)
            let catalog = try await client.request(.get, "/catalog?on=2027-02-01", cookie: s.cookie)
            XCTAssertTrue(catalog.text.contains("Listino 2027</a> <span class=\"tag good\">in force on 2027-02-01"), catalog.text)
        }
    }

    func testStockPagesFilterSaveViewsRegisterReserveAndMoveParts() async throws {
        try await TestApp.each { client, app in
            let s = try await client.session("manager1")
            let list = try await client.request(.get, "/stock?aging=old&sort=oldest_stock", cookie: s.cookie)
            XCTAssertEqual(list.status, .ok)
            XCTAssertTrue(list.text.contains("age-old"))
            let saved = try await client.request(.post, "/stock/views", form: [("_csrf", s.csrf), ("name", "Old stock"), ("query", "aging=old&sort=oldest_stock&evil=1")], cookie: s.cookie)
            XCTAssertEqual(saved.headers[.location], "/stock?aging=old&sort=oldest_stock", "unknown keys are dropped")
            let stock = try await client.request(.get, "/stock", cookie: s.cookie)
            XCTAssertTrue(stock.text.contains(">Old stock</a>"))
            // registering with a mistyped VIN keeps what was typed
            let dama = try await client.request(.get, "/api/v1/catalog/models?q=dama", token: try await client.token("manager1")).list[0]["id"] as! Int
            let form = try await client.request(.get, "/stock/vehicles/new?model_id=\(dama)", cookie: s.cookie)
            XCTAssertTrue(form.text.contains("Lusso"), "the chosen model's trims are offered")
            let bad = try await client.request(.post, "/stock/vehicles", form: [("_csrf", s.csrf), ("model_id", "\(dama)"), ("vin", "ZTMD3AP01TT999999"), ("trim", "TOP"), ("price", "31000"), ("location", "Yard Z")], cookie: s.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("check digit"), bad.text)
            XCTAssertTrue(bad.text.contains("value=\"Yard Z\""))
            XCTAssertTrue(bad.text.contains("value=\"31000\""))
            let vin = DemoStock.vin(descriptor: "D3", trim: 2, engine: 0, year: 2026, serial: 999_999)
            let good = try await client.request(.post, "/stock/vehicles", form: [("_csrf", s.csrf), ("model_id", "\(dama)"), ("vin", vin), ("trim", "TOP"), ("engine", "P12"), ("colour", "RED"), ("price", "31000"), ("location", "Yard Z")], cookie: s.cookie)
            XCTAssertEqual(good.status, .seeOther, good.text)
            let page = try await client.request(.get, good.headers[.location]!, cookie: s.cookie)
            XCTAssertTrue(page.text.contains("check digit verified"))
            XCTAssertTrue(page.text.contains("Technology package"), "equipment lists what the trim includes")
            // parts: a movement below zero is refused beside the field
            let part = try await app.services.db.sql.raw("SELECT id, quantity FROM parts WHERE org_unit_id = \(bind: try await app.unitID("W-MI1")) ORDER BY id LIMIT 1").first()!
            let partID = try part.decode(column: "id", as: Int.self), quantity = try part.decode(column: "quantity", as: Int.self)
            let advisor = try await client.session("advisor1")
            let tooMany = try await client.request(.post, "/stock/parts/\(partID)/movements", form: [("_csrf", advisor.csrf), ("kind", "sale"), ("quantity", "\(quantity + 1)")], cookie: advisor.cookie)
            XCTAssertEqual(tooMany.status, .unprocessableContent)
            XCTAssertTrue(tooMany.text.contains("below zero"))
            XCTAssertTrue(tooMany.text.contains("value=\"\(quantity + 1)\""))
            let network = try await client.request(.get, "/stock/network", cookie: try await client.session("exec").cookie)
            XCTAssertTrue(network.text.contains("Region South"))
            XCTAssertTrue(network.text.contains("Dama"))
            let vinPage = try await client.request(.get, "/vin?vin=\(vin)", cookie: s.cookie)
            XCTAssertTrue(vinPage.text.contains("Torino Assembly Plant (T)"))
        }
    }
}

extension CatalogPageTests {
    func testEmptyValuesHideTheirLinesAndShowTheirFallbacks() async throws {
        try await TestApp.each { client, app in
            let s = try await client.session("manager1")
            let unit = try await client.request(.get, "/api/v1/vehicles?kind=new&status=in_stock&limit=1", token: try await client.token("manager1")).list[0]
            XCTAssertEqual(unit["plate"] as? String, "")
            let page = try await client.request(.get, "/stock/vehicles/\(unit["id"] as! Int)", cookie: s.cookie)
            XCTAssertFalse(page.text.contains("<dt>Plate</dt>"), "no plate, no plate line")
            XCTAssertFalse(page.text.contains("New,"), "no mileage, no comma")
            let customer = try await client.request(.post, "/api/v1/customers", token: try await client.token("sales1"), json: #"{"last_name":"Senzatelefono","email":"st@example.it"}"#).json["id"] as! Int
            let cpage = try await client.request(.get, "/customers/\(customer)", cookie: try await client.session("sales1").cookie)
            XCTAssertTrue(cpage.text.contains("<dt>Phone</dt><dd><span class=\"muted\">none</span></dd>"), "an empty phone says none")
            let leads = try await client.request(.get, "/leads", cookie: try await client.session("sales1").cookie)
            XCTAssertFalse(leads.text.contains(">Next page</a>"), "no next page on a short list")
        }
    }
}

extension CatalogPageTests {
    func testExtremeNumbersAndForeignUnitsAreFieldErrors() async throws {
        try await TestApp.each { client, app in
            let s = try await client.session("manager1")
            let huge = try await client.request(.post, "/stock/vehicles", form: [("_csrf", s.csrf), ("vin", "1M8GDM9AXKP042788"), ("make", "Mercury"), ("model_name", "Bus"), ("price", "99999999999999999")], cookie: s.cookie)
            XCTAssertEqual(huge.status, .unprocessableContent)
            XCTAssertTrue(huge.text.contains("must be an amount from 0 to 1,000,000,000"))
            let manager = try await client.token("manager1")
            let part = try await client.request(.get, "/api/v1/parts?limit=1", token: manager).list[0]["id"] as! Int
            let minimum = try await client.request(.post, "/api/v1/parts/\(part)/movements", token: manager, json: #"{"kind":"adjustment","quantity":-9223372036854775808,"note":"x"}"#)
            XCTAssertEqual(minimum.status, .unprocessableContent)
            let sibling = try await app.unitID("D-MI2")
            let foreign = try await client.request(.post, "/api/v1/vehicles", token: manager, json: #"{"vin":"1M8GDM9AXKP042788","make":"Mercury","model_name":"Bus","org_unit_id":\#(sibling)}"#)
            XCTAssertEqual(foreign.errorFields["org_unit_id"], "is not a unit you can see")
        }
    }
}
