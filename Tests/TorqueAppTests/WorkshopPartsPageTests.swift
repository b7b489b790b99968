import TorqueTestSupport
import XCTest

/// The pages for parts kits and orders (SVC-2, SVC-3): the manager adds an operation with its
/// kit, imports more from CSV (bad rows listed, input kept), sets the rate; the parts clerk
/// records an order; the booking page shows when the parts are there.
final class WorkshopPartsPageTests: XCTestCase {
    func testKitsImportSettingsAndOrdersFromThePages() async throws {
        try await TestApp.each { client, app in
            let w = try await app.unitID("W-MI1")
            let m = try await client.session("workshop1")
            let form = { (pairs: [(String, String)]) in [("_csrf", m.csrf), ("workshop_id", "\(w)")] + pairs }
            _ = try await client.request(.post, "/service/setup/bays", form: form([("bay_name", "Lift 1"), ("capabilities", "lift")]), cookie: m.cookie)
            _ = try await client.request(.post, "/service/setup/technicians", form: form([("tech_name", "Marco Gallo"), ("skills", "brakes 2, engine 1"), ("hours", "mon-sat 08:00-12:00; mon-sat 13:00-17:00")]), cookie: m.cookie)
            let badKit = try await client.request(.post, "/service/setup/operations", form: form([("code", "BRK-D"), ("op_name", "Brake discs"), ("minutes", "60"), ("skill", "brakes"),
                                                                                                 ("parts", "TM-BD-F320 two")]), cookie: m.cookie)
            XCTAssertEqual(badKit.status, .unprocessableContent)
            XCTAssertTrue(badKit.text.contains("write each part as NUMBER or NUMBER x2"), badKit.text)
            XCTAssertTrue(badKit.text.contains(#"value="TM-BD-F320 two""#), "typed kit kept")
            let op = try await client.request(.post, "/service/setup/operations", form: form([("code", "BRK-D"), ("op_name", "Brake discs"), ("minutes", "60"), ("skill", "brakes"),
                                                                                             ("parts", "TM-BD-F320 x2, NOT-STOCKED-9")]), cookie: m.cookie)
            XCTAssertEqual(op.status, .seeOther, op.text)
            // an import with a bad row: the rows are listed and the text stays in the box
            let csv = "code,name,minutes,skill\nOIL,Oil change,thirty,engine"
            let bad = try await client.request(.post, "/service/setup/operations/import", form: form([("csv", csv)]), cookie: m.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("Nothing was imported: 1 problem(s) in the file."), bad.text)
            XCTAssertTrue(bad.text.contains("must be a whole number of minutes"))
            XCTAssertTrue(bad.text.contains("OIL,Oil change,thirty,engine</textarea>"), "the file's text is kept")
            let good = try await client.request(.post, "/service/setup/operations/import", form: form([("csv", "code,name,minutes,skill\nOIL,Oil change,30,engine")]), cookie: m.cookie)
            XCTAssertEqual(good.status, .seeOther, good.text)
            let setup = try await client.request(.get, "/service/setup?workshop_id=\(w)", cookie: m.cookie)
            XCTAssertTrue(setup.text.contains("NOT-STOCKED-9, TM-BD-F320 x2"), "the kit is on the catalog")
            XCTAssertTrue(setup.text.contains("<td>OIL</td><td>Oil change</td>"), "the imported operation is listed")
            let rate = try await client.request(.post, "/service/setup/settings", form: form([("labour_rate", "sixty"), ("simple_job_minutes", "90"), ("simple_job_level", "1")]), cookie: m.cookie)
            XCTAssertEqual(rate.status, .unprocessableContent)
            XCTAssertTrue(rate.text.contains("Labour rate must be an amount like 65.00"), rate.text)
            XCTAssertTrue(rate.text.contains(#"value="sixty""#))
            // the booking page: a part nobody stocks stops the proposals with its name
            let a = try await client.session("advisor1")
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            let vin = try await client.request(.get, "/api/v1/vehicles/\(car)", token: try await client.token("advisor1")).json["vin"] as! String
            let stopped = try await client.request(.get, "/service/book?workshop_id=\(w)&vehicle=\(vin)&op=BRK-D&find=1&notes=Waits", cookie: a.cookie)
            XCTAssertEqual(stopped.status, .unprocessableContent)
            XCTAssertTrue(stopped.text.contains("NOT-STOCKED-9 (not stocked here): 1 needed, 0 in stock and no receipt expected"), stopped.text)
            XCTAssertTrue(stopped.text.contains(#"value="Waits""#), "the notes are kept")
            // the parts page: record an order for the disc; a bad day is named beside the field
            let disc = try await app.services.db.sql.raw("SELECT id FROM parts WHERE org_unit_id = \(bind: w) AND part_number = 'TM-BD-F320'").first()!.decode(column: "id", as: Int.self)
            let badOrder = try await client.request(.post, "/stock/parts/\(disc)/orders", form: [("_csrf", m.csrf), ("quantity", "6"), ("expected_on", "soon")], cookie: m.cookie)
            XCTAssertEqual(badOrder.status, .unprocessableContent)
            XCTAssertTrue(badOrder.text.contains("Expected on must be a day like 2026-12-03"), badOrder.text)
            XCTAssertTrue(badOrder.text.contains(#"value="6""#))
            let order = try await client.request(.post, "/stock/parts/\(disc)/orders", form: [("_csrf", m.csrf), ("quantity", "6"), ("expected_on", WorkshopPartsTests.day(in: 5)), ("reference", "PO-1")], cookie: m.cookie)
            XCTAssertEqual(order.status, .seeOther, order.text)
            let page = try await client.request(.get, "/stock/parts/\(disc)", cookie: m.cookie)
            XCTAssertTrue(page.text.contains("PO-1"))
        }
    }
}
