import Foundation
import SQLKit
import TorqueTestSupport
import XCTest

/// The agenda (SALES-2) and its calendar feed (INT-4): test drives never double-book a car.
final class AgendaTests: XCTestCase {
    static func car(_ app: TestApp, unit: String) async throws -> Int {
        let u = try await app.unitID(unit)
        return try await app.services.db.sql.raw("SELECT id FROM vehicles WHERE org_unit_id = \(bind: u) AND status = 'in_stock' ORDER BY id LIMIT 1").first()!.decode(column: "id", as: Int.self)
    }

    func testATestDriveCarIsBookedOnceAtATime() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1")
            let car = try await Self.car(app, unit: "D-MI1")
            let first = try await client.request(.post, "/api/v1/appointments", token: sales,
                                                 json: #"{"kind":"test_drive","title":"Test drive Dama","starts_at":"2030-03-04T10:00:00Z","ends_at":"2030-03-04T10:45:00Z","vehicle_id":\#(car)}"#)
            XCTAssertEqual(first.status, .created, first.text)
            XCTAssertEqual(first.json["user_name"] as? String, "Sara Colombo", "booked for the caller by default")
            let clash = try await client.request(.post, "/api/v1/appointments", token: try await client.token("manager1"),
                                                 json: #"{"kind":"test_drive","title":"Another","starts_at":"2030-03-04T10:30Z","ends_at":"2030-03-04T11:00Z","vehicle_id":\#(car)}"#)
            XCTAssertEqual(clash.status, .conflict)
            XCTAssertTrue(clash.errorFields["vehicle_id"]?.contains("is booked 2030-03-04T10:00:00Z – 2030-03-04T10:45:00Z (test drive with Sara Colombo)") ?? false, clash.text)
            let after = try await client.request(.post, "/api/v1/appointments", token: sales,
                                                 json: #"{"kind":"test_drive","title":"Right after","starts_at":"2030-03-04T10:45:00Z","ends_at":"2030-03-04T11:15:00Z","vehicle_id":\#(car)}"#)
            XCTAssertEqual(after.status, .created, "touching ends do not clash")
            // moving the second onto the first clashes too; cancelling the first frees the car
            let moved = try await client.request(.patch, "/api/v1/appointments/\(after.json["id"] as! Int)", token: sales, json: #"{"starts_at":"2030-03-04T10:15:00Z"}"#)
            XCTAssertEqual(moved.status, .conflict)
            _ = try await client.request(.post, "/api/v1/appointments/\(first.json["id"] as! Int)/cancel", token: sales)
            let free = try await client.request(.patch, "/api/v1/appointments/\(after.json["id"] as! Int)", token: sales, json: #"{"starts_at":"2030-03-04T10:15:00Z"}"#)
            XCTAssertEqual(free.status, .ok, free.text)
            // two people clicking together: one wins
            async let a = client.request(.post, "/api/v1/appointments", token: sales,
                                         json: #"{"kind":"test_drive","title":"A","starts_at":"2030-03-05T09:00:00Z","ends_at":"2030-03-05T10:00:00Z","vehicle_id":\#(car)}"#)
            async let b = client.request(.post, "/api/v1/appointments", token: sales,
                                         json: #"{"kind":"test_drive","title":"B","starts_at":"2030-03-05T09:30:00Z","ends_at":"2030-03-05T10:30:00Z","vehicle_id":\#(car)}"#)
            let statuses = [try await a.status, try await b.status].map(\.code).sorted()
            XCTAssertEqual(statuses, [201, 409])
            // a booking with a customer goes on their timeline as an agenda item
            let anna = try await client.request(.post, "/api/v1/customers", token: sales, json: #"{"last_name":"Agenda","phone":"3471110055"}"#).json["id"] as! Int
            _ = try await client.request(.post, "/api/v1/appointments", token: sales,
                                         json: #"{"title":"Visit","starts_at":"2030-03-07T09:00:00Z","ends_at":"2030-03-07T10:00:00Z","customer_id":\#(anna)}"#)
            let timeline = try await client.request(.get, "/api/v1/customers/\(anna)/timeline?kind=appointment", token: sales).list.map { $0["title"] as! String }
            XCTAssertEqual(timeline, ["Appointment booked: Visit"])
            let listed = try await client.request(.get, "/api/v1/appointments?from=2030-03-04&to=2030-03-06&vehicle_id=\(car)", token: sales).list
            XCTAssertEqual(listed.filter { !($0["cancelled"] as! Bool) }.count, 2)
        }
    }

    func testBadBookingsAreNamed() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1")
            let theirCar = try await Self.car(app, unit: "D-MI2")
            let cases: [(String, String, String)] = [
                (#"{"title":"x","starts_at":"2030-03-04T10:00:00Z","ends_at":"2030-03-04T09:00:00Z"}"#, "ends_at", "must be after the start"),
                (#"{"kind":"test_drive","title":"x","starts_at":"2030-03-04T10:00:00Z","ends_at":"2030-03-04T11:00:00Z"}"#, "vehicle_id", "is required for a test drive"),
                (#"{"kind":"test_drive","title":"x","starts_at":"2030-03-04T10:00:00Z","ends_at":"2030-03-04T11:00:00Z","vehicle_id":\#(theirCar)}"#, "vehicle_id", "is not a vehicle you can see"),
                (#"{"title":"x","starts_at":"next monday","ends_at":"2030-03-04T11:00:00Z"}"#, "starts_at", "must be a time like 2026-11-26T10:00:00Z"),
                (#"{"kind":"party","title":"x","starts_at":"2030-03-04T10:00:00Z","ends_at":"2030-03-04T11:00:00Z"}"#, "kind", "must be one of: appointment, test_drive, call, delivery"),
                (#"{"starts_at":"2030-03-04T10:00:00Z","ends_at":"2030-03-04T11:00:00Z"}"#, "title", "is required"),
            ]
            for (body, field, message) in cases {
                let r = try await client.request(.post, "/api/v1/appointments", token: sales, json: body)
                XCTAssertEqual(r.status, .unprocessableContent, body)
                XCTAssertEqual(r.errorFields[field], message, body)
            }
            let window = try await client.request(.get, "/api/v1/appointments?from=2030-01-01&to=2030-12-31", token: sales)
            XCTAssertEqual(window.errorFields["to"], "must be at most 62 days after from")
        }
    }

    func testTheCalendarFeedOpensWithItsSecretOnly() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1")
            let when = ISO8601DateFormatter().string(from: Date().addingTimeInterval(86_400)).prefix(13) + ":00:00Z"
            let until = ISO8601DateFormatter().string(from: Date().addingTimeInterval(86_400 + 3_600)).prefix(13) + ":00:00Z"
            let booked = try await client.request(.post, "/api/v1/appointments", token: sales,
                                                  json: #"{"kind":"call","title":"Call Rossi, about the lease","starts_at":"\#(when)","ends_at":"\#(until)","location":"Desk 2"}"#)
            XCTAssertEqual(booked.status, .created, booked.text)
            let url = try await client.request(.get, "/api/v1/me/calendar", token: sales).json["url"] as! String
            let feed = try await client.request(.get, url)
            XCTAssertEqual(feed.status, .ok)
            XCTAssertEqual(feed.headers[.contentType], "text/calendar; charset=utf-8")
            XCTAssertTrue(feed.text.contains("SUMMARY:Follow-up call: Call Rossi\\, about the lease"), feed.text)
            XCTAssertTrue(feed.text.contains("BEGIN:VEVENT"))
            let wrong = try await client.request(.get, url.replacingOccurrences(of: "token=", with: "token=x"))
            XCTAssertEqual(wrong.status, .notFound)
            let other = try await client.request(.get, url.replacingOccurrences(of: "/users/\(try await app.userID("sales1"))/", with: "/users/\(try await app.userID("sales2"))/"))
            XCTAssertEqual(other.status, .notFound, "a secret opens only its owner's feed")
            let rotated = try await client.request(.post, "/api/v1/me/calendar/rotate", token: sales).json["url"] as! String
            XCTAssertNotEqual(rotated, url)
            let old = try await client.request(.get, url)
            XCTAssertEqual(old.status, .notFound, "the old link stops working")
        }
    }

    func testTheAgendaPageMakesTheFeedLinkOnlyWhenAsked() async throws {
        try await TestApp.each { client, app in
            let s = try await client.session("sales2")
            let user = try await app.userID("sales2")
            let page = try await client.request(.get, "/sales/agenda", cookie: s.cookie)
            XCTAssertTrue(page.text.contains("Get a link for my calendar app"), page.text)
            let none = try await app.services.appointments.feedToken(userID: user)
            XCTAssertNil(none, "looking at the agenda writes nothing")
            let made = try await client.request(.post, "/sales/agenda/feed", form: [("_csrf", s.csrf)], cookie: s.cookie)
            XCTAssertEqual(made.status, .seeOther)
            let token = try await app.services.appointments.feedToken(userID: user)
            XCTAssertNotNil(token)
            let after = try await client.request(.get, "/sales/agenda", cookie: s.cookie)
            XCTAssertTrue(after.text.contains("/api/v1/users/\(user)/calendar.ics?token=\(token!)"))
        }
    }

    func testBookingFromTheAgendaPageInLocalTime() async throws {
        try await TestApp.each { client, app in
            let s = try await client.session("sales1")
            let car = try await Self.car(app, unit: "D-MI1")
            let form: [(String, String)] = [("_csrf", s.csrf), ("kind", "test_drive"), ("title", "Giro di prova"), ("day", "2030-07-01"), ("time", "10:00"),
                                            ("minutes", "45"), ("vehicle_id", "\(car)"), ("customer_id", ""), ("location", "Showroom"), ("notes", "")]
            let booked = try await client.request(.post, "/sales/agenda", form: form, cookie: s.cookie)
            XCTAssertEqual(booked.status, .seeOther, booked.text)
            let stored = try await app.services.db.sql.raw("SELECT starts_at FROM appointments WHERE title = 'Giro di prova'").first()!.decode(column: "starts_at", as: String.self)
            XCTAssertEqual(stored, "2030-07-01T08:00:00Z", "10:00 in Milan in summer is 08:00 UTC")
            let day = try await client.request(.get, "/sales/agenda?day=2030-07-01", cookie: s.cookie)
            XCTAssertTrue(day.text.contains("10:00–10:45"))
            var again = form
            again[2] = ("title", "Doppio <b>")
            again[4] = ("time", "10:30")
            let clash = try await client.request(.post, "/sales/agenda", form: again, cookie: s.cookie)
            XCTAssertEqual(clash.status, .unprocessableContent)
            XCTAssertTrue(clash.text.contains("is booked 2030-07-01T08:00:00Z"), clash.text)
            XCTAssertTrue(clash.text.contains(#"value="Doppio &lt;b&gt;""#), "what was typed stays, escaped")
            XCTAssertTrue(clash.text.contains(#"value="10:30""#))
            let badTime = try await client.request(.post, "/sales/agenda", form: [("_csrf", s.csrf), ("kind", "appointment"), ("title", "x"), ("day", "2030-07-01"), ("time", "ten"), ("minutes", "abc")], cookie: s.cookie)
            XCTAssertEqual(badTime.status, .unprocessableContent)
            XCTAssertTrue(badTime.text.contains("When needs a day and a time like 10:30"))
            XCTAssertTrue(badTime.text.contains("Minutes must be a whole number"))
        }
    }

    func testTodaysBookingsAreOnTheHomePage() async throws {
        try await TestApp.each { client, _ in
            let s = try await client.session("sales1")
            let f = DateFormatter()
            f.timeZone = TimeZone(identifier: "Europe/Rome")
            f.dateFormat = "yyyy-MM-dd"
            let today = f.string(from: Date())
            let empty = try await client.request(.get, "/", cookie: s.cookie)
            XCTAssertFalse(empty.text.contains("Your agenda</a>"))
            let booked = try await client.request(.post, "/sales/agenda", form: [("_csrf", s.csrf), ("kind", "call"), ("title", "Call Bianchi back"), ("day", today), ("time", "12:00"),
                                                                             ("minutes", "15"), ("customer_id", ""), ("vehicle_id", ""), ("location", ""), ("notes", "")], cookie: s.cookie)
            XCTAssertEqual(booked.status, .seeOther, booked.text)
            let home = try await client.request(.get, "/", cookie: s.cookie)
            XCTAssertTrue(home.text.contains("<strong>12:00</strong> Follow-up call: Call Bianchi back"), home.text)
            let other = try await client.request(.get, "/", cookie: try await client.session("sales2").cookie)
            XCTAssertFalse(other.text.contains("Call Bianchi back"), "only one's own bookings")
        }
    }
}
