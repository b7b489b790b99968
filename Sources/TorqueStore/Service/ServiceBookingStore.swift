import Foundation
import SQLKit
import TorqueDomain

/// What booking a job takes: the car and customer, the operations (catalog codes or free text
/// with minutes), and the chosen proposal.
public struct ServiceBookingInput: Sendable, Equatable {
    public var customerId: Int?
    public var vehicleId: Int?
    public var operations: [BookedOperation]
    public var technicianId: Int
    public var bayId: Int
    /// Workshop clock: "2026-11-30T08:00".
    public var startsAt: String
    public var notes: String
    public init(customerId: Int?, vehicleId: Int?, operations: [BookedOperation], technicianId: Int, bayId: Int, startsAt: String, notes: String = "") {
        self.customerId = customerId; self.vehicleId = vehicleId; self.operations = operations; self.technicianId = technicianId; self.bayId = bayId
        self.startsAt = startsAt; self.notes = notes
    }
}

/// Service bookings (SVC-3): slot proposals from the workshop's set-up and bookings, and the
/// booking itself, refused (409) when the technician or bay was taken meanwhile.
public struct ServiceBookingStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = """
        SELECT b.*, c.display_name AS customer_name, t.name AS technician_name, w.name AS bay_name,
               CASE WHEN v.id IS NULL THEN NULL ELSE v.make || ' ' || v.model_name || ' ' || v.vin END AS vehicle_title
        FROM service_bookings b JOIN technicians t ON t.id = b.technician_id JOIN workshop_bays w ON w.id = b.bay_id
        LEFT JOIN customers c ON c.id = b.customer_id LEFT JOIN vehicles v ON v.id = b.vehicle_id
        """

    static func decode(_ r: any SQLRow) throws -> ServiceBooking {
        ServiceBooking(id: try r.decode(column: "id", as: Int.self), orgUnitId: try r.decode(column: "org_unit_id", as: Int.self),
                       customerId: try r.decode(column: "customer_id", as: Int?.self), customerName: try r.decode(column: "customer_name", as: String?.self),
                       vehicleId: try r.decode(column: "vehicle_id", as: Int?.self), vehicleTitle: try r.decode(column: "vehicle_title", as: String?.self),
                       technicianId: try r.decode(column: "technician_id", as: Int.self), technicianName: try r.decode(column: "technician_name", as: String?.self),
                       bayId: try r.decode(column: "bay_id", as: Int.self), bayName: try r.decode(column: "bay_name", as: String?.self),
                       startsAt: try r.decode(column: "starts_at", as: String.self), endsAt: try r.decode(column: "ends_at", as: String.self),
                       minutes: try r.decode(column: "minutes", as: Int.self),
                       operations: try JSONDecoder().decode([BookedOperation].self, from: Data(try r.decode(column: "operations_json", as: String.self).utf8)),
                       status: try r.decode(column: "status", as: String.self), notes: try r.decode(column: "notes", as: String.self),
                       createdAt: try r.decode(column: "created_at", as: String.self))
    }

    static func list(where condition: SQLQueryString, on sql: any SQLDatabase) async throws -> [ServiceBooking] {
        try await sql.raw("\(unsafeRaw: select) WHERE \(condition) ORDER BY b.starts_at, b.id").all().map(decode)
    }

    public func get(_ id: Int, scope: Scope) async throws -> ServiceBooking {
        guard let b = try await Self.list(where: "b.id = \(bind: id) AND \(scope.condition("b.org_unit_id"))", on: db.sql).first else { throw StoreError.notFound }
        return b
    }

    /// A workshop's bookings from `from` to `to` (days, `to` excluded).
    public func list(workshopID: Int, from: String, to: String, scope: Scope) async throws -> [ServiceBooking] {
        try await Self.list(where: """
            b.org_unit_id = \(bind: workshopID) AND \(scope.condition("b.org_unit_id")) AND b.status <> 'cancelled' AND b.starts_at < \(bind: to + "T00:00") AND b.ends_at > \(bind: from + "T00:00")
            """, on: db.sql)
    }

    /// The workshop as the scheduler needs it, with the bookings from `fromDay` for `days` days:
    /// four queries whatever the number of bookings.
    static func plan(workshopID: Int, fromDay: String, days: Int, excluding: Int? = nil, on sql: any SQLDatabase) async throws -> ([TechnicianPlan], [BayPlan], [BusySpan]) {
        let (techs, bays) = try await team(workshopID: workshopID, on: sql)
        return (techs, bays, try await busy(workshopID: workshopID, fromDay: fromDay, days: days, excluding: excluding, on: sql))
    }

    /// The active technicians and bays of a workshop.
    static func team(workshopID: Int, on sql: any SQLDatabase) async throws -> ([TechnicianPlan], [BayPlan]) {
        let techs = try await WorkshopStore.technicians(where: "org_unit_id = \(bind: workshopID) AND active = \(bind: true)", on: sql)
        let bays = try await sql.raw("SELECT * FROM workshop_bays WHERE org_unit_id = \(bind: workshopID) AND active = \(bind: true) ORDER BY name, id").all().map(WorkshopStore.decodeBay)
        return (techs.map(\.plan), bays.map { BayPlan(id: $0.id, name: $0.name, capabilities: Set($0.capabilities)) })
    }

    /// The technicians' and bays' booked spans from `fromDay` for `days` days (one query).
    static func busy(workshopID: Int, fromDay: String, days: Int, excluding: Int? = nil, on sql: any SQLDatabase) async throws -> [BusySpan] {
        let until = CalendarDay.adding(days + 1, to: fromDay)
        let rows = try await sql.raw("""
            SELECT technician_id, bay_id, starts_at, ends_at FROM service_bookings
            WHERE org_unit_id = \(bind: workshopID) AND status <> 'cancelled' AND starts_at < \(bind: until + "T00:00") AND ends_at > \(bind: fromDay + "T00:00")
              AND id <> \(bind: excluding ?? 0)
            """).all()
        var busy: [BusySpan] = []
        for r in rows {
            guard let s = WorkshopRules.minute(try r.decode(column: "starts_at", as: String.self)), let e = WorkshopRules.minute(try r.decode(column: "ends_at", as: String.self)) else { continue }
            busy.append(BusySpan(.technician(try r.decode(column: "technician_id", as: Int.self)), start: s, end: e))
            busy.append(BusySpan(.bay(try r.decode(column: "bay_id", as: Int.self)), start: s, end: e))
        }
        return busy
    }

    /// Parts promised to the workshop's bookings not yet checked in, from their operations'
    /// kits (`kits` by operation code: only bookings naming one of them are read).
    public func promisedParts(workshopID: Int, fromDay: String, kits: [String: [KitPart]]) async throws -> [String: Int] {
        guard !kits.isEmpty else { return [:] }
        var mentions: SQLQueryString = "("
        for (i, code) in kits.keys.sorted().enumerated() { mentions += (i == 0 ? "" : " OR ") + "operations_json LIKE \(bind: "%\"code\":\"\(code)\"%")" }
        mentions += ")"
        var out: [String: Int] = [:]
        for r in try await db.sql.raw("""
            SELECT operations_json FROM service_bookings WHERE org_unit_id = \(bind: workshopID) AND status = 'booked' AND ends_at > \(bind: fromDay + "T00:00") AND \(mentions)
            """).all() {
            for op in try JSONDecoder().decode([BookedOperation].self, from: Data(try r.decode(column: "operations_json", as: String.self).utf8)) {
                for k in kits[op.code] ?? [] { out[k.partNumber, default: 0] += k.quantity }
            }
        }
        return out
    }

    /// Proposals for a job at a workshop from `now` (workshop minutes).
    public func proposals(workshopID: Int, job: JobNeeds, now: Int, days: Int = 28, scope: Scope) async throws -> Result<[SlotProposal], ServiceScheduler.Refusal> {
        _ = try await WorkshopStore.workshop(workshopID, field: "workshop_id", scope: scope, on: db.sql)
        // Most jobs find their three proposals within the first week: read that week's bookings
        // first, and the whole horizon only when fewer than three technicians fit in it. The
        // answer is the same: an earlier slot cannot lie after the week.
        let (techs, bays) = try await Self.team(workshopID: workshopID, on: db.sql)
        if days > 7 {
            let week = try await Self.busy(workshopID: workshopID, fromDay: WorkshopTime.day(now), days: 7, on: db.sql)
            if case .success(let found) = ServiceScheduler.propose(job, technicians: techs, bays: bays, busy: week, from: now, days: 7), found.count == 3 { return .success(found) }
        }
        let busy = try await Self.busy(workshopID: workshopID, fromDay: WorkshopTime.day(now), days: days, on: db.sql)
        return ServiceScheduler.propose(job, technicians: techs, bays: bays, busy: busy, from: now, days: days)
    }

    /// Books the job. The technician's and the bay's rows are written first, so two advisors
    /// taking the same slot wait for each other and the second gets 409 naming the clash.
    public func book(_ input: ServiceBookingInput, workshopID: Int, scope: Scope, actor: Actor) async throws -> ServiceBooking {
        var errors = ValidationErrors()
        let minutes = input.operations.reduce(0) { $0 + $1.minutes }
        if input.operations.isEmpty { errors.add("operations", "are required: at least one job") }
        if !(1...10_080).contains(minutes) && !input.operations.isEmpty { errors.add("operations", "must add up to 1 minute … a week") }
        guard let start = WorkshopRules.minute(input.startsAt) else { throw StoreError.invalid(ValidationErrors(["starts_at": "must be a workshop time like 2026-12-01T08:00"])) }
        if input.notes.count > 2000 { errors.add("notes", "must be at most 2,000 characters") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            _ = try await Self.workshop(workshopID, scope: scope, on: tx)
            guard try await tx.raw("UPDATE technicians SET active = active WHERE id = \(bind: input.technicianId) AND org_unit_id = \(bind: workshopID) RETURNING id").first() != nil else {
                throw StoreError.invalid(ValidationErrors(["technician_id": "is not a technician of this workshop"]))
            }
            guard try await tx.raw("UPDATE workshop_bays SET active = active WHERE id = \(bind: input.bayId) AND org_unit_id = \(bind: workshopID) RETURNING id").first() != nil else {
                throw StoreError.invalid(ValidationErrors(["bay_id": "is not a bay of this workshop"]))
            }
            if let c = input.customerId { do { _ = try await CustomerStore.get(c, scope: scope, on: tx) } catch StoreError.notFound { throw StoreError.invalid(ValidationErrors(["customer_id": "is not a customer you can see"])) } }
            if let v = input.vehicleId { do { _ = try await VehicleStore.get(v, scope: .everything, on: tx) } catch StoreError.notFound { throw StoreError.invalid(ValidationErrors(["vehicle_id": "is not a vehicle"])) } }
            let (end, techName) = try await Self.place(workshopID: workshopID, technicianID: input.technicianId, bayID: input.bayId, start: start, minutes: minutes, excluding: nil, on: tx)
            let now = Clock.nowString()
            let id = try await tx.raw("""
                INSERT INTO service_bookings (org_unit_id, customer_id, vehicle_id, technician_id, bay_id, starts_at, ends_at, minutes, operations_json, status, notes, created_by, created_at)
                VALUES (\(bind: workshopID), \(bind: input.customerId), \(bind: input.vehicleId), \(bind: input.technicianId), \(bind: input.bayId), \(bind: WorkshopRules.stamp(start)),
                        \(bind: WorkshopRules.stamp(end)), \(bind: minutes), \(bind: String(decoding: try JSONEncoder().encode(input.operations), as: UTF8.self)), 'booked',
                        \(bind: input.notes), \(bind: actor.userID), \(bind: now)) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            let booked = try await Self.list(where: "b.id = \(bind: id)", on: tx)[0]
            if let c = input.customerId {
                try await TimelineStore.append(TimelineEntry(kind: .service, title: "Workshop booked: \(input.operations.map(\.name).joined(separator: ", "))",
                                                             detail: "\(booked.startsAt.replacingOccurrences(of: "T", with: " ")) with \(techName)", refType: "service_booking", refId: id),
                                               customerID: c, unitID: workshopID, userName: actor.label, on: tx)
            }
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "service_booking", recordID: id, orgUnitID: workshopID, before: nil, after: booked)
            return booked
        }
    }

    /// Where a job of `minutes` starting at `start` ends on the technician's clock, refusing a
    /// start outside their hours (422) and a clash with the technician's or the bay's other
    /// bookings (409, naming it). `excluding` is the booking being moved.
    static func place(workshopID: Int, technicianID: Int, bayID: Int, start: Int, minutes: Int, excluding: Int?, on tx: any SQLDatabase) async throws -> (end: Int, technician: String) {
        let (techs, _, busySpans) = try await Self.plan(workshopID: workshopID, fromDay: WorkshopTime.day(start), days: 14, excluding: excluding, on: tx)
        guard let tech = techs.first(where: { $0.id == technicianID }) else { throw StoreError.invalid(ValidationErrors(["technician_id": "is not active"])) }
        let windows = ServiceScheduler.freeWindows(tech, busy: [], from: start, to: start + 14 * 1440)
        guard let first = windows.first, first.0 == start else {
            throw StoreError.invalid(ValidationErrors(["starts_at": "is outside \(tech.name)'s working hours or on a day away"]))
        }
        var left = minutes, end = start
        for w in windows where left > 0 { let take = min(left, w.1 - w.0); end = w.0 + take; left -= take }
        if left > 0 { throw StoreError.invalid(ValidationErrors(["operations": "do not fit in \(tech.name)'s next two weeks"])) }
        for b in busySpans where b.start < end && b.end > start {
            switch b.resource {
            case .technician(let id) where id == technicianID:
                throw StoreError.conflict(field: "technician_id", message: "\(tech.name) is booked \(WorkshopRules.stamp(b.start)) – \(WorkshopRules.stamp(b.end))")
            case .bay(let id) where id == bayID:
                throw StoreError.conflict(field: "bay_id", message: "the bay is taken \(WorkshopRules.stamp(b.start)) – \(WorkshopRules.stamp(b.end))")
            default: continue
            }
        }
        return (end, tech.name)
    }

    /// Moves a booking to another time, technician or bay, with the same checks as booking.
    public func move(_ id: Int, technicianID: Int?, bayID: Int?, startsAt: String?, scope: Scope, actor: Actor) async throws -> ServiceBooking {
        try await db.transaction { tx in
            guard try await tx.raw("UPDATE service_bookings SET status = status WHERE id = \(bind: id) AND \(scope.condition("org_unit_id")) RETURNING id").first() != nil else { throw StoreError.notFound }
            let before = try await Self.list(where: "b.id = \(bind: id)", on: tx)[0]
            guard before.status == "booked" else { throw StoreError.conflict(field: "status", message: "is \(before.status.replacingOccurrences(of: "_", with: " ")): only a booking not yet checked in moves") }
            let tech = technicianID ?? before.technicianId, bay = bayID ?? before.bayId
            guard let start = WorkshopRules.minute(startsAt ?? before.startsAt) else { throw StoreError.invalid(ValidationErrors(["starts_at": "must be a workshop time like 2026-12-01T08:00"])) }
            if try await tx.raw("SELECT 1 AS x FROM technicians WHERE id = \(bind: tech) AND org_unit_id = \(bind: before.orgUnitId)").first() == nil {
                throw StoreError.invalid(ValidationErrors(["technician_id": "is not a technician of this workshop"]))
            }
            if try await tx.raw("SELECT 1 AS x FROM workshop_bays WHERE id = \(bind: bay) AND org_unit_id = \(bind: before.orgUnitId)").first() == nil {
                throw StoreError.invalid(ValidationErrors(["bay_id": "is not a bay of this workshop"]))
            }
            let (end, _) = try await Self.place(workshopID: before.orgUnitId, technicianID: tech, bayID: bay, start: start, minutes: before.minutes, excluding: id, on: tx)
            try await tx.raw("""
                UPDATE service_bookings SET technician_id = \(bind: tech), bay_id = \(bind: bay), starts_at = \(bind: WorkshopRules.stamp(start)), ends_at = \(bind: WorkshopRules.stamp(end))
                WHERE id = \(bind: id)
                """).run()
            let after = try await Self.list(where: "b.id = \(bind: id)", on: tx)[0]
            try await AuditStore.record(on: tx, actor: actor, action: "move", recordType: "service_booking", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
            return after
        }
    }

    static func workshop(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> OrgUnit {
        try await WorkshopStore.workshop(id, field: "workshop_id", scope: scope, on: sql)
    }
}
