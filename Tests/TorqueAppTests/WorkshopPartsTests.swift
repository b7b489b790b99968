import Foundation
import SQLKit
import TorqueDomain
import TorqueStore
import TorqueTestSupport
import XCTest

/// Parts kits of labour operations (SVC-2, SVC-3): a job whose part is out of stock is proposed
/// from the day the supplier's order is expected, or refused naming the part when nothing is on
/// order; the kit is issued at check-in. Also the workshop's labour rate, the contact center's
/// simple jobs, the operations import, and check-in photos and signature (SVC-4).
final class WorkshopPartsTests: XCTestCase {
    static func day(in days: Int) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "Europe/Rome")
        return f.string(from: Date().addingTimeInterval(Double(days) * 86_400))
    }

    func testAJobWaitsForItsPartsAndTheKitIsIssuedAtCheckIn() async throws {
        try await TestApp.each { client, app in
            let (w, marco, _) = try await ServiceAPITests.setUpWorkshop(client, app: app)
            let manager = try await client.token("workshop1"), advisor = try await client.token("advisor1")
            let part = try await client.request(.post, "/api/v1/parts", token: manager, json: #"{"org_unit_id":\#(w),"part_number":"TEST-DISC","name":"Test brake disc","price_minor":5000}"#)
            XCTAssertEqual(part.status, .created, part.text)
            let partID = part.json["id"] as! Int
            _ = try await client.request(.post, "/api/v1/parts/\(partID)/movements", token: manager, json: #"{"kind":"receipt","quantity":1}"#)
            let op = try await client.request(.post, "/api/v1/labour-operations", token: manager, json: """
                {"org_unit_id":\(w),"code":"BRK-K","name":"Brake discs","minutes":60,"skill":"brakes","parts":[{"part_number":"test-disc","quantity":2}]}
                """)
            XCTAssertEqual(op.status, .created, op.text)
            XCTAssertEqual((op.json["parts"] as? [[String: Any]])?.first?["part_number"] as? String, "TEST-DISC")
            let twice = try await client.request(.post, "/api/v1/labour-operations", token: manager, json: """
                {"org_unit_id":\(w),"code":"BRK-K2","name":"Brake discs","minutes":60,"skill":"brakes","parts":[{"part_number":"test-disc","quantity":2},{"part_number":"TEST-DISC","quantity":1}]}
                """)
            XCTAssertEqual(twice.status, .unprocessableContent, twice.text)
            XCTAssertEqual(twice.errorFields["parts"], "TEST-DISC is listed twice: give its whole quantity once")
            // one in stock, two needed, nothing on order: refused, naming the part
            let none = try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&operations=BRK-K", token: advisor)
            XCTAssertEqual(none.status, .conflict, none.text)
            XCTAssertTrue(none.errorFields["parts"]?.contains("TEST-DISC Test brake disc: 2 needed, 1 in stock and no receipt expected") ?? false, none.text)
            // an order expected in ten days: proposals start then, and say why
            let expected = Self.day(in: 10)
            let order = try await client.request(.post, "/api/v1/parts/\(partID)/orders", token: manager, json: #"{"quantity":4,"expected_on":"\#(expected)","reference":"PO-77"}"#)
            XCTAssertEqual(order.status, .created, order.text)
            let waiting = try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&operations=BRK-K", token: advisor)
            XCTAssertEqual(waiting.status, .ok, waiting.text)
            let first = (waiting.json["proposals"] as! [[String: Any]])[0]
            XCTAssertGreaterThanOrEqual(first["starts_at"] as! String, expected + "T00:00")
            XCTAssertTrue((first["explanation"] as? String ?? "").contains("parts expected \(expected)"), "\(first)")
            XCTAssertEqual((waiting.json["parts"] as? [[String: Any]])?.first?["available_from"] as? String, expected)
            // booking before the parts arrive is refused
            let early = try await client.request(.post, "/api/v1/service/appointments", token: advisor, json: """
                {"workshop_id":\(w),"customer_id":1,"operations":["BRK-K"],"technician_id":\(marco),"bay_id":\(first["bay_id"] as! Int),"starts_at":"\(Self.day(in: 1))T08:00"}
                """)
            XCTAssertEqual(early.status, .conflict, early.text)
            XCTAssertTrue(early.errorFields["starts_at"]?.hasPrefix("the parts for this job are expected on \(expected)") ?? false, early.text)
            // received: stock 5, the job can be done at once; a second receipt of the same order is refused
            let received = try await client.request(.post, "/api/v1/part-orders/\(order.json["id"] as! Int)/receive", token: manager)
            XCTAssertEqual(received.status, .ok, received.text)
            let r1 = try await client.request(.post, "/api/v1/part-orders/\(order.json["id"] as! Int)/receive", token: manager).status
            XCTAssertEqual(r1, .conflict)
            let r2 = try await client.request(.get, "/api/v1/parts/\(partID)", token: manager).json["quantity"] as? Int
            XCTAssertEqual(r2, 5)
            let now = try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&operations=BRK-K", token: advisor)
            let slot = (now.json["proposals"] as! [[String: Any]])[0]
            XCTAssertLessThan(slot["starts_at"] as! String, expected + "T00:00")
            // the labour rate of the workshop prices the order; the kit is issued at check-in
            let rate = try await client.request(.put, "/api/v1/workshops/\(w)/settings", token: manager, json: #"{"labour_rate":"80.00"}"#)
            XCTAssertEqual(rate.json["labour_rate"] as? String, "80.00", rate.text)
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            let booking = try await client.request(.post, "/api/v1/service/appointments", token: advisor, json: """
                {"workshop_id":\(w),"vehicle_id":\(car),"operations":["BRK-K"],"technician_id":\(slot["technician_id"] as! Int),"bay_id":\(slot["bay_id"] as! Int),"starts_at":"\(slot["starts_at"] as! String)"}
                """)
            XCTAssertEqual(booking.status, .created, booking.text)
            // the booked kit is promised: two of the five discs; a second booking takes two more
            let promised = try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&operations=BRK-K", token: advisor)
            XCTAssertEqual((promised.json["parts"] as? [[String: Any]])?.first?["promised"] as? Int, 2, promised.text)
            let next = (promised.json["proposals"] as! [[String: Any]])[0]
            let second = try await client.request(.post, "/api/v1/service/appointments", token: advisor, json: """
                {"workshop_id":\(w),"vehicle_id":\(car),"operations":["BRK-K"],"technician_id":\(next["technician_id"] as! Int),"bay_id":\(next["bay_id"] as! Int),"starts_at":"\(next["starts_at"] as! String)"}
                """)
            XCTAssertEqual(second.status, .created, second.text)
            let short = try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&operations=BRK-K", token: advisor)
            XCTAssertEqual(short.status, .conflict, "one disc left for a job that needs two")
            XCTAssertTrue(short.errorFields["parts"]?.contains("5 in stock (4 promised to other bookings)") ?? false, short.text)
            let ro = try await client.request(.post, "/api/v1/repair-orders", token: advisor, json: #"{"booking_id":\#(booking.json["id"] as! Int),"mileage_km":900000,"confirm_mileage":true}"#)
            XCTAssertEqual(ro.status, .created, ro.text)
            let lines = ro.json["lines"] as! [[String: Any]]
            XCTAssertEqual(lines.map { $0["code"] as? String }, ["BRK-K", "TEST-DISC"])
            XCTAssertEqual(lines[0]["unit_price_minor"] as? Int, 80_00, "60 minutes at the workshop's 80.00")
            XCTAssertEqual(lines[1]["quantity"] as? Int, 2)
            let r3 = try await client.request(.get, "/api/v1/parts/\(partID)", token: manager).json["quantity"] as? Int
            XCTAssertEqual(r3, 3, "issued through the ledger")
            // bad orders are named
            let bad = try await client.request(.post, "/api/v1/parts/\(partID)/orders", token: manager, json: #"{"quantity":0,"expected_on":"next week"}"#)
            XCTAssertEqual(Set(bad.errorFields.keys), ["quantity", "expected_on"])
            let other = try await client.request(.get, "/api/v1/parts/\(partID)/orders", token: try await client.token("sales2"))
            XCTAssertEqual(other.status, .notFound, "another dealer's parts are not theirs to see")
        }
    }

    func testTheContactCenterBooksSimpleJobsOnly() async throws {
        try await TestApp.each { client, app in
            let (w, _, _) = try await ServiceAPITests.setUpWorkshop(client, app: app)
            let agent = try await client.token("agent1")
            let brakes = try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&operations=BRK-F", token: agent)
            XCTAssertEqual(brakes.status, .unprocessableContent)
            XCTAssertEqual(brakes.errorFields["operations"], "This job needs brakes at level 2; the contact center books jobs up to level 1: pass it to a service advisor")
            let long = try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&text=Restoration&minutes=600", token: agent)
            XCTAssertTrue(long.errorFields["operations"]?.hasPrefix("This job takes 600 minutes") ?? false, long.text)
            let r4 = try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&operations=ALIGN", token: agent).status
            XCTAssertEqual(r4, .ok)
            let r5 = try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&operations=BRK-F", token: try await client.token("advisor1")).status
            XCTAssertEqual(r5, .ok)
            let manager = try await client.token("workshop1")
            let wider = try await client.request(.put, "/api/v1/workshops/\(w)/settings", token: manager, json: #"{"simple_job_level":2}"#)
            XCTAssertEqual(wider.status, .ok, wider.text)
            let r6 = try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&operations=BRK-F", token: agent).status
            XCTAssertEqual(r6, .ok)
            let bad = try await client.request(.put, "/api/v1/workshops/\(w)/settings", token: manager, json: #"{"labour_rate":"lots","simple_job_level":4}"#)
            XCTAssertEqual(bad.errorFields["labour_rate"], #"must be an amount like "65.00""#)
            let level = try await client.request(.put, "/api/v1/workshops/\(w)/settings", token: manager, json: #"{"simple_job_level":4}"#)
            XCTAssertEqual(level.errorFields["simple_job_level"], "must be 1, 2 or 3")
            let r7 = try await client.request(.put, "/api/v1/workshops/\(w)/settings", token: agent, json: #"{"simple_job_level":3}"#).status
            XCTAssertEqual(r7, .forbidden)
        }
    }

    func testLabourOperationsImportAllOrNothing() async throws {
        try await TestApp.each { client, app in
            let w = try await app.unitID("W-MI1")
            let manager = try await client.token("workshop1")
            let bad = try await client.request(.post, "/api/v1/labour-operations/import", token: manager, json: #"""
                {"org_unit_id":\#(w),"csv":"codice;descrizione;minuti;competenza;ricambi\nOIL;Oil change;30;engine;TM-OF-1200, SUP-OIL-5W30 x4\nBAD OP;;half an hour;engine;\nOIL;Again;20;engine;"}
                """#)
            XCTAssertEqual(bad.status, .unprocessableContent, bad.text)
            let rows = ((bad.json["error"] as? [String: Any])?["details"] as? [[String: String]]) ?? []
            XCTAssertEqual(Set(rows.map { "\($0["row"]!) \($0["field"]!)" }), ["3 minutes", "3 code", "3 name", "4 code"])
            let r8 = try await client.request(.get, "/api/v1/labour-operations?workshop_id=\(w)", token: manager).list.isEmpty
            XCTAssertTrue(r8, "nothing half-imported")
            let good = try await client.request(.post, "/api/v1/labour-operations/import", token: manager, json: #"""
                {"org_unit_id":\#(w),"csv":"codice;descrizione;minuti;competenza;livello;ricambi\nOIL;Oil change;30;engine;1;TM-OF-1200, SUP-OIL-5W30 x4\nBRK-R;Rear pads;60;brakes;2;TM-BP-R300 x1"}
                """#)
            XCTAssertEqual(good.status, .created, good.text)
            XCTAssertEqual(good.json["added"] as? Int, 2)
            let again = try await client.request(.post, "/api/v1/labour-operations/import", token: manager, json: #"{"org_unit_id":\#(w),"csv":"code,name,minutes,skill\nOIL,Oil and filter change,35,engine"}"#)
            XCTAssertEqual(again.json["replaced"] as? Int, 1, again.text)
            let ops = try await client.request(.get, "/api/v1/labour-operations?workshop_id=\(w)", token: manager).list
            XCTAssertEqual(ops.first { $0["code"] as? String == "OIL" }?["minutes"] as? Int, 35)
            XCTAssertEqual((ops.first { $0["code"] as? String == "BRK-R" }?["parts"] as? [[String: Any]])?.first?["part_number"] as? String, "TM-BP-R300")
            let noColumns = try await client.request(.post, "/api/v1/labour-operations/import", token: manager, json: #"{"csv":"a,b\n1,2"}"#)
            XCTAssertTrue(noColumns.errorFields["csv"]?.contains("missing: code, name, minutes, skill") ?? false, noColumns.text)
            let r9 = try await client.request(.post, "/api/v1/labour-operations/import", token: try await client.token("advisor1"), json: #"{"csv":"x"}"#).status
            XCTAssertEqual(r9, .forbidden)
        }
    }

    /// A 1×1 PNG.
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89,
                               0, 0, 0, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0D, 0x0A, 0x2D, 0xB4, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]

    func testCheckInPhotosAndSignature() async throws {
        try await TestApp.each { client, app in
            let w = try await app.unitID("W-MI1")
            let advisor = try await client.token("advisor1")
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            let ro = try await client.request(.post, "/api/v1/repair-orders", token: advisor, json: #"{"workshop_id":\#(w),"vehicle_id":\#(car),"mileage_km":900000,"confirm_mileage":true}"#)
            XCTAssertEqual(ro.status, .created, ro.text)
            let id = ro.json["id"] as! Int
            let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 7, count: 200)
            let photo = try await client.request(.post, "/api/v1/repair-orders/\(id)/files?kind=photo&note=Scratch%20rear%20bumper", token: advisor, rawBytes: jpeg, contentType: "image/jpeg")
            XCTAssertEqual(photo.status, .created, photo.text)
            XCTAssertEqual(photo.json["content_type"] as? String, "image/jpeg")
            let signed = try await client.request(.post, "/api/v1/repair-orders/\(id)/files?kind=signature", token: advisor, rawBytes: Self.png, contentType: "image/png")
            XCTAssertEqual(signed.status, .created, signed.text)
            let r10 = try await client.request(.post, "/api/v1/repair-orders/\(id)/files?kind=signature", token: advisor, rawBytes: Self.png).status
            XCTAssertEqual(r10, .conflict, "signed once")
            let text = try await client.request(.post, "/api/v1/repair-orders/\(id)/files?kind=photo", token: advisor, rawBody: "<script>alert(1)</script>", contentType: "image/jpeg")
            XCTAssertEqual(text.errorFields["file"], "must be a JPEG, PNG or WebP image", "the bytes decide, not the declared type")
            let files = try await client.request(.get, "/api/v1/repair-orders/\(id)/files", token: advisor).list
            XCTAssertEqual(files.map { $0["kind"] as? String }, ["photo", "signature"])
            let image = try await client.request(.get, "/api/v1/repair-orders/\(id)/files/\(photo.json["id"] as! Int)", token: advisor)
            XCTAssertEqual(image.headers[.contentType], "image/jpeg")
            XCTAssertEqual(image.bytes, jpeg)
            let page = try await client.request(.get, "/service/repair-orders/\(id)", cookie: try await client.session("advisor1").cookie)
            XCTAssertTrue(page.text.contains("Scratch rear bumper"), "the photo's note is on the order page")
            XCTAssertFalse(page.text.contains("id=\"signature\""), "no signature pad once signed")
            // another dealer's files answer 404: ScopingTests covers every files route
        }
    }
}
