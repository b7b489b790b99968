import Foundation
import SQLKit
import TorqueDomain
import TorqueStore
import TorqueTestSupport
import XCTest

/// The distribution pages: a refused order keeps what was typed, the order page explains each
/// car, logistics overrides and dispatches from it, the dealer's home shows the order coming;
/// flags, the plan with its measured accuracy, and the settings.
final class DistributionPageTests: XCTestCase {
    func testOrderingOverridingAndDispatchingInTheBrowser() async throws {
        try await TestApp.each { client, app in
            let dealer = try await client.session("principal1")
            let unit = try await DistributionTests.hubUnit(app)
            let build = try await app.services.db.sql.raw("SELECT trim, engine, colour, options FROM vehicles WHERE id = \(bind: unit.id)").first()!
            let fields: [(String, String)] = [("_csrf", dealer.csrf), ("model_id", "\(unit.modelID)"), ("trim", try build.decode(column: "trim", as: String.self)),
                                              ("engine", try build.decode(column: "engine", as: String.self)), ("colour", try build.decode(column: "colour", as: String.self)),
                                              ("options", try build.decode(column: "options", as: String.self)), ("wanted_on", DistributionTests.day(in: 30)), ("note", "For the spring show")]
            let refused = try await client.request(.post, "/distribution/orders", form: fields + [("quantity", "0")], cookie: dealer.cookie)
            XCTAssertEqual(refused.status, .unprocessableContent)
            XCTAssertTrue(refused.text.contains("Quantity must be at least 1"), refused.text)
            XCTAssertTrue(refused.text.contains("value=\"For the spring show\""), "the note is kept")
            let placed = try await client.request(.post, "/distribution/orders", form: fields + [("quantity", "2")], cookie: dealer.cookie)
            XCTAssertEqual(placed.status, .seeOther, placed.text)
            let location = placed.headers[.location]!
            let page = try await client.request(.get, location, cookie: dealer.cookie)
            XCTAssertTrue(page.text.contains("has the exact car: VIN \(unit.vin)"), page.text)
            XCTAssertFalse(page.text.contains("Override the engine"), "a dealer does not override")
            let home = try await client.request(.get, "/", cookie: dealer.cookie)
            XCTAssertTrue(home.text.contains("Vehicle orders under way"), home.text)

            let logistics = try await client.session("logistics1")
            let order = try await client.request(.get, location, cookie: logistics.cookie)
            XCTAssertTrue(order.text.contains("Override the engine"))
            let orderID = Int(location.split(separator: "/").last!)!
            let lines = try await app.services.vehicleOrders.get(orderID, scope: .everything).lines
            let noReason = try await client.request(.post, location + "/override", form: [("_csrf", logistics.csrf), ("line_id", "\(lines[0].id)"), ("vin", "NOTAVIN"), ("reason", "")], cookie: logistics.cookie)
            XCTAssertEqual(noReason.status, .unprocessableContent)
            XCTAssertTrue(noReason.text.contains("Why is required"), noReason.text)
            XCTAssertTrue(noReason.text.contains("value=\"NOTAVIN\""), "the VIN typed is kept")
            let allocated = lines.filter { $0.status == .allocated }
            XCTAssertFalse(allocated.isEmpty)
            // the hub's unit page says it is taken, while it stays in the hub's stock until dispatch
            let hubCar = try await client.request(.get, "/stock/vehicles/\(allocated[0].vehicleId!)", cookie: logistics.cookie)
            XCTAssertTrue(hubCar.text.contains("promised to <a href=\"/distribution/orders/\(orderID)\">VO-\(orderID)</a> car \(allocated[0].lineNo) for Autorama Milano"), hubCar.text)
            let badDispatch = try await client.request(.post, location + "/dispatch", form: [("_csrf", logistics.csrf), ("line_ids", "\(allocated[0].id)"), ("carrier", "Padana Trasporti"),
                                                                                             ("tracking_number", "no spaces"), ("eta", DistributionTests.day(in: 2)), ("legs", "")], cookie: logistics.cookie)
            XCTAssertEqual(badDispatch.status, .unprocessableContent)
            XCTAssertTrue(badDispatch.text.contains("Tracking number may hold letters, digits and dashes only"), badDispatch.text)
            XCTAssertTrue(badDispatch.text.contains("value=\"Padana Trasporti\""))
            let dispatched = try await client.request(.post, location + "/dispatch", form: [("_csrf", logistics.csrf), ("line_ids", "\(allocated[0].id)"), ("carrier", "Padana Trasporti"),
                                                                                            ("tracking_number", "PT-\(orderID)"), ("eta", DistributionTests.day(in: 2)), ("legs", "Piacenza > Lodi\nLodi > Milano")], cookie: logistics.cookie)
            XCTAssertEqual(dispatched.status, .seeOther, dispatched.text)
            let shipmentPage = try await client.request(.get, dispatched.headers[.location]!, cookie: logistics.cookie)
            XCTAssertTrue(shipmentPage.text.contains("Lodi → Milano"), shipmentPage.text)
            let backwards = try await client.request(.post, dispatched.headers[.location]! + "/events", form: [("_csrf", logistics.csrf), ("status", "delivered"), ("location", "")], cookie: logistics.cookie)
            XCTAssertEqual(backwards.status, .unprocessableContent)
            XCTAssertTrue(backwards.text.contains("Where is required"))
            let delivered = try await client.request(.post, dispatched.headers[.location]! + "/events", form: [("_csrf", logistics.csrf), ("status", "delivered"), ("location", "Milano")], cookie: logistics.cookie)
            XCTAssertEqual(delivered.status, .seeOther)
            let settlements = try await client.request(.get, "/distribution/settlements", cookie: dealer.cookie)
            XCTAssertTrue(settlements.text.contains("INV-"), settlements.text)
            XCTAssertFalse(settlements.text.contains(">Paid</button>"), "the dealer does not mark its own invoices paid")
            // the dealer's finance clerk has no Distribution module: the home page leads to the settlements
            let finance = try await client.session("finance1")
            let financeHome = try await client.request(.get, "/", cookie: finance.cookie)
            XCTAssertTrue(financeHome.text.contains("Owed to the manufacturer"), financeHome.text)
            let financeList = try await client.request(.get, "/distribution/settlements", cookie: finance.cookie)
            XCTAssertEqual(financeList.status, .ok)
            XCTAssertTrue(financeList.text.contains("INV-"))
        }
    }

    func testFlagsThePlanAndTheSettings() async throws {
        try await TestApp.each { client, app in
            let logistics = try await client.session("logistics1")
            let token = try await client.token("logistics1")
            // a dealer with a target it missed last month is flagged by the hourly job
            let lastMonth = SalesMonth.adding(-1, to: String(Clock.today().prefix(7)))
            let mi1 = try await app.unitID("D-MI1")
            try await app.services.db.sql.raw("""
                INSERT INTO sales_targets (org_unit_id, month, units, revenue_minor, updated_at) VALUES (\(bind: mi1), \(bind: lastMonth), 500, 0, '2026-01-01T00:00:00Z')
                """).run()
            let raised = try await app.services.flags.raiseSalesFlags(month: lastMonth)
            XCTAssertEqual(raised, 1)
            let again = try await app.services.flags.raiseSalesFlags(month: lastMonth)
            XCTAssertEqual(again, 1, "one flag per dealer and month")
            let flags = try await client.request(.get, "/api/v1/flags", token: token)
            XCTAssertEqual(flags.list.count, 1, flags.text)
            XCTAssertEqual(flags.list[0]["kind"] as? String, "sales_too_small")
            XCTAssertTrue((flags.list[0]["reason"] as? String ?? "").contains("of the target of 500"), flags.text)
            let home = try await client.request(.get, "/", cookie: logistics.cookie)
            XCTAssertTrue(home.text.contains("Warning flags"), "the OEM's home shows the flag")
            let cleared = try await client.request(.post, "/api/v1/flags/\(flags.list[0]["id"] as! Int)/clear", token: token)
            XCTAssertEqual(cleared.status, .ok, cleared.text)
            let clearedAgain = try await client.request(.post, "/api/v1/flags/\(flags.list[0]["id"] as! Int)/clear", token: token).status
            XCTAssertEqual(clearedAgain, .conflict)
            let none = try await client.request(.get, "/api/v1/flags", token: token).list.count
            XCTAssertEqual(none, 0)

            // the plan: every demo dealer × model, with an accuracy measured on held-out months
            let plan = try await client.request(.get, "/api/v1/distribution-plan", token: token)
            XCTAssertEqual(plan.status, .ok, plan.text)
            let rows = plan.json["rows"] as? [[String: Any]] ?? []
            XCTAssertEqual(rows.count, 12 * DemoCatalog.all.count)
            let accuracy = plan.json["accuracy"] as? [String: Any] ?? [:]
            XCTAssertEqual((accuracy["months"] as? [String])?.count, 3)
            XCTAssertLessThan(accuracy["wape"] as? Double ?? 1, accuracy["naive_wape"] as? Double ?? 0, "the seasonal method beats 'like last month' on the demo history")
            for r in rows { XCTAssertEqual(r["to_send"] as? Int, max(0, Int((r["forecast"] as! Double).rounded()) - (r["stock"] as! Int) - (r["coming"] as! Int)), "\(r)") }
            let dealerPlan = try await client.request(.get, "/api/v1/distribution-plan", token: try await client.token("principal1"))
            XCTAssertEqual((dealerPlan.json["rows"] as? [[String: Any]])?.count, DemoCatalog.all.count, "a dealer plans its own cars only")
            let page = try await client.request(.get, "/distribution/plan", cookie: logistics.cookie)
            XCTAssertTrue(page.text.contains("Measured on held-out months"), page.text)
            let production = try await client.request(.get, "/api/v1/production-plan", token: token)
            XCTAssertEqual((production.json["models"] as? [[String: Any]])?.count, DemoCatalog.all.count, production.text)

            // settings: refused values keep what was typed; saved values rule the next order
            let bad = try await client.request(.post, "/distribution/settings", form: [("_csrf", logistics.csrf), ("min_similarity", "150"), ("max_distance_km", "800"), ("km_per_point", "100"),
                                                                                   ("max_order_units", "5"), ("max_times_average", "3"), ("min_past_orders", "3"), ("min_share_percent", "50")], cookie: logistics.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("Least similarity must be from 0 to 100"), bad.text)
            XCTAssertTrue(bad.text.contains("value=\"800\""))
            let saved = try await client.request(.put, "/api/v1/distribution-settings", token: token, json: #"{"max_order_units":5}"#)
            XCTAssertEqual(saved.json["max_order_units"] as? Int, 5, saved.text)
            let unit = try await DistributionTests.hubUnit(app)
            let order = try await client.request(.post, "/api/v1/vehicle-orders", token: try await client.token("principal1"),
                                                 json: #"{"model_id":\#(unit.modelID),\#(unit.build),"quantity":6,"wanted_on":"\#(DistributionTests.day(in: 20))"}"#)
            XCTAssertEqual((order.json["flags"] as? [[String: Any]])?.first?["reason"] as? String, "6 cars is above the limit of 5 for one order", order.text)
        }
    }
}
