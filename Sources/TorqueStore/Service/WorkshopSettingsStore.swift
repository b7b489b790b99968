import SQLKit
import TorqueDomain

/// A workshop's labour rate and simple-job limits: its own row, else the nearest ancestor's
/// (a dealer sets them once for its workshops), else the defaults.
public struct WorkshopSettingsStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public func settings(forUnit unitID: Int) async throws -> WorkshopSettings { try await Self.settings(forUnit: unitID, on: db.sql) }

    static func settings(forUnit unitID: Int, on sql: any SQLDatabase) async throws -> WorkshopSettings {
        guard let r = try await OrgUnitStore.nearestSettings("workshop_settings", forUnit: unitID, on: sql) else { return .defaults }
        return WorkshopSettings(labourRateMinor: try r.decode(column: "labour_rate_minor", as: Int.self), simpleJobMinutes: try r.decode(column: "simple_job_minutes", as: Int.self),
                                simpleJobLevel: try r.decode(column: "simple_job_level", as: Int.self))
    }

    /// Replaces the unit's own settings; orders already open keep the rate they were opened with.
    public func save(unitID: Int, _ settings: WorkshopSettings, scope: Scope, actor: Actor) async throws -> WorkshopSettings {
        let problems = settings.problems
        if !problems.isEmpty { throw StoreError.invalid(ValidationErrors(problems)) }
        return try await db.transaction { tx in
            _ = try await OrgUnitStore.get(unitID, scope: scope, on: tx)
            let before = try await Self.settings(forUnit: unitID, on: tx)
            try await tx.raw("DELETE FROM workshop_settings WHERE org_unit_id = \(bind: unitID)").run()
            try await tx.raw("""
                INSERT INTO workshop_settings (org_unit_id, labour_rate_minor, simple_job_minutes, simple_job_level)
                VALUES (\(bind: unitID), \(bind: settings.labourRateMinor), \(bind: settings.simpleJobMinutes), \(bind: settings.simpleJobLevel))
                """).run()
            try await AuditStore.record(on: tx, actor: actor, action: "update", recordType: "workshop_settings", recordID: unitID, orgUnitID: unitID, before: before, after: settings)
            return settings
        }
    }
}
