import SQLKit
import TorqueTestSupport
import XCTest

/// Work orders from the previous system (INT-3) and notes for the customer (SVC-4): a file
/// with mistakes is refused row by row with nothing written; a good one becomes closed orders
/// on their days, moves the car's mileage and plan and counts in the figures; twice is refused.
final class WorkOrderImportTests: XCTestCase {
    func testWorkOrdersComeInWholeOrNotAtAll() async throws {
        try await TestApp.each { client, app in
            let (w, _, _) = try await ServiceAPITests.setUpWorkshop(client, app: app)
            let manager = try await client.token("workshop1")
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            let vin = try await app.services.db.sql.raw("SELECT vin FROM vehicles WHERE id = \(bind: car)").first()!.decode(column: "vin", as: String.self)
            try await app.services.db.sql.raw("UPDATE vehicles SET mileage_km = 10000 WHERE id = \(bind: car)").run()
            let good = """
                numero;telaio;data;km;tipo;codice;descrizione;minuti;quantita;prezzo;tecnico
                OLD-1;\(vin);2026-01-10;30000;labour;BRK-F;Front brakes;90;;;Marco Gallo
                OLD-1;\(vin);2026-01-10;30000;part;TM-BP-F300;Brake pads;;2;79,00;
                OLD-2;\(vin);2026-01-25;31000;;BRK-F;Front brakes again;60;;;
                """
            let bad = good + "\nOLD-3;NOTAVIN;2026-13-01;lots;wash;;;;;;\nOLD-1;\(vin);2026-01-11;30000;labour;X;Y;10;;;\nOLD-4;\(vin);2026-02-01;32000;labour;A;B;30;;;Nobody Known"
            let refused = try await client.request(.post, "/api/v1/repair-orders/import", token: manager, json: try Self.json(["workshop_id": w, "csv": bad]))
            XCTAssertEqual(refused.status, .unprocessableContent, refused.text)
            let rows = ((refused.json["error"] as? [String: Any])?["details"] as? [[String: String]]) ?? []
            XCTAssertEqual(Set(rows.map { "\($0["row"]!) \($0["field"]!)" }), ["5 vin", "5 day", "5 mileage_km", "5 kind", "5 description", "6 number"], refused.text)
            let count = try await app.services.db.sql.raw("SELECT COUNT(*) AS n FROM repair_orders").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(count, 0, "nothing half-imported")
            let unknownTech = try await client.request(.post, "/api/v1/repair-orders/import", token: manager,
                                                       json: try Self.json(["workshop_id": w, "csv": "number,vin,day,mileage_km,minutes,description,technician\nOLD-9,\(vin),2026-02-01,1,30,Wash,Nobody Known"]))
            XCTAssertEqual((((unknownTech.json["error"] as? [String: Any])?["details"] as? [[String: String]]) ?? []).first?["message"], "is not a technician of this workshop")
            let done = try await client.request(.post, "/api/v1/repair-orders/import", token: manager, json: try Self.json(["workshop_id": w, "csv": good]))
            XCTAssertEqual(done.status, .created, done.text)
            XCTAssertEqual(done.json["orders"] as? Int, 2)
            XCTAssertEqual(done.json["lines"] as? Int, 3)
            let closed = try await client.request(.get, "/api/v1/repair-orders?workshop_id=\(w)&status=closed", token: manager).list
            XCTAssertEqual(Set(closed.compactMap { $0["external_ref"] as? String }), ["OLD-1", "OLD-2"])
            let first = closed.first { $0["external_ref"] as? String == "OLD-1" }!
            XCTAssertEqual(first["closed_at"] as? String, "2026-01-10T12:00:00Z")
            XCTAssertEqual(((first["lines"] as? [[String: Any]])?.last)?["unit_price_minor"] as? Int, 79_00)
            let v1 = try await app.services.db.sql.raw("SELECT mileage_km FROM vehicles WHERE id = \(bind: car)").first()
            XCTAssertEqual(try v1!.decode(column: "mileage_km", as: Int.self), 31000)
            // the second brake visit 15 days later is a comeback in the figures of January
            let kpis = try await client.request(.get, "/api/v1/reports/workshop-kpis?org_unit_id=\(w)&from=2026-01-01&to=2026-02-01", token: manager)
            XCTAssertEqual((kpis.json["total"] as? [String: Any])?["comebacks"] as? Int, 1, kpis.text)
            let again = try await client.request(.post, "/api/v1/repair-orders/import", token: manager, json: try Self.json(["workshop_id": w, "csv": good]))
            XCTAssertEqual((((again.json["error"] as? [String: Any])?["details"] as? [[String: String]]) ?? []).first?["message"], "was imported before")
            let v2 = try await client.request(.post, "/api/v1/repair-orders/import", token: try await client.token("advisor1"), json: #"{"csv":"x"}"#).status
            XCTAssertEqual(v2, .forbidden)
        }
    }

    func testNotesForTheCustomerGoOnTheReadyMessage() async throws {
        try await TestApp.each { client, app in
            let w = try await app.unitID("W-MI1")
            let advisor = try await client.token("advisor1")
            let owner = try await client.request(.post, "/api/v1/customers", token: advisor, json: #"{"first_name":"Nora","last_name":"Note","email":"nora@note.example","on_duplicate":"create"}"#).json["id"] as! Int
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            let ro = try await client.request(.post, "/api/v1/repair-orders", token: advisor, json: #"{"workshop_id":\#(w),"vehicle_id":\#(car),"customer_id":\#(owner),"mileage_km":900000,"confirm_mileage":true}"#)
            let id = ro.json["id"] as! Int
            let noted = try await client.request(.patch, "/api/v1/repair-orders/\(id)", token: advisor, json: #"{"customer_notes":"Rear tyres at 3 mm: replace within 5,000 km"}"#)
            XCTAssertEqual(noted.json["customer_notes"] as? String, "Rear tyres at 3 mm: replace within 5,000 km", noted.text)
            let page = try await client.request(.get, "/service/repair-orders/\(id)", cookie: try await client.session("advisor1").cookie)
            XCTAssertTrue(page.text.contains("Rear tyres at 3 mm"))
            let v3 = try await client.request(.post, "/api/v1/repair-orders/\(id)/close", token: advisor).status
            XCTAssertEqual(v3, .ok)
            let body = try await app.services.db.sql.raw("SELECT body FROM outbox_messages WHERE recipient = 'nora@note.example'").first()?.decode(column: "body", as: String.self)
            XCTAssertTrue(body?.contains("Rear tyres at 3 mm: replace within 5,000 km") ?? false, body ?? "no message")
            let late = try await client.request(.patch, "/api/v1/repair-orders/\(id)", token: advisor, json: #"{"customer_notes":"x"}"#)
            XCTAssertEqual(late.status, .conflict, "a closed order does not change")
        }
    }

    func testImportFromThePage() async throws {
        try await TestApp.each { client, app in
            let w = try await app.unitID("W-MI1")
            let m = try await client.session("workshop1")
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            let vin = try await app.services.db.sql.raw("SELECT vin FROM vehicles WHERE id = \(bind: car)").first()!.decode(column: "vin", as: String.self)
            let bad = "number,vin,day,mileage_km,description,minutes\nP-1,\(vin),someday,100,Wash,20"
            let refused = try await client.request(.post, "/service/repair-orders/import", form: [("_csrf", m.csrf), ("workshop_id", "\(w)"), ("csv", bad)], cookie: m.cookie)
            XCTAssertEqual(refused.status, .unprocessableContent)
            XCTAssertTrue(refused.text.contains("Nothing was imported: 1 problem(s) in the file."), refused.text)
            XCTAssertTrue(refused.text.contains("must be a day like 2025-03-14"))
            XCTAssertTrue(refused.text.contains("P-1,\(vin),someday,100,Wash,20</textarea>"), "the text is kept")
            let good = try await client.request(.post, "/service/repair-orders/import", form: [("_csrf", m.csrf), ("workshop_id", "\(w)"), ("csv", bad.replacingOccurrences(of: "someday", with: "2026-03-01"))], cookie: m.cookie)
            XCTAssertEqual(good.status, .seeOther, good.text)
            let list = try await client.request(.get, "/service/repair-orders?workshop_id=\(w)&status=closed", cookie: m.cookie)
            XCTAssertTrue(list.text.contains("RO-"), list.text)
            let advisor = try await client.request(.get, "/service/repair-orders?workshop_id=\(w)", cookie: try await client.session("advisor1").cookie)
            XCTAssertFalse(advisor.text.contains("wo-import"), "importing is the workshop manager's")
        }
    }

    static func json(_ object: [String: Any]) throws -> String { String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self) }
}
