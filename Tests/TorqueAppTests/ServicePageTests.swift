import TorqueTestSupport
import XCTest

/// The workshop pages (SVC-1 … SVC-3): the manager sets the workshop up, an advisor finds the
/// proposals for a car and books one, the day shows it under the technician.
final class ServicePageTests: XCTestCase {
    func testSetUpThenBookFromThePages() async throws {
        try await TestApp.each { client, app in
            let w = try await app.unitID("W-MI1")
            let m = try await client.session("workshop1")
            let empty = try await client.request(.get, "/service", cookie: m.cookie)
            XCTAssertTrue(empty.text.contains("No technician yet"), empty.text)
            let bay = try await client.request(.post, "/service/setup/bays", form: [("_csrf", m.csrf), ("workshop_id", "\(w)"), ("bay_name", "Lift 1"), ("capabilities", "lift")], cookie: m.cookie)
            XCTAssertEqual(bay.status, .seeOther)
            let bad = try await client.request(.post, "/service/setup/technicians", form: [("_csrf", m.csrf), ("workshop_id", "\(w)"), ("tech_name", "Marco Gallo"),
                                                                                           ("skills", "brakes two"), ("hours", "mon-fri 08:00-17:00")], cookie: m.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("write skills like"), bad.text)
            XCTAssertTrue(bad.text.contains(#"value="brakes two""#), "typed value kept")
            let tech = try await client.request(.post, "/service/setup/technicians", form: [("_csrf", m.csrf), ("workshop_id", "\(w)"), ("tech_name", "Marco Gallo"),
                                                                                            ("skills", "brakes 2"), ("hours", "mon-sat 08:00-12:00; mon-sat 13:00-17:00")], cookie: m.cookie)
            XCTAssertEqual(tech.status, .seeOther, tech.text)
            let op = try await client.request(.post, "/service/setup/operations", form: [("_csrf", m.csrf), ("workshop_id", "\(w)"), ("code", "BRK-F"), ("op_name", "Front brakes"),
                                                                                         ("minutes", "90"), ("skill", "brakes"), ("skill_level", "2"), ("bay_capability", "lift")], cookie: m.cookie)
            XCTAssertEqual(op.status, .seeOther, op.text)
            let setup = try await client.request(.get, "/service/setup?workshop_id=\(w)", cookie: m.cookie)
            XCTAssertTrue(setup.text.contains("Marco Gallo</strong> · brakes 2"))
            XCTAssertTrue(setup.text.contains("BRK-F"))
            // the advisor finds the car by plate and books the first proposal
            let a = try await client.session("advisor1")
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            let vin = try await client.request(.get, "/api/v1/vehicles/\(car)", token: try await client.token("advisor1")).json["vin"] as! String
            let found = try await client.request(.get, "/service/book?workshop_id=\(w)&vehicle=\(vin)&op=BRK-F&find=1", cookie: a.cookie)
            XCTAssertEqual(found.status, .ok, found.text)
            XCTAssertTrue(found.text.contains("Marco Gallo (brakes 2) on Lift 1"), found.text)
            func hidden(_ name: String) -> String { String(found.text.components(separatedBy: #"name="\#(name)" value=""#)[1].prefix { $0 != "\"" }) }
            let start = hidden("starts_at"), techID = hidden("technician_id"), bayID = hidden("bay_id")
            let booked = try await client.request(.post, "/service/bookings", form: [("_csrf", a.csrf), ("workshop_id", "\(w)"), ("vehicle_id", "\(car)"), ("op", "BRK-F"),
                                                                                    ("technician_id", techID), ("bay_id", bayID), ("starts_at", start)], cookie: a.cookie)
            XCTAssertEqual(booked.status, .seeOther, booked.text)
            let day = try await client.request(.get, booked.headers[.location]!, cookie: a.cookie)
            XCTAssertTrue(day.text.contains("Front brakes"), day.text)
            // booking the same slot again is refused and the page shows the new proposals
            let again = try await client.request(.post, "/service/bookings", form: [("_csrf", a.csrf), ("workshop_id", "\(w)"), ("vehicle_id", "\(car)"), ("op", "BRK-F"),
                                                                                   ("technician_id", techID), ("bay_id", bayID), ("starts_at", start)], cookie: a.cookie)
            XCTAssertTrue(again.headers[.location]?.hasPrefix("/service/book?") ?? false)
            let nobody = try await client.request(.get, "/service/book?workshop_id=\(w)&vehicle=\(vin)&text=Hydrogen&minutes=30&skill=hydrogen&find=1", cookie: a.cookie)
            XCTAssertEqual(nobody.status, .unprocessableContent)
            XCTAssertTrue(nobody.text.contains("no technician of this workshop has hydrogen level 1"))
        }
    }
}

/// The repair order page (SVC-4, SVC-7): check in from the day, clock, extra work, close.
final class RepairOrderPageTests: XCTestCase {
    func testCheckInClockAndCloseFromThePages() async throws {
        try await TestApp.each { client, app in
            let (w, marco, _) = try await ServiceAPITests.setUpWorkshop(client, app: app)
            let advisorToken = try await client.token("advisor1")
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            let slot = (try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&operations=BRK-F", token: advisorToken).json["proposals"] as! [[String: Any]])[0]
            let booking = try await client.request(.post, "/api/v1/service/appointments", token: advisorToken, json: """
                {"workshop_id":\(w),"vehicle_id":\(car),"operations":["BRK-F"],"technician_id":\(marco),"bay_id":\(slot["bay_id"] as! Int),"starts_at":"\(slot["starts_at"] as! String)"}
                """).json["id"] as! Int
            let a = try await client.session("advisor1")
            let day = try await client.request(.get, "/service?workshop_id=\(w)&day=\((slot["starts_at"] as! String).prefix(10))", cookie: a.cookie)
            XCTAssertTrue(day.text.contains("Open the repair order"), day.text)
            let opened = try await client.request(.post, "/service/repair-orders", form: [("_csrf", a.csrf), ("booking_id", "\(booking)"), ("mileage_km", "12.345"), ("concerns", "Squeal <left>")], cookie: a.cookie)
            XCTAssertEqual(opened.status, .seeOther, opened.text)
            let roURL = opened.headers[.location]!
            XCTAssertTrue(roURL.hasPrefix("/service/repair-orders/"), roURL)
            var page = try await client.request(.get, roURL, cookie: a.cookie)
            XCTAssertTrue(page.text.contains("Squeal &lt;left&gt;"))
            XCTAssertTrue(page.text.contains("Front brake pads and discs"))
            let m = try await client.session("workshop1")
            let managerPage = try await client.request(.get, roURL, cookie: m.cookie)
            XCTAssertTrue(managerPage.text.contains("Clock in"), "the workshop clocks, the advisor does not")
            XCTAssertFalse(page.text.contains("Clock in"))
            let lineID = String(managerPage.text.components(separatedBy: #"name="line_id" value=""#)[1].prefix { $0 != "\"" })
            let clockIn = try await client.request(.post, roURL + "/clock", form: [("_csrf", m.csrf), ("line_id", lineID), ("technician_id", "\(marco)"), ("action", "in")], cookie: m.cookie)
            XCTAssertEqual(clockIn.status, .seeOther, clockIn.text)
            let early = try await client.request(.post, roURL + "/close", form: [("_csrf", a.csrf), ("confirm", "on")], cookie: a.cookie)
            XCTAssertEqual(early.status, .unprocessableContent)
            XCTAssertTrue(early.text.contains("is still clocked in since"), early.text)
            _ = try await client.request(.post, roURL + "/clock", form: [("_csrf", m.csrf), ("line_id", lineID), ("technician_id", "\(marco)"), ("action", "out")], cookie: m.cookie)
            let extra = try await client.request(.post, roURL + "/lines", form: [("_csrf", m.csrf), ("kind", "labour"), ("code", ""), ("description", "Brake fluid change"), ("minutes", "30"), ("additional", "on")], cookie: m.cookie)
            XCTAssertEqual(extra.status, .seeOther, extra.text)
            page = try await client.request(.get, roURL, cookie: a.cookie)
            XCTAssertTrue(page.text.contains("extra, awaiting approval"))
            XCTAssertTrue(page.text.contains(#"<td class="num" id="ro-total">EUR 97.50</td>"#), "extra work not billed yet")
            let closed = try await client.request(.post, roURL + "/close", form: [("_csrf", a.csrf), ("confirm", "on")], cookie: a.cookie)
            XCTAssertEqual(closed.status, .seeOther, closed.text)
            page = try await client.request(.get, roURL, cookie: a.cookie)
            XCTAssertTrue(page.text.contains("closed 20"), page.text)
        }
    }
}

/// The workshop's Gantt (SVC-6): a day and a week per technician and per bay, a booking moved
/// with the conflict refused.
final class ServiceAgendaTests: XCTestCase {
    func testTheGanttShowsAndMovesBookings() async throws {
        try await TestApp.each { client, app in
            let (w, marco, luca) = try await ServiceAPITests.setUpWorkshop(client, app: app)
            let advisor = try await client.token("advisor1")
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            var ids: [Int] = []
            var starts: [String] = []
            for _ in 0..<2 {
                let slot = (try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&operations=BRK-F", token: advisor).json["proposals"] as! [[String: Any]])[0]
                let b = try await client.request(.post, "/api/v1/service/appointments", token: advisor, json: """
                    {"workshop_id":\(w),"vehicle_id":\(car),"operations":["BRK-F"],"technician_id":\(marco),"bay_id":\(slot["bay_id"] as! Int),"starts_at":"\(slot["starts_at"] as! String)"}
                    """)
                XCTAssertEqual(b.status, .created, b.text)
                ids.append(b.json["id"] as! Int)
                starts.append(b.json["starts_at"] as! String)
            }
            let day = String(starts[0].prefix(10))
            let a = try await client.session("advisor1")
            let page = try await client.request(.get, "/service/agenda?workshop_id=\(w)&day=\(day)", cookie: a.cookie)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains(#"<svg class="chart gantt""#))
            XCTAssertTrue(page.text.contains("Marco Gallo"))
            XCTAssertTrue(page.text.contains("#booking-\(ids[0])"))
            let week = try await client.request(.get, "/service/agenda?workshop_id=\(w)&day=\(day)&view=week&by=bay", cookie: a.cookie)
            XCTAssertTrue(week.text.contains("Alignment bay"))
            // moving the second onto the first is refused; onto Luca it works
            let clash = try await client.request(.patch, "/api/v1/service/appointments/\(ids[1])", token: advisor, json: #"{"starts_at":"\#(starts[0])"}"#)
            XCTAssertEqual(clash.status, .conflict)
            XCTAssertTrue(clash.errorFields["technician_id"]?.hasPrefix("Marco Gallo is booked") ?? false, clash.text)
            let formClash = try await client.request(.post, "/service/agenda/move", form: [("_csrf", a.csrf), ("booking_id", "\(ids[1])"), ("starts_at", starts[0]),
                                                                                          ("technician_id", "\(marco)"), ("bay_id", "")], cookie: a.cookie)
            XCTAssertEqual(formClash.status, .conflict)
            XCTAssertTrue(formClash.text.contains("Not moved: technician Marco Gallo is booked"), formClash.text)
            let moved = try await client.request(.patch, "/api/v1/service/appointments/\(ids[1])", token: advisor, json: #"{"starts_at":"\#(starts[0])","technician_id":\#(luca)}"#)
            XCTAssertEqual(moved.status, .conflict, "same time, same bay: the bay is taken")
            XCTAssertTrue(moved.errorFields["bay_id"]?.hasPrefix("the bay is taken") ?? false, moved.text)
            let firstBay = try await client.request(.get, "/api/v1/service/appointments/\(ids[0])", token: advisor).json["bay_id"] as? Int
            let free = try await client.request(.get, "/api/v1/workshops/\(w)/bays", token: advisor).list.compactMap { $0["id"] as? Int }.first { $0 != firstBay }!
            let ok = try await client.request(.patch, "/api/v1/service/appointments/\(ids[1])", token: advisor, json: #"{"starts_at":"\#(starts[0])","technician_id":\#(luca),"bay_id":\#(free)}"#)
            XCTAssertEqual(ok.status, .ok, ok.text)
            XCTAssertEqual(ok.json["technician_name"] as? String, "Luca Neri")
        }
    }
}
