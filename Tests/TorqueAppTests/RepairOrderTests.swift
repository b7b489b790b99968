import SQLKit
import TorqueDomain
import TorqueStore
import TorqueTestSupport
import XCTest

/// Repair orders (SVC-4, SVC-7): checked in from the booking, a part issued from stock, extra
/// work approved by the customer, the technician's clock, and the close that queues "your car
/// is ready" to the owner; the mistakes a workshop makes are refused with their reason.
final class RepairOrderTests: XCTestCase {
    func testFromBookingToVehicleReady() async throws {
        try await TestApp.each { client, app in
            let (w, marco, _) = try await ServiceAPITests.setUpWorkshop(client, app: app)
            let advisor = try await client.token("advisor1"), manager = try await client.token("workshop1")
            let owner = try await client.request(.post, "/api/v1/customers", token: advisor, json: #"{"first_name":"Rita","last_name":"Officina","email":"rita@officina.example","phone":"347 000 1111","on_duplicate":"create"}"#).json["id"] as! Int
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            let km = try await client.request(.get, "/api/v1/vehicles/\(car)", token: advisor).json["mileage_km"] as? Int ?? 0
            try await app.services.db.sql.raw("UPDATE vehicles SET mileage_km = 45000 WHERE id = \(bind: car)").run()
            _ = km
            let slot = (try await client.request(.get, "/api/v1/service/slots?workshop_id=\(w)&operations=BRK-F", token: advisor).json["proposals"] as! [[String: Any]])[0]
            let booking = try await client.request(.post, "/api/v1/service/appointments", token: advisor, json: """
                {"workshop_id":\(w),"vehicle_id":\(car),"customer_id":\(owner),"operations":["BRK-F"],"technician_id":\(marco),"bay_id":\(slot["bay_id"] as! Int),"starts_at":"\(slot["starts_at"] as! String)"}
                """).json["id"] as! Int
            // check-in: a lower mileage must be confirmed
            let lower = try await client.request(.post, "/api/v1/repair-orders", token: advisor, json: #"{"booking_id":\#(booking),"mileage_km":44000,"concerns":"Squeal when braking"}"#)
            XCTAssertEqual(lower.status, .unprocessableContent)
            XCTAssertEqual(lower.errorFields["mileage_km"], "is lower than the 45000 km recorded before; check it, or confirm it if the odometer was replaced")
            let ro = try await client.request(.post, "/api/v1/repair-orders", token: advisor, json: #"{"booking_id":\#(booking),"mileage_km":45210,"concerns":"Squeal when braking"}"#)
            XCTAssertEqual(ro.status, .created, ro.text)
            let id = ro.json["id"] as! Int
            let lines = ro.json["lines"] as! [[String: Any]]
            XCTAssertEqual(lines.map { $0["code"] as? String }, ["BRK-F"])
            XCTAssertEqual(lines[0]["unit_price_minor"] as? Int, 97_50, "90 minutes at 65.00 an hour")
            let twice = try await client.request(.post, "/api/v1/repair-orders", token: advisor, json: #"{"booking_id":\#(booking),"mileage_km":45210}"#)
            XCTAssertEqual(twice.status, .conflict, "a booking is checked in once")
            // a part from the workshop's stock; more than there is is refused and nothing is saved
            let part = try await app.services.db.sql.raw("SELECT id, quantity, price_minor FROM parts WHERE org_unit_id = \(bind: w) AND quantity >= 2 ORDER BY id LIMIT 1").first()!
            let partID = try part.decode(column: "id", as: Int.self), stock = try part.decode(column: "quantity", as: Int.self)
            let tooMany = try await client.request(.post, "/api/v1/repair-orders/\(id)/lines", token: manager, json: #"{"kind":"part","part_id":\#(partID),"quantity":\#(stock + 1)}"#)
            XCTAssertEqual(tooMany.status, .unprocessableContent)
            XCTAssertTrue(tooMany.errorFields["quantity"]?.contains("below zero") ?? false, tooMany.text)
            let withPart = try await client.request(.post, "/api/v1/repair-orders/\(id)/lines", token: manager, json: #"{"kind":"part","part_id":\#(partID),"quantity":2}"#)
            XCTAssertEqual(withPart.status, .created, withPart.text)
            let left = try await app.services.db.sql.raw("SELECT quantity FROM parts WHERE id = \(bind: partID)").first()!.decode(column: "quantity", as: Int.self)
            XCTAssertEqual(left, stock - 2, "issued through the ledger")
            // extra work found: billed only once the customer says yes
            let extra = try await client.request(.post, "/api/v1/repair-orders/\(id)/lines", token: manager, json: #"{"code":"ALIGN","additional":true}"#)
            let extraLine = (extra.json["lines"] as! [[String: Any]]).last!
            XCTAssertEqual((extra.json["totals"] as? [String: Any])?["awaiting_approval"] as? Int, 1)
            let before = (extra.json["totals"] as? [String: Any])?["total_minor"] as? Int ?? 0
            let approved = try await client.request(.post, "/api/v1/repair-orders/\(id)/lines/\(extraLine["id"] as! Int)/approve", token: advisor)
            XCTAssertEqual((approved.json["totals"] as? [String: Any])?["total_minor"] as? Int, before + 65_00)
            // the technician's clock
            let line = lines[0]["id"] as! Int
            let outFirst = try await client.request(.post, "/api/v1/repair-orders/\(id)/clock", token: manager, json: #"{"line_id":\#(line),"technician_id":\#(marco),"action":"out"}"#)
            XCTAssertEqual(outFirst.errorFields["action"], "clock-out before clock-in: the technician is not clocked in on this line")
            let clockIn = try await client.request(.post, "/api/v1/repair-orders/\(id)/clock", token: manager, json: #"{"line_id":\#(line),"technician_id":\#(marco),"action":"in"}"#)
            XCTAssertEqual(clockIn.status, .ok, clockIn.text)
            let again = try await client.request(.post, "/api/v1/repair-orders/\(id)/clock", token: manager, json: #"{"line_id":\#(line),"technician_id":\#(marco),"action":"in"}"#)
            XCTAssertEqual(again.status, .conflict)
            let early = try await client.request(.post, "/api/v1/repair-orders/\(id)/close", token: advisor)
            XCTAssertEqual(early.status, .conflict)
            XCTAssertTrue(early.errorFields["clocks"]?.hasPrefix("Marco Gallo is still clocked in since") ?? false, early.text)
            _ = try await client.request(.post, "/api/v1/repair-orders/\(id)/clock", token: manager, json: #"{"line_id":\#(line),"technician_id":\#(marco),"action":"out"}"#)
            let closed = try await client.request(.post, "/api/v1/repair-orders/\(id)/close", token: advisor)
            XCTAssertEqual(closed.status, .ok, closed.text)
            XCTAssertEqual(closed.json["status"] as? String, "closed")
            // the owner is told, and the visit is on their timeline with its amount
            let message = try await app.services.db.sql.raw("SELECT recipient, subject FROM outbox_messages WHERE recipient = 'rita@officina.example'").first()
            XCTAssertEqual(try message?.decode(column: "subject", as: String.self), "Your car is ready")
            let sms = try await app.services.db.sql.raw("SELECT recipient, body FROM outbox_messages WHERE channel = 'sms'").all()
            XCTAssertEqual(try sms.map { try $0.decode(column: "recipient", as: String.self) }, ["+393470001111"], "a short SMS to the mobile too")
            XCTAssertTrue(try sms.first?.decode(column: "body", as: String.self).contains("your car is ready for collection") ?? false)
            let visit = try await client.request(.get, "/api/v1/customers/\(owner)/timeline?kind=service", token: advisor).list.first { ($0["title"] as? String)?.contains("closed") ?? false }
            XCTAssertEqual(visit?["amount_minor"] as? Int, (closed.json["totals"] as? [String: Any])?["total_minor"] as? Int)
            let booked = try await client.request(.get, "/api/v1/service/appointments/\(booking)", token: advisor)
            XCTAssertEqual(booked.json["status"] as? String, "done")
            let late = try await client.request(.post, "/api/v1/repair-orders/\(id)/lines", token: manager, json: #"{"description":"More","minutes":10}"#)
            XCTAssertEqual(late.status, .conflict, "a closed order does not change")
        }
    }
}

/// Maintenance plans and reminders (SVC-5): a car sold gets its plan; a visit that does the
/// annual service starts it again; the job reminds the advisor and the owner once per due date.
final class MaintenanceTests: XCTestCase {
    func testASoldCarGetsItsPlanAndRemindersGoOutOnce() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1"), advisor = try await client.token("advisor1")
            let owner = try await client.request(.post, "/api/v1/customers", token: sales, json: #"{"first_name":"Ugo","last_name":"Tagliando","email":"ugo@tagliando.example","on_duplicate":"create"}"#).json["id"] as! Int
            let car = try await AgendaTests.car(app, unit: "D-MI1")
            let quote = try await client.request(.post, "/api/v1/quotes", token: sales, json: QuoteTests.quoteBody(customer: owner, car: car)).json["id"] as! Int
            let signed = try await client.request(.post, "/api/v1/quotes/\(quote)/accept", token: sales)
            XCTAssertEqual(signed.status, .created, signed.text)
            let plan = try await client.request(.get, "/api/v1/maintenance-plans?vehicle_id=\(car)", token: advisor).list
            XCTAssertEqual(plan.map { $0["code"] as? String }.sorted { ($0 ?? "") < ($1 ?? "") }, ["ALIGN", "BRK-FLUID", "SRV-A"])
            let annual = plan.first { $0["code"] as? String == "SRV-A" }!
            let today = Clock.today()
            XCTAssertEqual(annual["next_due_day"] as? String, MaintenancePlannerText.inAYear(today), "12 months (15,000 km at 40 km a day come later)")
            // nothing due yet; make the annual service due in ten days: the job reminds once
            let none = try await app.services.maintenance.remind(today: today)
            XCTAssertEqual(none, 0)
            try await app.services.db.sql.raw("UPDATE maintenance_items SET next_due_day = \(bind: CalendarDayText.next(CalendarDayText.next(today))) WHERE vehicle_id = \(bind: car) AND code = 'SRV-A'").run()
            let first = try await app.services.maintenance.remind(today: today)
            let second = try await app.services.maintenance.remind(today: today)
            XCTAssertEqual(first, 1)
            XCTAssertEqual(second, 0, "once per due date")
            let task = try await app.services.db.sql.raw("SELECT title FROM tasks WHERE customer_id = \(bind: owner)").first()?.decode(column: "title", as: String.self)
            XCTAssertTrue(task?.hasPrefix("Book the service: Annual service due") ?? false, task ?? "no task")
            let mail = try await app.services.db.sql.raw("SELECT subject FROM outbox_messages WHERE recipient = 'ugo@tagliando.example'").first()?.decode(column: "subject", as: String.self)
            XCTAssertEqual(mail, "Your car's annual service is due")
            let page = try await client.request(.get, "/customers/\(owner)", cookie: try await client.session("advisor1").cookie)
            XCTAssertTrue(page.text.contains("Next service: Annual service due"), "the 360 page shows the next service")
            let nobody = try await client.request(.get, "/api/v1/maintenance-plans", token: advisor)
            XCTAssertEqual(nobody.errorFields["vehicle_id"], "is required")
        }
    }
}

enum MaintenancePlannerText {
    static func inAYear(_ day: String) -> String { TorqueDomainAccess.addMonths(12, to: day) }
}

enum TorqueDomainAccess {
    static func addMonths(_ n: Int, to day: String) -> String { MaintenancePlanner.addMonths(n, to: day) }
}
