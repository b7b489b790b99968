import SQLKit
import TorqueDomain

/// The agenda (SALES-2): appointments, test drives, calls and deliveries, per person and
/// showroom, with a test-drive car booked once at a time, and each person's calendar feed.
public struct AppointmentStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = """
        SELECT a.*, u.name AS user_name, c.display_name AS customer_name,
               CASE WHEN v.id IS NULL THEN NULL ELSE v.make || ' ' || v.model_name || ' ' || v.vin END AS vehicle_title
        FROM appointments a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN customers c ON c.id = a.customer_id LEFT JOIN vehicles v ON v.id = a.vehicle_id
        """

    static func decode(_ row: any SQLRow) throws -> Appointment {
        try row.decode(model: Appointment.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    public func get(_ id: Int, scope: Scope) async throws -> Appointment { try await Self.get(id, scope: scope, on: db.sql) }

    static func get(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> Appointment {
        guard let row = try await sql.raw("\(unsafeRaw: select) WHERE a.id = \(bind: id) AND \(scope.condition("a.org_unit_id"))").first() else { throw StoreError.notFound }
        return try decode(row)
    }

    /// Entries from `from` (inclusive) to `to` (exclusive), by start; cancelled ones too, marked.
    public func list(from: String, to: String, userID: Int? = nil, unitID: Int? = nil, vehicleID: Int? = nil, scope: Scope, limit: Int = 500) async throws -> [Appointment] {
        var sql: SQLQueryString = "\(unsafeRaw: Self.select) WHERE \(scope.condition("a.org_unit_id")) AND a.starts_at < \(bind: to) AND a.ends_at > \(bind: from)"
        if let u = userID { sql += " AND a.user_id = \(bind: u)" }
        if let u = unitID { sql += " AND a.org_unit_id = \(bind: u)" }
        if let v = vehicleID { sql += " AND a.vehicle_id = \(bind: v)" }
        sql += " ORDER BY a.starts_at, a.id LIMIT \(bind: limit)"
        return try await db.sql.raw(sql).all().map(Self.decode)
    }

    /// Books an entry; a test drive whose car is already out then answers 409 naming the clash.
    public func create(_ input: AppointmentInput, unitID: Int, scope: Scope, actor: Actor) async throws -> Appointment {
        try await db.transaction { tx in
            _ = try await OrgUnitStore.getOrInvalid(unitID, field: "org_unit_id", scope: scope, on: tx)
            try await Self.check(input, unitID: unitID, excluding: nil, scope: scope, on: tx)
            let now = Clock.nowString()
            let id = try await tx.raw("""
                INSERT INTO appointments (org_unit_id, kind, title, starts_at, ends_at, user_id, customer_id, opportunity_id, vehicle_id, location, notes, cancelled, created_at, updated_at)
                VALUES (\(bind: unitID), \(bind: input.kind.rawValue), \(bind: input.title), \(bind: input.startsAt), \(bind: input.endsAt), \(bind: input.userId),
                        \(bind: input.customerId), \(bind: input.opportunityId), \(bind: input.vehicleId), \(bind: input.location), \(bind: input.notes), \(bind: false), \(bind: now), \(bind: now))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            let booked = try await Self.get(id, scope: .everything, on: tx)
            if let customer = booked.customerId {
                try await TimelineStore.append(TimelineEntry(kind: .appointment, title: "\(booked.kind.label) booked: \(booked.title)", detail: booked.startsAt, refType: "appointment", refId: id),
                                               customerID: customer, unitID: unitID, userName: actor.label, on: tx)
            }
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "appointment", recordID: id, orgUnitID: unitID, before: nil, after: booked)
            return booked
        }
    }

    /// Moves or edits an entry (same checks as booking).
    public func update(_ id: Int, _ input: AppointmentInput, scope: Scope, actor: Actor) async throws -> Appointment {
        try await db.transaction { tx in
            let before = try await Self.get(id, scope: scope, on: tx)
            try await Self.check(input, unitID: before.orgUnitId, excluding: id, scope: scope, on: tx)
            try await tx.raw("""
                UPDATE appointments SET kind = \(bind: input.kind.rawValue), title = \(bind: input.title), starts_at = \(bind: input.startsAt), ends_at = \(bind: input.endsAt),
                  user_id = \(bind: input.userId), customer_id = \(bind: input.customerId), opportunity_id = \(bind: input.opportunityId), vehicle_id = \(bind: input.vehicleId),
                  location = \(bind: input.location), notes = \(bind: input.notes), updated_at = \(bind: Clock.nowString())
                WHERE id = \(bind: id)
                """).run()
            let after = try await Self.get(id, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "update", recordType: "appointment", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
            return after
        }
    }

    public func cancel(_ id: Int, scope: Scope, actor: Actor) async throws -> Appointment {
        try await db.transaction { tx in
            let before = try await Self.get(id, scope: scope, on: tx)
            try await tx.raw("UPDATE appointments SET cancelled = \(bind: true), updated_at = \(bind: Clock.nowString()) WHERE id = \(bind: id)").run()
            let after = try await Self.get(id, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "cancel", recordType: "appointment", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
            return after
        }
    }

    /// References the caller can see, a person of the unit, and the car free at that time. The
    /// car's row is written first: it serialises two bookings of one car (PostgreSQL locks the
    /// row; SQLite writes one transaction at a time), so both cannot see it free.
    static func check(_ a: AppointmentInput, unitID: Int, excluding: Int?, scope: Scope, on tx: any SQLDatabase) async throws {
        var errors = ValidationErrors()
        if let c = a.customerId {
            do { _ = try await CustomerStore.get(c, scope: scope, on: tx) } catch StoreError.notFound { errors.add("customer_id", "is not a customer you can see") }
        }
        if let o = a.opportunityId {
            do { _ = try await OpportunityStore.get(o, scope: scope, on: tx) } catch StoreError.notFound { errors.add("opportunity_id", "is not an opportunity you can see") }
        }
        if let u = a.userId,
           try await tx.raw("SELECT 1 AS x FROM users WHERE id = \(bind: u) AND org_unit_id = \(bind: unitID) AND active = \(bind: true)").first() == nil {
            errors.add("user_id", "is not an active user of this unit")
        }
        var car: Vehicle?
        if let v = a.vehicleId {
            do { car = try await VehicleStore.get(v, scope: scope, on: tx) } catch StoreError.notFound { errors.add("vehicle_id", "is not a vehicle you can see") }
        }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        guard let car, a.kind == .testDrive || a.kind == .delivery else { return }
        try await tx.raw("UPDATE vehicles SET updated_at = updated_at WHERE id = \(bind: car.id)").run()
        var clash: SQLQueryString = """
            \(unsafeRaw: select) WHERE a.vehicle_id = \(bind: car.id) AND a.cancelled = \(bind: false) AND a.kind IN ('test_drive', 'delivery')
            AND a.starts_at < \(bind: a.endsAt) AND a.ends_at > \(bind: a.startsAt)
            """
        if let excluding { clash += " AND a.id <> \(bind: excluding)" }
        if let other = try await tx.raw(clash + " ORDER BY a.starts_at LIMIT 1").first().map(decode) {
            throw StoreError.conflict(field: "vehicle_id", message: "\(car.title) is booked \(other.startsAt) – \(other.endsAt) (\(other.kind.label.lowercased())\(other.userName.map { " with " + $0 } ?? ""))")
        }
    }

    /// The secret of a person's calendar feed, if they have one.
    public func feedToken(userID: Int) async throws -> String? {
        try await db.sql.raw("SELECT token FROM calendar_feeds WHERE user_id = \(bind: userID)").first()?.decode(column: "token", as: String.self)
    }

    /// Sets a new secret (made by the caller): the old feed URL stops working.
    public func setFeedToken(userID: Int, token: String) async throws {
        try await db.sql.raw("""
            INSERT INTO calendar_feeds (user_id, token, created_at) VALUES (\(bind: userID), \(bind: token), \(bind: Clock.nowString()))
            ON CONFLICT (user_id) DO UPDATE SET token = EXCLUDED.token, created_at = EXCLUDED.created_at
            """).run()
    }

    /// The person a feed URL belongs to, if `token` is theirs.
    public func feedUser(_ userID: Int, token: String) async throws -> Bool {
        guard token.count >= 20, token.count <= 100 else { return false }
        return try await db.sql.raw("SELECT 1 AS x FROM calendar_feeds WHERE user_id = \(bind: userID) AND token = \(bind: token)").first() != nil
    }

    /// A person's entries for the feed: the last 30 days and what is ahead, at most 1,000.
    public func forFeed(userID: Int, since: String) async throws -> [Appointment] {
        try await db.sql.raw("\(unsafeRaw: Self.select) WHERE a.user_id = \(bind: userID) AND a.ends_at > \(bind: since) ORDER BY a.starts_at LIMIT 1000").all().map(Self.decode)
    }
}
