import Foundation
import SQLKit
import TorqueDomain

/// A unit's quoting rules (QUOTE-1): its own row, else the nearest ancestor's, else the defaults.
public struct QuoteSettingsStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public func settings(forUnit unitID: Int) async throws -> QuoteSettings { try await Self.settings(forUnit: unitID, on: db.sql) }

    static func settings(forUnit unitID: Int, on sql: any SQLDatabase) async throws -> QuoteSettings {
        guard let row = try await OrgUnitStore.nearestSettings("quote_settings", forUnit: unitID, on: sql) else { return .defaults }
        let limits = try JSONDecoder().decode([String: Percentage].self, from: Data(try row.decode(column: "discount_limits_json", as: String.self).utf8))
        let tiers = try row.decode(column: "fleet_tiers_json", as: String?.self).map { try JSONDecoder().decode([FleetTier].self, from: Data($0.utf8)) }
        return QuoteSettings(taxRate: try row.decode(column: "tax_rate_ppm", as: Int?.self).map(Percentage.init(perMillion:)),
                             tradeInCredit: try row.decode(column: "trade_in_credit", as: Bool.self),
                             validDays: try row.decode(column: "valid_days", as: Int.self), discountLimits: limits, fleetTiers: tiers ?? FleetPricing.defaultTiers)
    }

    /// The tax style of quotes made at `unitID`.
    static func taxStyle(forUnit unitID: Int, on sql: any SQLDatabase) async throws -> (SalesTaxStyle, QuoteSettings) {
        let settings = try await Self.settings(forUnit: unitID, on: sql)
        let country = try await sql.raw("SELECT country FROM org_units WHERE id = \(bind: unitID)").first()?.decode(column: "country", as: String.self) ?? ""
        return (SalesTaxRules.style(country: country, rate: settings.taxRate, tradeInCredit: settings.tradeInCredit), settings)
    }

    /// Replaces a unit's own settings; role names must exist (built-in or custom).
    public func save(unitID: Int, settings: QuoteSettings, scope: Scope, actor: Actor) async throws -> QuoteSettings {
        try await db.transaction { tx in
            _ = try await OrgUnitStore.get(unitID, scope: scope, on: tx)
            let roles = Set(try await tx.raw("SELECT key FROM roles").all().map { try $0.decode(column: "key", as: String.self) })
            let problems = settings.problems(knownRoles: roles)
            if !problems.isEmpty { throw StoreError.invalid(ValidationErrors(problems)) }
            let before = try await Self.settings(forUnit: unitID, on: tx)
            let limits = String(decoding: try JSONEncoder().encode(settings.discountLimits), as: UTF8.self)
            let tiers = String(decoding: try JSONEncoder().encode(settings.fleetTiers), as: UTF8.self)
            try await tx.raw("DELETE FROM quote_settings WHERE org_unit_id = \(bind: unitID)").run()
            try await tx.raw("""
                INSERT INTO quote_settings (org_unit_id, tax_rate_ppm, trade_in_credit, valid_days, discount_limits_json, fleet_tiers_json)
                VALUES (\(bind: unitID), \(bind: settings.taxRate?.perMillion), \(bind: settings.tradeInCredit), \(bind: settings.validDays), \(bind: limits), \(bind: tiers))
                """).run()
            try await AuditStore.record(on: tx, actor: actor, action: "update", recordType: "quote_settings", recordID: unitID, orgUnitID: unitID, before: before, after: settings)
            return try await Self.settings(forUnit: unitID, on: tx)
        }
    }
}
