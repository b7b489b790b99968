import SQLKit
import TorqueDomain

/// A model's compatibility rules (CAT-2): replaced as a whole set, and only when the set has no
/// contradiction (`RuleSetCheck`).
public struct CatalogRuleStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static func rules(modelID: Int, on sql: any SQLDatabase) async throws -> [CompatibilityRule] {
        try await sql.raw("SELECT kind, subject, targets FROM catalog_rules WHERE model_id = \(bind: modelID) ORDER BY id").all().map { r in
            CompatibilityRule(RuleKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .requires,
                              try r.decode(column: "subject", as: String.self),
                              try r.decode(column: "targets", as: String.self).split(separator: ",").map(String.init))
        }
    }

    /// Replaces the model's rules; throws `RuleSetRefused` naming each contradiction.
    public func replace(modelID: Int, rules: [CompatibilityRule], scope: Scope, actor: Actor) async throws {
        try await db.transaction { tx in
            let model = try await CatalogStore.editableModel(modelID, scope: scope, on: tx)
            let priced = try await CatalogStore.priced(modelID, on: "9999-12-31", scope: scope, sql: tx)
            let problems = RuleSetCheck.problems(items: Array(priced.catalog.items.values), rules: rules)
            if !problems.isEmpty { throw RuleSetRefused(problems: problems) }
            let before = priced.catalog.rules
            try await tx.raw("DELETE FROM catalog_rules WHERE model_id = \(bind: modelID)").run()
            for start in stride(from: 0, to: rules.count, by: 1000) {
                var sql: SQLQueryString = "INSERT INTO catalog_rules (model_id, kind, subject, targets) VALUES "
                for (i, rule) in rules[start..<min(start + 1000, rules.count)].enumerated() {
                    sql += (i == 0 ? "" : ", ") + "(\(bind: modelID), \(bind: rule.kind.rawValue), \(bind: rule.subject), \(bind: rule.targets.joined(separator: ",")))"
                }
                try await tx.raw(sql).run()
            }
            try await AuditStore.record(on: tx, actor: actor, action: "replace_rules", recordType: "catalog_model", recordID: modelID, orgUnitID: model.orgUnitId, before: before, after: rules)
        }
    }
}

/// A rule set that was not saved, with every contradiction found.
public struct RuleSetRefused: Error, Sendable {
    public var problems: [RuleSetCheck.Problem]
}
