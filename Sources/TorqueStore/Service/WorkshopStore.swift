import Foundation
import SQLKit
import TorqueDomain

/// A technician as entered by the workshop manager (validated by `WorkshopRules`).
public struct TechnicianInput: Sendable, Equatable {
    public var name: String
    public var userId: Int?
    public var hours: String
    public var skills: [String: Int]
    public var active: Bool
    public init(name: String, userId: Int? = nil, hours: String, skills: [String: Int], active: Bool = true) {
        self.name = name; self.userId = userId; self.hours = hours; self.skills = skills; self.active = active
    }
}

/// Workshop set-up (SVC-1, ORG-4): bays with their equipment, technicians with skills, weekly
/// hours and absences. Every record belongs to a workshop unit and is scoped by it.
public struct WorkshopStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static func decodeBay(_ r: any SQLRow) throws -> WorkshopBay {
        WorkshopBay(id: try r.decode(column: "id", as: Int.self), orgUnitId: try r.decode(column: "org_unit_id", as: Int.self), name: try r.decode(column: "name", as: String.self),
                    capabilities: try r.decode(column: "capabilities", as: String.self).split(separator: ",").map(String.init),
                    active: try r.decode(column: "active", as: Bool.self), createdAt: try r.decode(column: "created_at", as: String.self))
    }

    /// The workshop unit itself (a unit of kind workshop in scope), else `field` is invalid.
    static func workshop(_ id: Int, field: String, scope: Scope, on sql: any SQLDatabase) async throws -> OrgUnit {
        let unit = try await OrgUnitStore.getOrInvalid(id, field: field, scope: scope, on: sql)
        guard unit.kind == OrgUnitKind.workshop.rawValue else { throw StoreError.invalid(ValidationErrors([field: "is not a workshop"])) }
        return unit
    }

    public func bays(workshopID: Int, scope: Scope) async throws -> [WorkshopBay] { try await Self.bays(workshopID: workshopID, scope: scope, on: db.sql) }

    static func bays(workshopID: Int, scope: Scope, on sql: any SQLDatabase) async throws -> [WorkshopBay] {
        try await sql.raw("SELECT * FROM workshop_bays WHERE org_unit_id = \(bind: workshopID) AND \(scope.condition("org_unit_id")) ORDER BY name, id").all().map(Self.decodeBay)
    }

    public func addBay(workshopID: Int, name: String, capabilities: [String], scope: Scope, actor: Actor) async throws -> WorkshopBay {
        var errors = ValidationErrors()
        let name = name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { errors.add("name", "is required") } else if name.count > 60 { errors.add("name", "must be at most 60 characters") }
        let caps = Array(Set(capabilities.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })).sorted()
        if let bad = caps.first(where: { !WorkshopRules.isCode($0) }) { errors.add("capabilities", "'\(bad)' must be a code of lowercase letters, digits and _ (like alignment)") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            _ = try await Self.workshop(workshopID, field: "workshop_id", scope: scope, on: tx)
            let id = try await tx.raw("""
                INSERT INTO workshop_bays (org_unit_id, name, capabilities, active, created_at)
                VALUES (\(bind: workshopID), \(bind: name), \(bind: caps.joined(separator: ",")), \(bind: true), \(bind: Clock.nowString())) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            let bay = try Self.decodeBay(try await tx.raw("SELECT * FROM workshop_bays WHERE id = \(bind: id)").first()!)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "workshop_bay", recordID: id, orgUnitID: workshopID, before: nil, after: bay)
            return bay
        }
    }

    static func technicians(where condition: SQLQueryString, on sql: any SQLDatabase) async throws -> [Technician] {
        let rows = try await sql.raw("SELECT * FROM technicians WHERE \(condition) ORDER BY name, id").all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
        guard !ids.isEmpty else { return [] }
        var skills: [Int: [String: Int]] = [:], absences: [Int: [TechnicianAbsence]] = [:]
        for r in try await sql.raw("SELECT * FROM technician_skills WHERE technician_id IN \(SQLBind.group(ids))").all() {
            skills[try r.decode(column: "technician_id", as: Int.self), default: [:]][try r.decode(column: "skill", as: String.self)] = try r.decode(column: "level", as: Int.self)
        }
        for r in try await sql.raw("SELECT * FROM technician_absences WHERE technician_id IN \(SQLBind.group(ids)) ORDER BY from_day").all() {
            absences[try r.decode(column: "technician_id", as: Int.self), default: []].append(TechnicianAbsence(
                id: try r.decode(column: "id", as: Int.self), fromDay: try r.decode(column: "from_day", as: String.self), toDay: try r.decode(column: "to_day", as: String.self),
                kind: AbsenceKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .other, note: try r.decode(column: "note", as: String.self)))
        }
        return try rows.map { r in
            let id = try r.decode(column: "id", as: Int.self)
            return Technician(id: id, orgUnitId: try r.decode(column: "org_unit_id", as: Int.self), userId: try r.decode(column: "user_id", as: Int?.self),
                              name: try r.decode(column: "name", as: String.self), hours: try r.decode(column: "hours", as: String.self),
                              active: try r.decode(column: "active", as: Bool.self), skills: skills[id] ?? [:], absences: absences[id] ?? [],
                              createdAt: try r.decode(column: "created_at", as: String.self))
        }
    }

    public func technicians(workshopID: Int, scope: Scope) async throws -> [Technician] {
        try await Self.technicians(where: "org_unit_id = \(bind: workshopID) AND \(scope.condition("org_unit_id"))", on: db.sql)
    }

    public func technician(_ id: Int, scope: Scope) async throws -> Technician { try await Self.technician(id, scope: scope, on: db.sql) }

    static func technician(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> Technician {
        guard let t = try await technicians(where: "id = \(bind: id) AND \(scope.condition("org_unit_id"))", on: sql).first else { throw StoreError.notFound }
        return t
    }

    static func check(_ input: TechnicianInput) -> ValidationErrors {
        var errors = ValidationErrors(WorkshopRules.skillProblems(input.skills))
        let name = input.name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { errors.add("name", "is required") } else if name.count > 100 { errors.add("name", "must be at most 100 characters") }
        if case .failure(let p) = WorkingHours.parse(input.hours) { errors.add("hours", p.message) }
        else if (try? WorkingHours.parse(input.hours).get())?.spans.isEmpty ?? true { errors.add("hours", "are required, like mon-fri 08:00-12:00; mon-fri 13:00-17:00") }
        if input.skills.count > 50 { errors.add("skills", "must be at most 50") }
        return errors
    }

    public func addTechnician(workshopID: Int, _ input: TechnicianInput, scope: Scope, actor: Actor) async throws -> Technician {
        let errors = Self.check(input)
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            _ = try await Self.workshop(workshopID, field: "workshop_id", scope: scope, on: tx)
            try await Self.checkUser(input.userId, workshopID: workshopID, on: tx)
            let id = try await tx.raw("""
                INSERT INTO technicians (org_unit_id, user_id, name, hours, active, created_at)
                VALUES (\(bind: workshopID), \(bind: input.userId), \(bind: input.name.trimmingCharacters(in: .whitespaces)), \(bind: input.hours.trimmingCharacters(in: .whitespaces)),
                        \(bind: input.active), \(bind: Clock.nowString())) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            try await Self.writeSkills(id, input.skills, on: tx)
            let t = try await Self.technician(id, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "technician", recordID: id, orgUnitID: workshopID, before: nil, after: t)
            return t
        }
    }

    /// Replaces a technician's name, hours, skills, login and active flag.
    public func updateTechnician(_ id: Int, _ input: TechnicianInput, scope: Scope, actor: Actor) async throws -> Technician {
        let errors = Self.check(input)
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            let before = try await Self.technician(id, scope: scope, on: tx)
            try await Self.checkUser(input.userId, workshopID: before.orgUnitId, on: tx)
            try await tx.raw("""
                UPDATE technicians SET name = \(bind: input.name.trimmingCharacters(in: .whitespaces)), user_id = \(bind: input.userId),
                  hours = \(bind: input.hours.trimmingCharacters(in: .whitespaces)), active = \(bind: input.active) WHERE id = \(bind: id)
                """).run()
            try await tx.raw("DELETE FROM technician_skills WHERE technician_id = \(bind: id)").run()
            try await Self.writeSkills(id, input.skills, on: tx)
            let after = try await Self.technician(id, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "update", recordType: "technician", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
            return after
        }
    }

    static func writeSkills(_ id: Int, _ skills: [String: Int], on tx: any SQLDatabase) async throws {
        for (skill, level) in skills.sorted(by: { $0.key < $1.key }) {
            try await tx.raw("INSERT INTO technician_skills (technician_id, skill, level) VALUES (\(bind: id), \(bind: skill), \(bind: level))").run()
        }
    }

    static func checkUser(_ user: Int?, workshopID: Int, on tx: any SQLDatabase) async throws {
        guard let user else { return }
        if try await tx.raw("SELECT 1 AS x FROM users WHERE id = \(bind: user) AND org_unit_id = \(bind: workshopID)").first() == nil {
            throw StoreError.invalid(ValidationErrors(["user_id": "is not a login of this workshop"]))
        }
    }

    /// Records days away (vacation, sickness, training); bookings in them are reported back so
    /// the manager can move them.
    public func addAbsence(technicianID: Int, from: String, to: String, kind: AbsenceKind, note: String, scope: Scope, actor: Actor) async throws -> (Technician, [ServiceBooking]) {
        var errors = ValidationErrors()
        if CalendarDay.parse(from) == nil { errors.add("from_day", "must be a day like 2026-12-01") }
        if CalendarDay.parse(to) == nil { errors.add("to_day", "must be a day like 2026-12-05") }
        if errors.isEmpty, to < from { errors.add("to_day", "must be on or after from_day") }
        if note.count > 500 { errors.add("note", "must be at most 500 characters") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            let before = try await Self.technician(technicianID, scope: scope, on: tx)
            try await tx.raw("""
                INSERT INTO technician_absences (technician_id, from_day, to_day, kind, note)
                VALUES (\(bind: technicianID), \(bind: from), \(bind: to), \(bind: kind.rawValue), \(bind: note))
                """).run()
            let after = try await Self.technician(technicianID, scope: .everything, on: tx)
            let clashes = try await ServiceBookingStore.list(where: """
                b.technician_id = \(bind: technicianID) AND b.status <> 'cancelled' AND b.starts_at < \(bind: CalendarDay.adding(1, to: to) + "T00:00") AND b.ends_at > \(bind: from + "T00:00")
                """, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "absence", recordType: "technician", recordID: technicianID, orgUnitID: before.orgUnitId, before: before, after: after)
            return (after, clashes)
        }
    }
}
