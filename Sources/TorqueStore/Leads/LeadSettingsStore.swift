import SQLKit
import TorqueDomain

/// A dealer's lead rules: how new leads are assigned, the first-response promise, the web-form key.
public struct LeadSettings: Sendable, Equatable {
    public var orgUnitId: Int
    public var rule: LeadAssignmentRule
    public var slaMinutes: Int
    public var formKey: String
    /// Brand (as typed) → the salespeople who take its leads.
    public var brandRules: [String: [Int]]
}

/// Reads and writes lead_settings; a unit without a row gets the defaults on first use.
public struct LeadSettingsStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public func get(unitID: Int, scope: Scope) async throws -> LeadSettings {
        _ = try await OrgUnitStore.get(unitID, scope: scope, on: db.sql)
        return try await Self.get(unitID: unitID, on: db.sql)
    }

    static func get(unitID: Int, on sql: any SQLDatabase) async throws -> LeadSettings {
        // The rules and their brand rules in one query: lead intake reads them for every group.
        let query: SQLQueryString = """
            SELECT s.rule, s.sla_minutes, s.form_key, b.brand, b.user_id FROM lead_settings s LEFT JOIN lead_brand_rules b ON b.org_unit_id = s.org_unit_id
            WHERE s.org_unit_id = \(bind: unitID) ORDER BY b.brand, b.user_id
            """
        var rows = try await sql.raw(query).all()
        if rows.isEmpty {
            try await ensure(unitID: unitID, on: sql)
            rows = try await sql.raw(query).all()
        }
        var brands: [String: [Int]] = [:]
        for r in rows {
            guard let brand = try r.decode(column: "brand", as: String?.self) else { continue }
            brands[brand, default: []].append(try r.decode(column: "user_id", as: Int.self))
        }
        let row = rows[0]
        return LeadSettings(orgUnitId: unitID, rule: LeadAssignmentRule(rawValue: try row.decode(column: "rule", as: String.self)) ?? .manual,
                            slaMinutes: try row.decode(column: "sla_minutes", as: Int.self), formKey: try row.decode(column: "form_key", as: String.self), brandRules: brands)
    }

    static func ensure(unitID: Int, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO lead_settings (org_unit_id, rule, sla_minutes, form_key, turn, updated_at)
            VALUES (\(bind: unitID), 'round_robin', \(bind: LeadSLA.defaultMinutes), \(bind: newFormKey()), 0, \(bind: Clock.nowString()))
            ON CONFLICT (org_unit_id) DO NOTHING
            """).run()
    }

    static func newFormKey() -> String {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        return "wf_" + String((0..<20).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
    }

    /// The unit a public web form posts to, if the key is known.
    public func unit(forFormKey key: String) async throws -> Int? {
        guard key.hasPrefix("wf_"), key.count < 64 else { return nil }
        return try await db.sql.raw("SELECT org_unit_id FROM lead_settings WHERE form_key = \(bind: key)").first()?.decode(column: "org_unit_id", as: Int.self)
    }

    /// Saves the rules; brand rules name users of the unit itself (others are a field error).
    public func save(unitID: Int, rule: LeadAssignmentRule, slaMinutes: Int, brandRules: [(brand: String, userID: Int)], newFormKey: Bool, scope: Scope, actor: Actor) async throws -> LeadSettings {
        try await db.transaction { tx in
            _ = try await OrgUnitStore.get(unitID, scope: scope, on: tx)
            let before = try await Self.get(unitID: unitID, on: tx)
            let people = Set(try await LeadStore.salespeople(unitID: unitID, on: tx))
            if let stranger = brandRules.first(where: { !people.contains($0.userID) }) {
                throw StoreError.invalid(ValidationErrors(["brand_rules": "user \(stranger.userID) is not an active salesperson of this unit"]))
            }
            try await tx.raw("""
                UPDATE lead_settings SET rule = \(bind: rule.rawValue), sla_minutes = \(bind: slaMinutes), updated_at = \(bind: Clock.nowString())
                \(unsafeRaw: newFormKey ? ", form_key = '\(Self.newFormKey())'" : "") WHERE org_unit_id = \(bind: unitID)
                """).run()
            try await tx.raw("DELETE FROM lead_brand_rules WHERE org_unit_id = \(bind: unitID)").run()
            var seen = Set<String>()
            for r in brandRules where seen.insert("\(r.brand.lowercased())|\(r.userID)").inserted {
                try await tx.raw("INSERT INTO lead_brand_rules (org_unit_id, brand, user_id) VALUES (\(bind: unitID), \(bind: r.brand), \(bind: r.userID))").run()
            }
            let after = try await Self.get(unitID: unitID, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "lead_settings", recordType: "org_unit", recordID: unitID, orgUnitID: unitID,
                                        before: ["rule": before.rule.rawValue, "sla_minutes": "\(before.slaMinutes)"], after: ["rule": after.rule.rawValue, "sla_minutes": "\(after.slaMinutes)"])
            return after
        }
    }
}
