import SQLKit
import TorqueDomain

/// The pipeline stages in force for a unit (SALES-1): its own list, else the nearest
/// ancestor's (the manufacturer can set one for the whole network), else Pipeline.defaultStages.
public struct SalesStageStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public func stages(forUnit unitID: Int) async throws -> [PipelineStage] { try await Self.stages(forUnit: unitID, on: db.sql) }

    static func stages(forUnit unitID: Int, on sql: any SQLDatabase) async throws -> [PipelineStage] {
        let rows = try await sql.raw("""
            SELECT s.org_unit_id, s.code, s.label, s.probability, s.outcome FROM sales_stages s JOIN org_units o ON o.id = s.org_unit_id
            WHERE (SELECT path FROM org_units WHERE id = \(bind: unitID)) LIKE o.path || '%'
            ORDER BY LENGTH(o.path) DESC, s.position
            """).all()
        guard let first = rows.first else { return Pipeline.defaultStages }
        let owner = try first.decode(column: "org_unit_id", as: Int.self)
        return try rows.filter { try $0.decode(column: "org_unit_id", as: Int.self) == owner }.map {
            PipelineStage(code: try $0.decode(column: "code", as: String.self), label: try $0.decode(column: "label", as: String.self),
                          probability: try $0.decode(column: "probability", as: Int.self),
                          outcome: StageOutcome(rawValue: try $0.decode(column: "outcome", as: String.self)) ?? .open)
        }
    }

    /// Replaces a unit's own list. A stage that open opportunities of the unit (or below) still
    /// stand at cannot be removed: they would fall off the board.
    public func save(unitID: Int, stages: [PipelineStage], scope: Scope, actor: Actor) async throws -> [PipelineStage] {
        let problems = Pipeline.validate(stages)
        if !problems.isEmpty { throw StoreError.invalid(ValidationErrors(problems)) }
        return try await db.transaction { tx in
            let unit = try await OrgUnitStore.get(unitID, scope: scope, on: tx)
            let before = try await Self.stages(forUnit: unitID, on: tx)
            let kept = Set(stages.map(\.code))
            for gone in before where !kept.contains(gone.code) {
                let n = try await tx.raw("""
                    SELECT COUNT(*) AS n FROM opportunities WHERE stage = \(bind: gone.code)
                    AND org_unit_id IN (SELECT id FROM org_units WHERE path LIKE \(bind: unit.path + "%"))
                    """).first()!.decode(column: "n", as: Int.self)
                if n > 0 { throw StoreError.invalid(ValidationErrors(["stages": "“\(gone.label)” still holds \(n) opportunit\(n == 1 ? "y" : "ies"): move them first"])) }
            }
            try await tx.raw("DELETE FROM sales_stages WHERE org_unit_id = \(bind: unitID)").run()
            for (i, s) in stages.enumerated() {
                try await tx.raw("""
                    INSERT INTO sales_stages (org_unit_id, code, label, position, probability, outcome)
                    VALUES (\(bind: unitID), \(bind: s.code), \(bind: s.label.trimmingCharacters(in: .whitespaces)), \(bind: i), \(bind: s.probability), \(bind: s.outcome.rawValue))
                    """).run()
            }
            try await AuditStore.record(on: tx, actor: actor, action: "update", recordType: "sales_stages", recordID: unitID, orgUnitID: unitID, before: before, after: stages)
            return try await Self.stages(forUnit: unitID, on: tx)
        }
    }
}

extension SalesStageStore {
    /// The stages in force for many units at once (reports over a region): one query for every
    /// list set at `root`, above it or below it, resolved per unit by the longest owning path.
    static func stagesByUnit(_ units: [(id: Int, path: String)], root: String, on sql: any SQLDatabase) async throws -> [Int: [PipelineStage]] {
        let rows = try await sql.raw("""
            SELECT s.org_unit_id, o.path, s.code, s.label, s.probability, s.outcome FROM sales_stages s JOIN org_units o ON o.id = s.org_unit_id
            WHERE o.path LIKE \(bind: root + "%") OR \(bind: root) LIKE o.path || '%'
            ORDER BY s.org_unit_id, s.position
            """).all()
        var lists: [String: [PipelineStage]] = [:]
        for row in rows {
            let path = try row.decode(column: "path", as: String.self)
            lists[path, default: []].append(PipelineStage(code: try row.decode(column: "code", as: String.self), label: try row.decode(column: "label", as: String.self),
                                                          probability: try row.decode(column: "probability", as: Int.self),
                                                          outcome: StageOutcome(rawValue: try row.decode(column: "outcome", as: String.self)) ?? .open))
        }
        let owners = lists.keys.sorted { $0.count > $1.count }
        var out: [Int: [PipelineStage]] = [:]
        for u in units { out[u.id] = owners.first { u.path.hasPrefix($0) }.flatMap { lists[$0] } ?? Pipeline.defaultStages }
        return out
    }
}
