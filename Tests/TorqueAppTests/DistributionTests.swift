import Foundation
import SQLKit
import TorqueDomain
import TorqueStore
import TorqueTestSupport
import XCTest

/// The manufacturer's side (DIST-1…4, FIN-2, BI-5): a dealer orders, the engine allocates with
/// its explanation, logistics overrides and ships, the carrier reports, the dealer's stock grows,
/// and the order is invoiced; concurrent orders never get the same unit.
final class DistributionTests: XCTestCase {
    static func day(in days: Int) -> String { WorkshopPartsTests.day(in: days) }

    /// A new unit at a distribution center: its id, VIN, hub and build as JSON fields of an order.
    static func hubUnit(_ app: TestApp, hub: String = "DC-N", offset: Int = 0) async throws -> (id: Int, vin: String, modelID: Int, build: String) {
        let hubID = try await app.unitID(hub)
        let r = try await app.services.db.sql.raw("""
            SELECT id, vin, model_id, trim, engine, colour, options FROM vehicles WHERE org_unit_id = \(bind: hubID) AND status = 'in_stock' ORDER BY id LIMIT 1 OFFSET \(bind: offset)
            """).first()!
        let options = try r.decode(column: "options", as: String.self).split(separator: ",").map { "\"\($0)\"" }.joined(separator: ",")
        let build = #""trim":"\#(try r.decode(column: "trim", as: String.self))","engine":"\#(try r.decode(column: "engine", as: String.self))","colour":"\#(try r.decode(column: "colour", as: String.self))","options":[\#(options)]"#
        return (try r.decode(column: "id", as: Int.self), try r.decode(column: "vin", as: String.self), try r.decode(column: "model_id", as: Int.self), build)
    }

    /// The principal of a dealer in Rome (the demo has one principal only, in Milan).
    static func otherPrincipal(_ client: TestClient, app: TestApp) async throws -> String {
        let admin = try await client.token("admin")
        let created = try await client.request(.post, "/api/v1/users", token: admin, json: """
            {"login":"principal2","name":"Roma Principal","email":"p2@x.it","org_unit_id":\(try await app.unitID("D-RM1")),"roles":["dealer_principal"],"password":"principal-two-pw"}
            """)
        XCTAssertEqual(created.status, .created, created.text)
        return try await client.token("principal2", password: "principal-two-pw")
    }

    func testADealerOrdersTheEngineAllocatesLogisticsShipsAndTheCarArrives() async throws {
        try await TestApp.each { client, app in
            let dealer = try await client.token("principal1"), logistics = try await client.token("logistics1")
            let other = try await Self.otherPrincipal(client, app: app)
            let unit = try await Self.hubUnit(app)
            let wanted = Self.day(in: 30)
            let placed = try await client.request(.post, "/api/v1/vehicle-orders", token: dealer, json: #"{"model_id":\#(unit.modelID),\#(unit.build),"quantity":1,"wanted_on":"\#(wanted)"}"#)
            XCTAssertEqual(placed.status, .created, placed.text)
            let orderID = placed.json["id"] as! Int
            XCTAssertEqual(placed.json["hub_name"] as? String, "Distribution Center Piacenza")
            let line = (placed.json["lines"] as! [[String: Any]])[0]
            XCTAssertEqual(line["status"] as? String, "allocated", placed.text)
            XCTAssertEqual(line["vin"] as? String, unit.vin)
            XCTAssertTrue((line["explanation"] as? String ?? "").contains("(the regional DC) has the exact car: VIN \(unit.vin)"), "\(line)")
            let lineID = line["id"] as! Int
            // the decision with its explanation, as a resource
            let history = try await client.request(.get, "/api/v1/vehicle-orders/\(orderID)/allocations", token: logistics)
            XCTAssertEqual(history.list.count, 1)
            let allocation = try await client.request(.get, "/api/v1/allocations/\(history.list[0]["id"] as! Int)", token: dealer)
            XCTAssertEqual(allocation.json["kind"] as? String, "exact")
            // another dealer sees neither the order nor the decision
            let hidden = try await client.request(.get, "/api/v1/vehicle-orders/\(orderID)", token: other).status
            XCTAssertEqual(hidden, .notFound)
            let hiddenAllocation = try await client.request(.get, "/api/v1/allocations/\(history.list[0]["id"] as! Int)", token: other).status
            XCTAssertEqual(hiddenAllocation, .notFound)
            // a dealer may not override; logistics may, and must say why
            let forbidden = try await client.request(.post, "/api/v1/vehicle-orders/\(orderID)/override", token: dealer, json: #"{"line_id":\#(lineID),"reason":"x"}"#).status
            XCTAssertEqual(forbidden, .forbidden)
            let noReason = try await client.request(.post, "/api/v1/vehicle-orders/\(orderID)/override", token: logistics, json: #"{"line_id":\#(lineID)}"#)
            XCTAssertEqual(noReason.status, .unprocessableContent)
            XCTAssertNotNil(noReason.errorFields["reason"])
            let second = try await Self.hubUnit(app, hub: "DC-S")
            let wrongModel = second.modelID != unit.modelID
            let moved = try await client.request(.post, "/api/v1/vehicle-orders/\(orderID)/override", token: logistics,
                                                 json: #"{"line_id":\#(lineID),"vin":"\#(second.vin)","reason":"Piacenza compound closed for inventory"}"#)
            if wrongModel {
                XCTAssertEqual(moved.status, .unprocessableContent, moved.text)
                XCTAssertTrue(moved.errorFields["vin"]?.contains("the order is for") ?? false, moved.text)
            }
            let toFactory = try await client.request(.post, "/api/v1/vehicle-orders/\(orderID)/override", token: logistics, json: #"{"line_id":\#(lineID),"reason":"Customer wants the new colour"}"#)
            XCTAssertEqual(toFactory.status, .ok, toFactory.text)
            XCTAssertEqual(toFactory.json["kind"] as? String, "override")
            XCTAssertTrue((toFactory.json["explanation"] as? String ?? "").hasPrefix("Overridden by logistics1: Customer wants the new colour."))
            let back = try await client.request(.post, "/api/v1/vehicle-orders/\(orderID)/override", token: logistics,
                                                json: #"{"line_id":\#(lineID),"vin":"\#(unit.vin.lowercased())","reason":"Compound open again"}"#)
            XCTAssertEqual(back.status, .ok, back.text)
            let decisions = try await client.request(.get, "/api/v1/vehicle-orders/\(orderID)/allocations", token: logistics).list
            XCTAssertEqual(decisions.count, 3)
            XCTAssertEqual(decisions.filter { $0["current"] as? Bool == true }.count, 1)

            // dispatch: bad input names the fields, nothing is written
            let bad = try await client.request(.post, "/api/v1/shipments", token: logistics, json: #"{"line_ids":[\#(lineID)],"carrier":"","tracking_number":"a b","eta":"2020-01-01"}"#)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertEqual(Set(bad.errorFields.keys), ["carrier", "tracking_number", "eta"])
            let tracking = "TRK-\(Int.random(in: 10_000...99_999))"
            let eta = Self.day(in: 3)
            let shipped = try await client.request(.post, "/api/v1/shipments", token: logistics, json: """
                {"line_ids":[\(lineID)],"carrier":"Autotrasporti Padani","tracking_number":"\(tracking)","eta":"\(eta)","legs":[{"from":"Piacenza","to":"Milano"}]}
                """)
            XCTAssertEqual(shipped.status, .created, shipped.text)
            let shipmentID = shipped.json["id"] as! Int
            let again = try await client.request(.post, "/api/v1/shipments", token: logistics, json: #"{"line_ids":[\#(lineID)],"carrier":"X","tracking_number":"TRK-2","eta":"\#(eta)"}"#)
            XCTAssertEqual(again.status, .conflict, again.text)
            // the car is the dealer's now, on its way; the order is invoiced
            let car = try await client.request(.get, "/api/v1/vehicles/\(unit.id)", token: dealer)
            XCTAssertEqual(car.json["status"] as? String, "in_transit", car.text)
            let invoices = try await client.request(.get, "/api/v1/settlements?order_id=\(orderID)", token: dealer)
            XCTAssertEqual(invoices.list.count, 1, invoices.text)
            XCTAssertEqual(invoices.list[0]["kind"] as? String, "invoice")
            let price = invoices.list[0]["amount_minor"] as! Int
            XCTAssertEqual((invoices.json["open_balance_minor"] as? [String: Int])?["EUR"], price)
            let progress = try await client.request(.get, "/api/v1/vehicle-orders/\(orderID)", token: dealer)
            XCTAssertEqual(((progress.json["lines"] as! [[String: Any]])[0])["eta"] as? String, eta)

            // carrier reports: unknown tracking number, out of order, then delivered
            let unknown = try await client.request(.post, "/api/v1/shipments/events", token: logistics, json: #"{"tracking_number":"NOPE-1","status":"in_transit","location":"A1"}"#)
            XCTAssertEqual(unknown.status, .unprocessableContent)
            XCTAssertNotNil(unknown.errorFields["tracking_number"])
            let onRoad = try await client.request(.post, "/api/v1/shipments/events", token: logistics, json: #"{"tracking_number":"\#(tracking.lowercased())","status":"out_for_delivery","location":"Milano Est"}"#)
            XCTAssertEqual(onRoad.status, .created, onRoad.text)
            let backwards = try await client.request(.post, "/api/v1/shipments/\(shipmentID)/events", token: logistics, json: #"{"status":"in_transit","location":"A1 Lodi"}"#)
            XCTAssertEqual(backwards.status, .conflict)
            XCTAssertTrue(backwards.errorFields["status"]?.contains("cannot go back") ?? false, backwards.text)
            let early = try await client.request(.post, "/api/v1/shipments/\(shipmentID)/events", token: logistics, json: #"{"status":"delivered","location":"Milano","happened_at":"2020-01-01T10:00:00Z"}"#)
            XCTAssertEqual(early.status, .conflict)
            XCTAssertNotNil(early.errorFields["happened_at"])
            let delivered = try await client.request(.post, "/api/v1/shipments/\(shipmentID)/events", token: logistics, json: #"{"status":"delivered","location":"Autorama Milano"}"#)
            XCTAssertEqual(delivered.status, .created, delivered.text)
            XCTAssertEqual((delivered.json["events"] as? [[String: Any]])?.count, 3)
            let arrived = try await client.request(.get, "/api/v1/vehicles/\(unit.id)", token: dealer)
            XCTAssertEqual(arrived.json["status"] as? String, "in_stock")
            let milano = try await app.unitID("D-MI1")
            XCTAssertEqual(arrived.json["org_unit_id"] as? Int, milano)
            let done = try await client.request(.get, "/api/v1/vehicle-orders/\(orderID)", token: dealer)
            XCTAssertEqual(done.json["status"] as? String, "done")
            let after = try await client.request(.post, "/api/v1/shipments/\(shipmentID)/events", token: logistics, json: #"{"status":"delivered","location":"Milano"}"#).status
            XCTAssertEqual(after, .conflict)

            // credits from the manufacturer; the dealer sees them, cannot write them
            let dealerCredit = try await client.request(.post, "/api/v1/settlements", token: dealer, json: #"{"order_id":\#(orderID),"kind":"incentive","amount_minor":50000,"reference":"INC-1"}"#).status
            XCTAssertEqual(dealerCredit, .forbidden)
            let credit = try await client.request(.post, "/api/v1/settlements", token: logistics, json: #"{"order_id":\#(orderID),"kind":"incentive","amount_minor":50000,"reference":"INC-1"}"#)
            XCTAssertEqual(credit.status, .created, credit.text)
            let dup = try await client.request(.post, "/api/v1/settlements", token: logistics, json: #"{"order_id":\#(orderID),"kind":"credit_note","amount_minor":100,"reference":"INC-1"}"#).status
            XCTAssertEqual(dup, .conflict)
            let balance = try await client.request(.get, "/api/v1/settlements?order_id=\(orderID)", token: dealer)
            XCTAssertEqual((balance.json["open_balance_minor"] as? [String: Int])?["EUR"], price - 50000)
            let invoiceID = invoices.list[0]["id"] as! Int
            let pay = try await client.request(.post, "/api/v1/settlements/\(invoiceID)/paid", token: logistics)
            XCTAssertEqual(pay.json["status"] as? String, "paid", pay.text)
            let payAgain = try await client.request(.post, "/api/v1/settlements/\(invoiceID)/paid", token: logistics).status
            XCTAssertEqual(payAgain, .conflict)
        }
    }

    func testBadOrdersAreRefusedWithTheirReasonsAndLargeOnesFlagged() async throws {
        try await TestApp.each { client, app in
            let dealer = try await client.token("principal1")
            let unit = try await Self.hubUnit(app)
            let wanted = Self.day(in: 20)
            for (json, field) in [(#""quantity":0"#, "quantity"), (#""quantity":100000"#, "quantity"), (#""quantity":1,"wanted_on":"2020-01-01""#, "wanted_on")] {
                let body = #"{"model_id":\#(unit.modelID),\#(unit.build),"wanted_on":"\#(wanted)",\#(json)}"#.replacingOccurrences(of: #""wanted_on":"\#(wanted)","quantity":1,"wanted_on""#, with: #""quantity":1,"wanted_on""#)
                let r = try await client.request(.post, "/api/v1/vehicle-orders", token: dealer, json: body)
                XCTAssertEqual(r.status, .unprocessableContent, "\(json): \(r.text)")
                XCTAssertNotNil(r.errorFields[field], "\(json): \(r.text)")
            }
            let invalid = try await client.request(.post, "/api/v1/vehicle-orders", token: dealer, json: #"{"model_id":\#(unit.modelID),"trim":"NOPE","quantity":1,"wanted_on":"\#(wanted)"}"#)
            XCTAssertEqual(invalid.status, .unprocessableContent, invalid.text)
            XCTAssertNotNil(invalid.errorFields["build"], invalid.text)
            let count = try await app.services.db.sql.raw("SELECT COUNT(*) AS n FROM vehicle_orders").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(count, 0)
            let workshop = try await client.request(.post, "/api/v1/vehicle-orders", token: try await client.token("admin"),
                                                    json: #"{"org_unit_id":\#(try await app.unitID("W-MI1")),"model_id":\#(unit.modelID),\#(unit.build),"quantity":1,"wanted_on":"\#(wanted)"}"#)
            XCTAssertEqual(workshop.status, .unprocessableContent)
            XCTAssertTrue(workshop.errorFields["org_unit_id"]?.contains("must be a dealer") ?? false, workshop.text)
            // 60 cars: above the network's limit of 50, accepted and flagged
            let big = try await client.request(.post, "/api/v1/vehicle-orders", token: dealer, json: #"{"model_id":\#(unit.modelID),\#(unit.build),"quantity":60,"wanted_on":"\#(wanted)"}"#)
            XCTAssertEqual(big.status, .created, big.text)
            let flags = big.json["flags"] as? [[String: Any]] ?? []
            XCTAssertEqual(flags.first?["kind"] as? String, "order_too_large", big.text)
            XCTAssertEqual((big.json["lines"] as? [[String: Any]])?.count, 60)
            let flagged = try await client.request(.get, "/api/v1/vehicle-orders?flagged=true", token: try await client.token("logistics1"))
            XCTAssertEqual(flagged.list.map { $0["id"] as? Int }, [big.json["id"] as? Int])
            // a discontinued model is refused with the catalog's words
            try await app.services.db.sql.raw("UPDATE catalog_models SET available_to = '2020-01-01' WHERE id = \(bind: unit.modelID)").run()
            let gone = try await client.request(.post, "/api/v1/vehicle-orders", token: dealer, json: #"{"model_id":\#(unit.modelID),\#(unit.build),"quantity":1,"wanted_on":"\#(wanted)"}"#)
            XCTAssertEqual(gone.status, .unprocessableContent)
            XCTAssertTrue(gone.errorFields["model_id"]?.contains("discontinued") ?? false, gone.text)
        }
    }

    /// Many dealers' orders for the same car at once: every unit is promised once at most.
    func testParallelOrdersNeverGetTheSameUnit() async throws {
        try await TestApp.each { client, app in
            let unit = try await Self.hubUnit(app)
            let tokens = [try await client.token("principal1"), try await Self.otherPrincipal(client, app: app)]
            let wanted = Self.day(in: 20)
            try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<12 {
                    group.addTask {
                        let r = try await client.request(.post, "/api/v1/vehicle-orders", token: tokens[i % 2], json: #"{"model_id":\#(unit.modelID),\#(unit.build),"quantity":2,"wanted_on":"\#(wanted)"}"#)
                        XCTAssertEqual(r.status, .created, r.text)
                        return r.json["id"] as? Int ?? 0
                    }
                }
                for try await _ in group {}
            }
            // and logistics allocating everything at the same time as two more orders
            let logistics = try await client.token("logistics1")
            async let all = client.request(.post, "/api/v1/vehicle-orders/allocate", token: logistics)
            async let one = client.request(.post, "/api/v1/vehicle-orders", token: tokens[0], json: #"{"model_id":\#(unit.modelID),\#(unit.build),"quantity":2,"wanted_on":"\#(wanted)"}"#)
            let (a, b) = try await (all, one)
            XCTAssertEqual(a.status, .ok, a.text)
            XCTAssertEqual(b.status, .created, b.text)
            let rows = try await app.services.db.sql.raw("SELECT vehicle_id, status FROM vehicle_order_lines").all()
            let claimed = try rows.compactMap { try $0.decode(column: "vehicle_id", as: Int?.self) }
            XCTAssertEqual(rows.count, 26)
            XCTAssertEqual(Set(claimed).count, claimed.count, "a unit was promised twice")
            XCTAssertTrue(claimed.contains(unit.id))
            let waiting = try rows.filter { try $0.decode(column: "status", as: String.self) == "pending" }.count
            XCTAssertEqual(waiting, 0, "every line was decided")
        }
    }
}
