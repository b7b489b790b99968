import Foundation
import TorqueTestSupport
import XCTest

/// The workshop through the API (SVC-1 … SVC-3): set-up by the workshop manager, proposals for
/// an advisor, a booking, the double booking refused, an absence that reports what to move.
final class ServiceAPITests: XCTestCase {
    static func setUpWorkshop(_ client: TestClient, app: TestApp) async throws -> (workshop: Int, marco: Int, luca: Int) {
        let manager = try await client.token("workshop1")
        let w = try await app.unitID("W-MI1")
        for (name, caps) in [("Lift 1", #"["lift"]"#), ("Alignment bay", #"["lift","alignment"]"#)] {
            let r = try await client.request(.post, "/api/v1/workshops/\(w)/bays", token: manager, json: #"{"name":"\#(name)","capabilities":\#(caps)}"#)
            XCTAssertEqual(r.status, .created, r.text)
        }
        let hours = "mon-sat 08:00-12:00; mon-sat 13:00-17:00"
        let marco = try await client.request(.post, "/api/v1/technicians", token: manager, json: #"{"workshop_id":\#(w),"name":"Marco Gallo","hours":"\#(hours)","skills":{"brakes":2,"alignment":2}}"#)
        XCTAssertEqual(marco.status, .created, marco.text)
        let luca = try await client.request(.post, "/api/v1/technicians", token: manager, json: #"{"workshop_id":\#(w),"name":"Luca Neri","hours":"\#(hours)","skills":{"brakes":1,"ev":2}}"#)
        for op in [#"{"code":"BRK-F","name":"Front brake pads and discs","minutes":90,"skill":"brakes","skill_level":2,"bay_capability":"lift"}"#,
                   #"{"code":"ALIGN","name":"Wheel alignment","minutes":60,"skill":"alignment","bay_capability":"alignment"}"#,
                   #"{"code":"H2-CHK","name":"Hydrogen tank check","minutes":30,"skill":"hydrogen"}"#] {
            let r = try await client.request(.post, "/api/v1/labour-operations", token: manager, json: op.replacingOccurrences(of: "{", with: #"{"org_unit_id":\#(w),"#, options: [], range: op.startIndex..<op.index(after: op.startIndex)))
            XCTAssertEqual(r.status, .created, r.text)
        }
        return (w, marco.json["id"] as! Int, luca.json["id"] as! Int)
    }

    func testAnAdvisorBooksTheProposedTechnician() async throws {
        try await TestApp.each { client, app in
            let (w, marco, _) = try await Self.setUpWorkshop(client, app: app)
            let advisor = try await client.token("advisor1")
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            let slots = try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&operations=BRK-F,ALIGN&vehicle_id=\(car)", token: advisor)
            XCTAssertEqual(slots.status, .ok, slots.text)
            XCTAssertEqual(slots.json["minutes"] as? Int, 150)
            let proposals = slots.json["proposals"] as! [[String: Any]]
            XCTAssertEqual(proposals.map { $0["technician_name"] as? String }, ["Marco Gallo"], "only Marco does brakes at level 2 and alignment")
            XCTAssertEqual(proposals[0]["bay_name"] as? String, "Alignment bay")
            XCTAssertTrue((proposals[0]["explanation"] as? String ?? "").hasPrefix("Marco Gallo (alignment 2, brakes 2) on Alignment bay"), "\(proposals[0])")
            let first = proposals[0]
            let body = #"{"workshop_id":\#(w),"vehicle_id":\#(car),"operations":["BRK-F","ALIGN"],"technician_id":\#(marco),"bay_id":\#(first["bay_id"] as! Int),"starts_at":"\#(first["starts_at"] as! String)"}"#
            let booked = try await client.request(.post, "/api/v1/service/appointments", token: advisor, json: body)
            XCTAssertEqual(booked.status, .created, booked.text)
            XCTAssertEqual(booked.json["ends_at"] as? String, first["ends_at"] as? String, "the booking ends where the proposal said")
            XCTAssertEqual((booked.json["operations"] as? [[String: Any]])?.count, 2)
            let twice = try await client.request(.post, "/api/v1/service/appointments", token: advisor, json: body)
            XCTAssertEqual(twice.status, .conflict)
            XCTAssertTrue(twice.errorFields["technician_id"]?.hasPrefix("Marco Gallo is booked ") ?? false, twice.text)
            // the next proposal moves on
            let next = try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&operations=BRK-F,ALIGN", token: advisor)
            // (right after the booking, or on a later day when the rest of today is too short: the
            // test runs at any hour)
            let nextStart = (next.json["proposals"] as! [[String: Any]])[0]["starts_at"] as! String, firstEnd = first["ends_at"] as! String
            XCTAssertTrue(nextStart == firstEnd || nextStart.prefix(10) > firstEnd.prefix(10), "\(nextStart) after \(firstEnd)")
            // nobody has the skill: a clear answer
            let nobody = try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&operations=H2-CHK", token: advisor)
            XCTAssertEqual(nobody.status, .conflict)
            XCTAssertEqual(nobody.errorFields["operations"], "no technician of this workshop has hydrogen level 1; choose another workshop or train someone")
            let unknown = try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&operations=NOPE", token: advisor)
            XCTAssertEqual(unknown.errorFields["operations"], "NOPE is not an operation of this workshop's catalog")
            // Marco falls ill on the booked day: the booking is reported to be moved
            let day = String((first["starts_at"] as! String).prefix(10))
            let ill = try await client.request(.post, "/api/v1/technicians/\(marco)/absences", token: try await client.token("workshop1"), json: #"{"from_day":"\#(day)","to_day":"\#(day)","kind":"sickness"}"#)
            XCTAssertEqual(ill.status, .created, ill.text)
            XCTAssertEqual((ill.json["bookings_to_move"] as? [[String: Any]])?.first?["id"] as? Int, booked.json["id"] as? Int)
            let listed = try await client.request(.get, "/api/v1/service/appointments?workshop_id=\(w)&from=\(day)&to=\(CalendarDayText.next(day))", token: advisor).list
            XCTAssertEqual(listed.count, 1)
            // the booking is on the customer's timeline when the car has an owner; the technician cannot set up
            let refused = try await client.request(.post, "/api/v1/technicians", token: try await client.token("tech1"), json: #"{"name":"X","hours":"mon 08:00-12:00"}"#)
            XCTAssertEqual(refused.status, .forbidden)
        }
    }

    func testBadSetUpIsNamed() async throws {
        try await TestApp.each { client, app in
            let manager = try await client.token("workshop1")
            let w = try await app.unitID("W-MI1")
            let bad = try await client.request(.post, "/api/v1/technicians", token: manager, json: #"{"workshop_id":\#(w),"name":"","hours":"monday all day","skills":{"EV Power":2,"brakes":7}}"#)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertEqual(bad.errorFields["name"], "is required")
            XCTAssertNotNil(bad.errorFields["hours"])
            XCTAssertEqual(bad.errorFields["skills.EV Power"], "must be a code of lowercase letters, digits and _ (like ev_high_voltage)")
            XCTAssertEqual(bad.errorFields["skills.brakes"], "level must be 1 (basic), 2 or 3 (expert)")
            let dealer = try await client.request(.post, "/api/v1/workshops/\(try await app.unitID("D-MI1"))/bays", token: try await client.token("admin"), json: #"{"name":"Lift"}"#)
            XCTAssertEqual(dealer.errorFields["workshop_id"], "is not a workshop")
            let op = try await client.request(.post, "/api/v1/labour-operations", token: manager, json: #"{"code":"x y","name":"","minutes":0,"skill":"brake pads"}"#)
            XCTAssertEqual(Set(op.errorFields.keys), ["code", "name", "minutes", "skill"])
            let (_, marco, _) = try await Self.setUpWorkshop(client, app: app)
            let backwards = try await client.request(.post, "/api/v1/technicians/\(marco)/absences", token: manager, json: #"{"from_day":"2026-12-10","to_day":"2026-12-01"}"#)
            XCTAssertEqual(backwards.errorFields["to_day"], "must be on or after from_day")
            let evening = try await client.request(.post, "/api/v1/service/appointments", token: try await client.token("advisor1"),
                                                   json: #"{"workshop_id":\#(w),"customer_id":1,"text":"Noise","minutes":30,"technician_id":\#(marco),"bay_id":1,"starts_at":"2030-01-07T20:00"}"#)
            XCTAssertEqual(evening.status, .unprocessableContent, evening.text)
        }
    }
}

/// Days for test URLs.
enum CalendarDayText {
    static func next(_ day: String) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: f.date(from: day)!.addingTimeInterval(86_400))
    }
}
