import SQLKit
import TorqueDomain

/// One item of a car's plan as stored.
public struct MaintenancePlanItem: Sendable, Equatable, Codable {
    public var vehicleId: Int
    public var orgUnitId: Int
    public var code: String
    public var name: String
    public var everyMonths: Int
    public var everyKm: Int
    public var lastDay: String
    public var lastKm: Int
    public var nextDueDay: String
    public var remindedForDay: String?
}

/// Maintenance plans (SVC-5): a car sold or first serviced gets the schedule; a repair order
/// that does an item restarts it; the reminders job tells the advisor and the owner once per
/// due date.
public struct MaintenanceStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static func decode(_ r: any SQLRow) throws -> MaintenancePlanItem { try r.decode(model: MaintenancePlanItem.self, keyDecodingStrategy: .convertFromSnakeCase) }

    public func items(vehicleID: Int) async throws -> [MaintenancePlanItem] {
        try await db.sql.raw("SELECT * FROM maintenance_items WHERE vehicle_id = \(bind: vehicleID) ORDER BY next_due_day, code").all().map(Self.decode)
    }

    /// The next item due for each of these cars (the 360 page), in one query.
    public func nextDue(vehicleIDs: [Int]) async throws -> [Int: MaintenancePlanItem] {
        guard !vehicleIDs.isEmpty else { return [:] }
        var out: [Int: MaintenancePlanItem] = [:]
        for item in try await db.sql.raw("SELECT * FROM maintenance_items WHERE vehicle_id IN \(SQLBind.group(vehicleIDs)) ORDER BY next_due_day").all().map(Self.decode) where out[item.vehicleId] == nil {
            out[item.vehicleId] = item
        }
        return out
    }

    /// Starts the plan of a car that has none (sold, or serviced for the first time here).
    static func start(vehicleID: Int, unitID: Int, day: String, km: Int, on tx: any SQLDatabase) async throws {
        guard try await tx.raw("SELECT 1 AS x FROM maintenance_items WHERE vehicle_id = \(bind: vehicleID)").first() == nil else { return }
        for item in MaintenancePlanner.standardSchedule {
            let due = MaintenancePlanner.nextDue(item, lastDay: day, lastKm: km, kmPerDay: 40)
            try await tx.raw("""
                INSERT INTO maintenance_items (vehicle_id, org_unit_id, code, name, every_months, every_km, start_day, start_km, last_day, last_km, next_due_day)
                VALUES (\(bind: vehicleID), \(bind: unitID), \(bind: item.code), \(bind: item.name), \(bind: item.everyMonths), \(bind: item.everyKm), \(bind: day), \(bind: km),
                        \(bind: day), \(bind: km), \(bind: due))
                """).run()
        }
    }

    /// A visit on `day` at `km` did these operations: their items start again, and every item's
    /// due date follows the car's pace since the plan began.
    static func serviced(vehicleID: Int, unitID: Int, day: String, km: Int, codes: Set<String>, on tx: any SQLDatabase) async throws {
        try await start(vehicleID: vehicleID, unitID: unitID, day: day, km: km, on: tx)
        let items = try await tx.raw("SELECT * FROM maintenance_items WHERE vehicle_id = \(bind: vehicleID)").all()
        for r in items {
            let code = try r.decode(column: "code", as: String.self)
            let startDay = try r.decode(column: "start_day", as: String.self), startKm = try r.decode(column: "start_km", as: Int.self)
            let pace = MaintenancePlanner.kmPerDay(fromDay: startDay, fromKm: startKm, toDay: day, toKm: km)
            let done = codes.contains(code)
            let lastDay = done ? day : try r.decode(column: "last_day", as: String.self)
            let lastKm = done ? km : try r.decode(column: "last_km", as: Int.self)
            let item = MaintenanceItem(code: code, name: try r.decode(column: "name", as: String.self), everyMonths: try r.decode(column: "every_months", as: Int.self),
                                       everyKm: try r.decode(column: "every_km", as: Int.self))
            try await tx.raw("""
                UPDATE maintenance_items SET last_day = \(bind: lastDay), last_km = \(bind: lastKm), org_unit_id = \(bind: unitID),
                  next_due_day = \(bind: MaintenancePlanner.nextDue(item, lastDay: lastDay, lastKm: lastKm, kmPerDay: pace))
                WHERE vehicle_id = \(bind: vehicleID) AND code = \(bind: code)
                """).run()
        }
    }

    /// Starts a plan by hand (a car bought elsewhere); the car must be in scope.
    public func start(vehicleID: Int, unitID: Int, day: String, km: Int, scope: Scope) async throws -> [MaintenancePlanItem] {
        try await db.transaction { tx in
            do { _ = try await VehicleStore.get(vehicleID, scope: scope, on: tx) } catch StoreError.notFound { throw StoreError.invalid(ValidationErrors(["vehicle_id": "is not a vehicle you can see"])) }
            try await Self.start(vehicleID: vehicleID, unitID: unitID, day: day, km: km, on: tx)
            return try await tx.raw("SELECT * FROM maintenance_items WHERE vehicle_id = \(bind: vehicleID) ORDER BY next_due_day, code").all().map(Self.decode)
        }
    }

    /// The reminders due `today`: a task for a service advisor of the unit (or its parent) and
    /// a message to the owner, once per item and due date. Returns how many were sent (at most
    /// `batch`, so a backlog goes in short transactions).
    public func remind(today: String, batch: Int = 200) async throws -> Int {
        try await db.transaction { tx in
            let rows = try await tx.raw("""
                SELECT m.*, v.customer_id, v.make || ' ' || v.model_name AS car, v.plate, c.email, c.display_name
                FROM maintenance_items m JOIN vehicles v ON v.id = m.vehicle_id LEFT JOIN customers c ON c.id = v.customer_id
                WHERE m.next_due_day <= \(bind: CalendarDay.adding(MaintenancePlanner.remindDaysBefore, to: today))
                  AND (m.reminded_for_day IS NULL OR m.reminded_for_day <> m.next_due_day)
                ORDER BY m.next_due_day LIMIT \(bind: batch)
                """).all()
            // the advisor of each workshop (or its dealer), looked up once per workshop of the batch
            var advisors: [Int: Int?] = [:]
            for r in rows {
                let item = try Self.decode(r)
                let customer = try r.decode(column: "customer_id", as: Int?.self)
                let car = try r.decode(column: "car", as: String.self), plate = try r.decode(column: "plate", as: String.self)
                let what = "\(item.name) due \(item.nextDueDay) for \(car)\(plate.isEmpty ? "" : " (\(plate))")"
                if advisors[item.orgUnitId] == nil {
                    advisors[item.orgUnitId] = .some(try await tx.raw("""
                        SELECT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles ro ON ro.id = ur.role_id
                        WHERE ro.key = 'service_advisor' AND u.active = \(bind: true)
                          AND u.org_unit_id IN (\(bind: item.orgUnitId), (SELECT parent_id FROM org_units WHERE id = \(bind: item.orgUnitId)))
                        ORDER BY u.id LIMIT 1
                        """).first()?.decode(column: "id", as: Int.self))
                }
                if let advisor = advisors[item.orgUnitId] ?? nil {
                    try await tx.raw("""
                        INSERT INTO tasks (org_unit_id, assignee_user_id, customer_id, title, due_on, created_at)
                        VALUES (\(bind: item.orgUnitId), \(bind: advisor), \(bind: customer), \(bind: "Book the service: " + what), \(bind: today), \(bind: Clock.nowString()))
                        """).run()
                }
                if let c = customer, let email = try r.decode(column: "email", as: String?.self) {
                    let name = try r.decode(column: "display_name", as: String?.self) ?? ""
                    try await OutboxStore.enqueue(on: tx, orgUnitID: item.orgUnitId, recipient: email, subject: "Your car's \(item.name.lowercased()) is due",
                                                  body: "Dear \(name),\n\nthe \(item.name.lowercased()) of your \(car) is due on \(item.nextDueDay). Reply or call us to book it.")
                    try await TimelineStore.append(TimelineEntry(kind: .service, title: "Service reminder sent", detail: what), customerID: c, unitID: item.orgUnitId, userName: "Torque", on: tx)
                }
                try await tx.raw("UPDATE maintenance_items SET reminded_for_day = next_due_day WHERE vehicle_id = \(bind: item.vehicleId) AND code = \(bind: item.code)").run()
            }
            return rows.count
        }
    }
}
