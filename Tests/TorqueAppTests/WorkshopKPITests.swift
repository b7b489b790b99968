import SQLKit
import TorqueDomain
import TorqueStore
import TorqueTestSupport
import XCTest

/// Workshop figures (SVC-6): efficiency from billed and clocked time, comebacks, frequent
/// operations; per technician for the workshop, per workshop for the network.
final class WorkshopKPITests: XCTestCase {
    func testEfficiencyAndComebacks() async throws {
        try await TestApp.each { client, app in
            let (w, marco, _) = try await ServiceAPITests.setUpWorkshop(client, app: app)
            let advisor = try await client.token("advisor1"), manager = try await client.token("workshop1")
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            let today = Clock.today(), earlier = CalendarDay.adding(-10, to: Clock.today())
            let period = "from=\(CalendarDay.adding(-60, to: today))&to=\(CalendarDay.adding(1, to: today))"
            // two visits of the same car for the brakes: the second is a comeback
            var orders: [Int] = []
            for _ in 0..<2 {
                let ro = try await client.request(.post, "/api/v1/repair-orders", token: advisor, json: #"{"workshop_id":\#(w),"vehicle_id":\#(car),"mileage_km":900000,"confirm_mileage":true}"#)
                XCTAssertEqual(ro.status, .created, ro.text)
                let id = ro.json["id"] as! Int
                let withLine = try await client.request(.post, "/api/v1/repair-orders/\(id)/lines", token: manager, json: #"{"code":"BRK-F","technician_id":\#(marco)}"#)
                let line = (withLine.json["lines"] as! [[String: Any]])[0]["id"] as! Int
                // an hour and a half billed, two hours clocked
                try await app.services.db.sql.raw("""
                    INSERT INTO repair_order_clocks (repair_order_id, line_id, technician_id, started_at, ended_at) VALUES (\(bind: id), \(bind: line), \(bind: marco), \(bind: earlier + "T08:00"), \(bind: earlier + "T10:00"))
                    """).run()
                let closed = try await client.request(.post, "/api/v1/repair-orders/\(id)/close", token: advisor)
                XCTAssertEqual(closed.status, .ok, closed.text)
                orders.append(id)
            }
            // the first visit was ten days earlier
            try await app.services.db.sql.raw("UPDATE repair_orders SET closed_at = \(bind: earlier + "T10:00:00Z") WHERE id = \(bind: orders[0])").run()
            // the clocks and the date above were written behind the store's back: count again
            try await app.services.workshopKPIs.rebuildCounts()
            let kpis = try await client.request(.get, "/api/v1/reports/workshop-kpis?org_unit_id=\(w)&\(period)", token: manager)
            XCTAssertEqual(kpis.status, .ok, kpis.text)
            XCTAssertEqual(kpis.json["by_technician"] as? Bool, true)
            let marcoLine = (kpis.json["lines"] as! [[String: Any]]).first { $0["label"] as? String == "Marco Gallo" }!
            XCTAssertEqual(marcoLine["billed_minutes"] as? Int, 180)
            XCTAssertEqual(marcoLine["clocked_minutes"] as? Int, 240)
            XCTAssertEqual(marcoLine["efficiency_percent"] as? Int, 75)
            let total = kpis.json["total"] as! [String: Any]
            XCTAssertEqual(total["repair_orders"] as? Int, 2)
            XCTAssertEqual(total["comebacks"] as? Int, 1, "the same car back for BRK-F within 30 days")
            XCTAssertEqual(((kpis.json["top_operations"] as? [[String: Any]])?.first)?["label"] as? String, "BRK-F")
            // the network: workshops side by side
            let network = try await client.request(.get, "/api/v1/reports/workshop-kpis?\(period)", token: try await client.token("exec"))
            XCTAssertEqual(network.json["by_technician"] as? Bool, false)
            XCTAssertEqual(((network.json["lines"] as? [[String: Any]])?.first { $0["org_unit_id"] as? Int == w })?["efficiency_percent"] as? Int, 75)
            let bad = try await client.request(.get, "/api/v1/reports/workshop-kpis?from=2026-02-01&to=2026-01-01", token: manager)
            XCTAssertEqual(bad.errorFields["to"], "must be after from")
            let page = try await client.request(.get, "/service/kpis?org_unit_id=\(w)&\(period)", cookie: try await client.session("workshop1").cookie)
            XCTAssertTrue(page.text.contains(#"<strong id="kpi-efficiency">75 %</strong>"#), page.text)
            XCTAssertTrue(page.text.contains("<svg class=\"chart\""))
            // the workshop manager's home page shows the last 30 days with the chart; a salesperson's does not
            let home = try await client.request(.get, "/", cookie: try await client.session("workshop1").cookie)
            XCTAssertTrue(home.text.contains("Efficiency <strong>75 %</strong>"), home.text)
            XCTAssertTrue(home.text.contains("most done: BRK-F (2)"))
            XCTAssertTrue(home.text.contains("<svg class=\"chart\""))
            let sales = try await client.request(.get, "/", cookie: try await client.session("sales1").cookie)
            XCTAssertFalse(sales.text.contains("workshop-kpis"))
        }
    }

    /// The counts written as orders close and clocks stop equal the counts recomputed from the
    /// orders (the migration's and the bulk load's way).
    func testKeptCountsEqualARebuild() async throws {
        try await TestApp.each { client, app in
            let (w, marco, _) = try await ServiceAPITests.setUpWorkshop(client, app: app)
            let advisor = try await client.token("advisor1"), manager = try await client.token("workshop1")
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            for extra in [false, true] {
                let ro = try await client.request(.post, "/api/v1/repair-orders", token: advisor, json: #"{"workshop_id":\#(w),"vehicle_id":\#(car),"mileage_km":900000,"confirm_mileage":true}"#)
                let id = ro.json["id"] as! Int
                let withLine = try await client.request(.post, "/api/v1/repair-orders/\(id)/lines", token: manager, json: #"{"code":"BRK-F","technician_id":\#(marco)}"#)
                _ = try await client.request(.post, "/api/v1/repair-orders/\(id)/lines", token: manager, json: #"{"description":"Wiper noise","minutes":15}"#)
                if extra { _ = try await client.request(.post, "/api/v1/repair-orders/\(id)/lines", token: manager, json: #"{"code":"ALIGN","additional":true}"#) }
                let line = (withLine.json["lines"] as! [[String: Any]])[0]["id"] as! Int
                _ = try await client.request(.post, "/api/v1/repair-orders/\(id)/clock", token: manager, json: #"{"line_id":\#(line),"technician_id":\#(marco),"action":"in"}"#)
                _ = try await client.request(.post, "/api/v1/repair-orders/\(id)/clock", token: manager, json: #"{"line_id":\#(line),"technician_id":\#(marco),"action":"out"}"#)
                let closed = try await client.request(.post, "/api/v1/repair-orders/\(id)/close", token: advisor)
                XCTAssertEqual(closed.status, .ok, closed.text)
                if !extra {
                    // the first visit was five days ago (moved behind the store's back, so counted again)
                    try await app.services.db.sql.raw("UPDATE repair_orders SET closed_at = \(bind: CalendarDay.adding(-5, to: Clock.today()) + "T10:00:00Z") WHERE id = \(bind: id)").run()
                    try await app.services.workshopKPIs.rebuildCounts()
                }
            }
            func snapshot() async throws -> [String] {
                let days = try await app.services.db.sql.raw("SELECT * FROM workshop_kpi_days ORDER BY org_unit_id, day, technician_id").all().map { r in
                    "\(try r.decode(column: "day", as: String.self)) t\(try r.decode(column: "technician_id", as: Int.self)) b\(try r.decode(column: "billed_minutes", as: Int.self)) c\(try r.decode(column: "clocked_minutes", as: Int.self)) o\(try r.decode(column: "orders", as: Int.self)) cb\(try r.decode(column: "comebacks", as: Int.self))"
                }
                let items = try await app.services.db.sql.raw("SELECT * FROM workshop_kpi_items ORDER BY org_unit_id, day, kind, label").all().map { r in
                    "\(try r.decode(column: "kind", as: String.self)) \(try r.decode(column: "label", as: String.self)) \(try r.decode(column: "count", as: Int.self))"
                }
                return days + items
            }
            let kept = try await snapshot()
            XCTAssertTrue(kept.contains { $0.hasSuffix("o1 cb1") }, "the second visit is a comeback: \(kept)")
            XCTAssertTrue(kept.contains("operation Wiper noise 1"), "\(kept)")
            XCTAssertTrue(kept.contains { $0.hasSuffix("t\(marco) b90 c0 o0 cb0") }, "unapproved extra work is not billed: \(kept)")
            try await app.services.workshopKPIs.rebuildCounts()
            let rebuilt = try await snapshot()
            XCTAssertEqual(kept, rebuilt)
        }
    }

    func testComebacksArePure() {
        let visits = [WorkshopKPI.Visit(vehicleId: 1, day: "2026-02-10", codes: ["BRK-F"]), WorkshopKPI.Visit(vehicleId: 2, day: "2026-02-10", codes: ["SRV-A"])]
        let earlier = [WorkshopKPI.Visit(vehicleId: 1, day: "2026-01-20", codes: ["BRK-F", "SRV-A"]), WorkshopKPI.Visit(vehicleId: 2, day: "2025-12-01", codes: ["SRV-A"])]
        XCTAssertEqual(WorkshopKPI.comebacks(visits, earlier: earlier), 1, "car 2 came back after more than 30 days")
        XCTAssertEqual(WorkshopKPI.efficiency(billedMinutes: 90, clockedMinutes: 0), nil)
        let hours = try! WorkingHours.parse("mon-fri 08:00-12:00").get()
        XCTAssertEqual(WorkshopKPI.openMinutes(hours, from: "2026-11-30", to: "2026-12-07"), 5 * 240)
    }
}
