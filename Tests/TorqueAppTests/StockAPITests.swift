import Foundation
import Hummingbird
import SQLKit
import TorqueApp
import TorqueDomain
import TorqueStore
import TorqueTestSupport
import XCTest

/// STOCK-1…3 over HTTP on both databases, with the demo stock.
final class StockAPITests: XCTestCase {
    func testRegisteringAVehicleChecksTheVINAndItsUniquenessInTheNetwork() async throws {
        try await TestApp.each { client, app in
            let manager = try await client.token("manager1")
            let dama = try await client.request(.get, "/api/v1/catalog/models?q=dama", token: manager).list[0]["id"] as! Int
            let vin = DemoStock.vin(descriptor: "D3", trim: 0, engine: 0, year: 2026, serial: 999_001)
            let created = try await client.request(.post, "/api/v1/vehicles", token: manager, json: #"{"vin":"\#(vin)","model_id":\#(dama),"trim":"BASE","engine":"P12","colour":"WHITE","price_minor":2900000}"#)
            XCTAssertEqual(created.status, .created, created.text)
            XCTAssertEqual(created.json["model_name"] as? String, "Dama", "filled from the catalog")
            XCTAssertEqual(created.json["status"] as? String, "in_stock")
            XCTAssertNotNil(created.json["in_stock_since"])
            // the same VIN again, even from another dealer, is a conflict that says no more
            let twice = try await client.request(.post, "/api/v1/vehicles", token: try await client.token("admin"), json: #"{"vin":"\#(vin)","make":"X","model_name":"Y"}"#)
            XCTAssertEqual(twice.status, .conflict)
            var typo = Array(vin); typo[16] = typo[16] == "1" ? "2" : "1"
            let bad = try await client.request(.post, "/api/v1/vehicles", token: manager, json: #"{"vin":"\#(String(typo))","model_id":\#(dama),"trim":"SPORT"}"#)
            XCTAssertEqual(bad.status, .unprocessableContent)
            let fields = (bad.json["error"] as! [String: Any])["fields"] as! [String: String]
            XCTAssertTrue(fields["vin"]?.contains("check digit") ?? false, "\(fields)")
            XCTAssertEqual(fields["trim"], "SPORT is not a trim of Torque Motors Dama 2026")
            // a sale, a change of model and a delivery keep the network counts right
            let id = created.json["id"] as! Int
            for patch in [#"{"status":"sold"}"#, #"{"status":"in_stock"}"#, #"{"model_id":\#(dama - 1),"trim":"","engine":"","colour":""}"#] {
                let r = try await client.request(.patch, "/api/v1/vehicles/\(id)", token: manager, json: patch)
                XCTAssertEqual(r.status, .ok, r.text)
            }
            try await StockCountCheck.assertConsistent(app)
        }
    }

    func testTheListFiltersSortsAndPagesWithinScope() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1")
            let all = try await client.request(.get, "/api/v1/vehicles?limit=500", token: sales).list
            XCTAssertEqual(all.count, 30, "only Autorama Milano's units")
            let old = try await client.request(.get, "/api/v1/vehicles?aging=old&limit=500", token: sales).list
            XCTAssertFalse(old.isEmpty)
            XCTAssertTrue(old.allSatisfy { ($0["in_stock_since"] as! String) <= VehicleStoreDays.before(120) })
            var seen: [Int] = []
            var cursor: String?
            repeat {
                let page = try await client.request(.get, "/api/v1/vehicles?stock=true&sort=oldest_stock&limit=7" + (cursor.map { "&cursor=" + $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! } ?? ""), token: sales)
                seen += page.list.map { $0["id"] as! Int }
                cursor = page.json["next_cursor"] as? String
            } while cursor != nil
            let stock = all.filter { ["in_stock", "in_transit", "reserved"].contains($0["status"] as! String) }
            XCTAssertEqual(seen.count, stock.count)
            XCTAssertEqual(Set(seen).count, seen.count, "no unit twice across pages")
            let byVIN = try await client.request(.get, "/api/v1/vehicles?q=\((all[0]["vin"] as! String).suffix(6))", token: sales).list
            XCTAssertEqual(byVIN.map { $0["id"] as! Int }, [all[0]["id"] as! Int])
            let other = try await client.request(.get, "/api/v1/vehicles?limit=1", token: try await client.token("sales2")).list[0]["id"] as! Int
            let r1 = try await client.request(.get, "/api/v1/vehicles/\(other)", token: sales)
            XCTAssertEqual(r1.status, .notFound)
        }
    }

    func testTwoSalespeopleReservingTheSameUnitAtOnceOneWins() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1")
            let customer = try await client.request(.post, "/api/v1/customers", token: sales, json: #"{"first_name":"Rita","last_name":"Bassi","phone":"3339876543"}"#).json["id"] as! Int
            var opportunities: [Int] = []
            for n in 0..<8 {
                let opp = try await OpportunityFixture.create(app: app, customerID: customer, unit: "D-MI1", title: "Deal \(n)")
                opportunities.append(opp)
            }
            let unit = try await client.request(.get, "/api/v1/vehicles?status=in_stock&limit=1", token: sales).list[0]["id"] as! Int
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for opp in opportunities {
                    group.addTask { try await client.request(.post, "/api/v1/vehicles/\(unit)/reserve", token: sales, json: #"{"opportunity_id":\#(opp)}"#).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            XCTAssertEqual(statuses.filter { $0 == .ok }.count, 1, "\(statuses)")
            XCTAssertEqual(statuses.filter { $0 == .conflict }.count, 7, "\(statuses)")
            let again = try await client.request(.post, "/api/v1/vehicles/\(unit)/reserve", token: sales, json: #"{"opportunity_id":\#(opportunities[0])}"#)
            XCTAssertTrue(again.text.contains("already reserved by Sara Colombo"), again.text)
            let released = try await client.request(.post, "/api/v1/vehicles/\(unit)/release", token: sales)
            XCTAssertEqual(released.json["status"] as? String, "in_stock")
            let r2 = try await client.request(.post, "/api/v1/vehicles/\(unit)/release", token: sales)
            XCTAssertEqual(r2.status, .conflict)
            let history = try await app.services.audit.history(recordType: "vehicle", recordID: unit, scope: .everything)
            XCTAssertEqual(history.items.map(\.action), ["release", "reserve"])
            try await StockCountCheck.assertConsistent(app)
        }
    }

    func testPartsLedgerAlwaysSumsAndRefusesGoingBelowZero() async throws {
        try await TestApp.each { client, app in
            let advisor = try await client.token("advisor1")
            let created = try await client.request(.post, "/api/v1/parts", token: advisor, json: #"{"part_number":"tm-test-1","name":"Test filter","reorder_point":2}"#)
            XCTAssertEqual(created.status, .created, created.text)
            let id = created.json["id"] as! Int
            for body in [#"{"kind":"receipt","quantity":10}"#, #"{"kind":"issue","quantity":3,"reference":"RO-2026-0001"}"#, #"{"kind":"sale","quantity":2}"#, #"{"kind":"adjustment","quantity":-1,"note":"stocktake"}"#] {
                let r = try await client.request(.post, "/api/v1/parts/\(id)/movements", token: advisor, json: body)
                XCTAssertEqual(r.status, .created, r.text)
            }
            let tooMany = try await client.request(.post, "/api/v1/parts/\(id)/movements", token: advisor, json: #"{"kind":"issue","quantity":5,"reference":"RO-2026-0002"}"#)
            XCTAssertEqual(tooMany.status, .unprocessableContent)
            XCTAssertEqual(((tooMany.json["error"] as! [String: Any])["fields"] as! [String: String])["quantity"], "would take TM-TEST-1 below zero: 4 in stock, 5 asked")
            let r3 = try await client.request(.post, "/api/v1/parts/\(id)/movements", token: advisor, json: #"{"kind":"issue","quantity":5,"reference":"RO-2","override":true}"#)
            XCTAssertEqual(r3.status, .forbidden, "an advisor may not override")
            let principal = try await client.token("principal1")
            let forced = try await client.request(.post, "/api/v1/parts/\(id)/movements", token: principal, json: #"{"kind":"issue","quantity":5,"reference":"RO-2","override":true}"#)
            XCTAssertEqual(forced.status, .created, forced.text)
            XCTAssertEqual(forced.json["balance_after"] as? Int, -1)
            XCTAssertEqual(forced.json["overridden"] as? Bool, true)
            let part = try await client.request(.get, "/api/v1/parts/\(id)", token: advisor).json
            let ledger = try await client.request(.get, "/api/v1/parts/\(id)/movements", token: advisor).list
            XCTAssertEqual(part["quantity"] as? Int, ledger.map { $0["quantity"] as! Int }.reduce(0, +))
            XCTAssertEqual(ledger.first?["balance_after"] as? Int, part["quantity"] as? Int)
            // every demo part's quantity equals its ledger
            let mismatched = try await app.services.db.sql.raw("""
                SELECT p.id FROM parts p LEFT JOIN (SELECT part_id, SUM(quantity) AS s FROM part_movements GROUP BY part_id) m ON m.part_id = p.id
                WHERE p.quantity <> COALESCE(m.s, 0)
                """).all()
            XCTAssertEqual(mismatched.count, 0)
            let r4 = try await client.request(.post, "/api/v1/parts/\(id)/movements", token: advisor, json: #"{"kind":"adjustment","quantity":0}"#)
            XCTAssertEqual(r4.status, .unprocessableContent)
        }
    }

    func testTheNetworkViewAndTheMatchFinderCoverTheCallersScope() async throws {
        try await TestApp.each { client, app in
            let exec = try await client.token("exec")
            let network = try await client.request(.get, "/api/v1/stock/network", token: exec).json
            let total = network["total"] as! [String: Int]
            let expected = try await app.services.db.sql.raw("SELECT COUNT(*) AS n FROM vehicles WHERE status IN ('in_stock', 'in_transit', 'reserved')").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(total["in_stock"]! + total["in_transit"]! + total["reserved"]!, expected)
            let units = network["units"] as! [[String: Any]]
            XCTAssertEqual(Set(units.map { $0["region"] as! String }), ["Region North", "Region Centre", "Region South"])
            let milan = units.first { $0["unit_code"] as? String == "D-MI1" }!
            let byModel = (milan["by_model"] as! [[String: Any]]).map { $0["in_stock"] as! Int + ($0["in_transit"] as! Int) + ($0["reserved"] as! Int) }.reduce(0, +)
            let milanTotal = milan["total"] as! [String: Int]
            XCTAssertEqual(byModel, milanTotal["in_stock"]! + milanTotal["in_transit"]! + milanTotal["reserved"]!)
            let regional = try await client.request(.get, "/api/v1/stock/network", token: try await client.token("regional1")).json
            XCTAssertEqual(Set((regional["units"] as! [[String: Any]]).map { $0["region"] as! String }), ["Region North"])
            // a unit exactly as configured is found first
            let target = try await client.request(.get, "/api/v1/vehicles?status=in_stock&limit=1&org_unit_id=\(try await app.unitID("D-NA1"))", token: exec).list[0]
            let options = (target["options"] as! String)
            let match = try await client.request(.get, "/api/v1/vehicles/match?model_id=\(target["model_id"] as! Int)&trim=\(target["trim"]!)&engine=\(target["engine"]!)&colour=\(target["colour"]!)&options=\(options)", token: exec).list
            XCTAssertEqual(match.first?["score"] as? Int, 100)
            XCTAssertTrue(match.contains { ($0["vehicle"] as! [String: Any])["id"] as? Int == target["id"] as? Int })
            let scores = match.map { $0["score"] as! Int }
            XCTAssertEqual(scores, scores.sorted(by: >))
            // parts across the network: one line per workshop, the reorder count as in the list
            let parts = try await client.request(.get, "/api/v1/parts/summary", token: exec).list
            XCTAssertEqual(parts.count, 12, "the demo's twelve workshops")
            let w = parts.first { $0["unit_name"] as? String == "Autorama Milano Service" }!
            let low = try await client.request(.get, "/api/v1/parts?reorder=true&limit=500&org_unit_id=\(w["org_unit_id"] as! Int)", token: exec).list.count
            XCTAssertEqual(w["below_reorder"] as? Int, low)
            let regionalParts = try await client.request(.get, "/api/v1/parts/summary", token: try await client.token("regional1")).list
            XCTAssertEqual(regionalParts.count, 4, "Region North's four workshops")
            let fromMilan = try await client.request(.get, "/api/v1/vehicles/match?model_id=\(target["model_id"] as! Int)", token: try await client.token("sales1")).list
            XCTAssertTrue(fromMilan.allSatisfy { ($0["vehicle"] as! [String: Any])["unit_name"] as? String == "Autorama Milano" }, "a dealer finds only its own units")
        }
    }
}

/// The kept stock counts equal a count of the vehicles themselves.
enum StockCountCheck {
    static func assertConsistent(_ app: TestApp, file: StaticString = #filePath, line: UInt = #line) async throws {
        func rows(_ sql: SQLQueryString) async throws -> Set<String> {
            Set(try await app.services.db.sql.raw(sql).all().map { r in
                "\(try r.decode(column: "u", as: Int.self))/\(try r.decode(column: "m", as: Int.self))/\(try r.decode(column: "s", as: String.self))/\(try r.decode(column: "b", as: String.self))=\(try r.decode(column: "n", as: Int.self))"
            })
        }
        let d120 = VehicleStoreDays.before(120), d30 = VehicleStoreDays.before(30)
        let live = try await rows("""
            SELECT org_unit_id AS u, COALESCE(model_id, 0) AS m, status AS s, band AS b, COUNT(*) AS n FROM (
              SELECT org_unit_id, model_id, status, CASE WHEN status IN ('in_stock', 'reserved') AND in_stock_since <= \(bind: d120) THEN 'old'
                WHEN status IN ('sold', 'delivered') AND sold_at >= \(bind: d30) THEN 'recent' ELSE '' END AS band FROM vehicles) v
            GROUP BY org_unit_id, COALESCE(model_id, 0), status, band
            """)
        let kept = try await rows("SELECT org_unit_id AS u, model_id AS m, status AS s, band AS b, units AS n FROM stock_counts WHERE units <> 0")
        XCTAssertEqual(kept, live, "stock_counts drifted", file: file, line: line)
    }
}

/// ISO days relative to today, as the stock list computes them.
enum VehicleStoreDays {
    static func before(_ days: Int) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date().addingTimeInterval(-Double(days) * 86_400))
    }
}

/// Opportunities straight in the store until the sales module has its API.
enum OpportunityFixture {
    static func create(app: TestApp, customerID: Int, unit: String, title: String) async throws -> Int {
        let unitID = try await app.unitID(unit)
        let now = "2026-11-01T10:00:00Z"
        return try await app.services.db.sql.raw("""
            INSERT INTO opportunities (org_unit_id, customer_id, title, stage, created_at, updated_at)
            VALUES (\(bind: unitID), \(bind: customerID), \(bind: title), 'new', \(bind: now), \(bind: now)) RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
    }
}

/// INT-3: stock lists from a dealer management system.
final class StockImportAPITests: XCTestCase {
    func testAStockFileIsImportedWholeOrNotAtAll() async throws {
        try await TestApp.each { client, app in
            let manager = try await client.token("manager1")
            let before = try await client.request(.get, "/api/v1/vehicles?limit=500", token: manager).list.count
            let a = DemoStock.vin(descriptor: "D3", trim: 0, engine: 0, year: 2026, serial: 777_001), b = DemoStock.vin(descriptor: "A1", trim: 1, engine: 1, year: 2026, serial: 777_002)
            let bad = try await client.request(.post, "/api/v1/vehicles/import", token: manager, json: #"{"csv":"telaio;modello;allestimento;prezzo\n\#(a);DAMA;BASE;28900\n\#(b);ARIA;SPORT;abc\n"}"#)
            XCTAssertEqual(bad.status, .unprocessableContent, bad.text)
            let details = (bad.json["error"] as! [String: Any])["details"] as! [[String: String]]
            XCTAssertEqual(details.map { $0["row"]! + " " + $0["field"]! }, ["3 price", "3 trim"])
            let unchanged = try await client.request(.get, "/api/v1/vehicles?limit=500", token: manager).list.count
            XCTAssertEqual(unchanged, before, "nothing imported")
            let good = try await client.request(.post, "/api/v1/vehicles/import", token: manager, json: #"{"csv":"vin,model,trim,engine,colour,options,price,in_stock_since\n\#(a),DAMA,BASE,P12,WHITE,NAV CAM,28900,2026-06-01\n\#(b),ARIA,STYLE,EV,RED,,24500,\n"}"#)
            XCTAssertEqual(good.status, .created, good.text)
            XCTAssertEqual(good.json["imported"] as? Int, 2)
            let after = try await client.request(.get, "/api/v1/vehicles?limit=500", token: manager).list
            XCTAssertEqual(after.count, before + 2)
            XCTAssertTrue(after.contains { $0["vin"] as? String == a && $0["in_stock_since"] as? String == "2026-06-01" && $0["options"] as? String == "CAM,NAV" })
            let again = try await client.request(.post, "/api/v1/vehicles/import", token: manager, json: #"{"csv":"vin,model\n\#(a),DAMA\n"}"#)
            XCTAssertTrue(again.text.contains("is already registered in the network"))
            try await StockCountCheck.assertConsistent(app)
            // the page keeps the text and lists the problems
            let s = try await client.session("manager1")
            let page = try await client.request(.post, "/stock/import", form: [("_csrf", s.csrf), ("csv", "vin,model\nNOTAVIN,DAMA\n")], cookie: s.cookie)
            XCTAssertEqual(page.status, .unprocessableContent)
            XCTAssertTrue(page.text.contains("must have 17 characters"))
            XCTAssertTrue(page.text.contains("NOTAVIN,DAMA"))
            let sales = try await client.token("sales1")
            let forbidden = try await client.request(.post, "/api/v1/vehicles/import", token: sales, json: #"{"csv":"vin,model\n"}"#)
            XCTAssertEqual(forbidden.status, .forbidden)
        }
    }
}
