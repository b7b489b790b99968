import SQLKit
import TorqueDomain

/// What adding a labour operation takes.
public struct LabourOperationInput: Sendable, Equatable {
    public var code: String
    public var name: String
    public var modelFamily: String
    public var minutes: Int
    public var skill: String
    public var skillLevel: Int
    public var bayCapability: String
    public init(code: String, name: String, modelFamily: String = "", minutes: Int, skill: String, skillLevel: Int = 1, bayCapability: String = "") {
        self.code = code; self.name = name; self.modelFamily = modelFamily; self.minutes = minutes; self.skill = skill; self.skillLevel = skillLevel; self.bayCapability = bayCapability
    }

    public var problems: [String: String] {
        var e: [String: String] = [:]
        let code = self.code.trimmingCharacters(in: .whitespaces)
        if code.isEmpty || code.count > 20 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            e["code"] = "must be 1 to 20 letters, digits, - or _ (like BRK-F)"
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { e["name"] = "is required" } else if name.count > 120 { e["name"] = "must be at most 120 characters" }
        if modelFamily.count > 60 { e["model_family"] = "must be at most 60 characters" }
        if !(1...10_080).contains(minutes) { e["minutes"] = "must be from 1 minute to a week (10,080)" }
        if !WorkshopRules.isCode(skill) { e["skill"] = "must be a code of lowercase letters, digits and _ (like brakes)" }
        if !(1...3).contains(skillLevel) { e["skill_level"] = "must be 1 (basic), 2 or 3 (expert)" }
        if !bayCapability.isEmpty && !WorkshopRules.isCode(bayCapability) { e["bay_capability"] = "must be empty or a code like alignment" }
        return e
    }
}

/// The labour-operation catalog (SVC-2) of a workshop, a dealer or the OEM; a workshop uses its
/// own and its ancestors' operations, the nearest one winning for the same code and family.
public struct LabourOperationStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static func decode(_ r: any SQLRow) throws -> LabourOperation {
        try r.decode(model: LabourOperation.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Operations usable at `unitID`; `modelFamily` picks the family's own time where one exists.
    public func usable(byUnit unitID: Int, modelFamily: String? = nil) async throws -> [LabourOperation] {
        try await Self.usable(byUnit: unitID, modelFamily: modelFamily, on: db.sql)
    }

    static func usable(byUnit unitID: Int, modelFamily: String?, on sql: any SQLDatabase) async throws -> [LabourOperation] {
        let rows = try await sql.raw("""
            SELECT l.*, LENGTH(o.path) AS depth FROM labour_operations l JOIN org_units o ON o.id = l.org_unit_id
            WHERE (SELECT path FROM org_units WHERE id = \(bind: unitID)) LIKE o.path || '%'
            ORDER BY l.code, depth DESC
            """).all()
        var byCode: [String: LabourOperation] = [:]
        for r in rows {
            let op = try decode(r)
            guard op.modelFamily.isEmpty || op.modelFamily.lowercased() == (modelFamily ?? "").lowercased() else { continue }
            // Deepest unit first; a family's own time beats the general one at the same depth.
            if let kept = byCode[op.code], !(kept.modelFamily.isEmpty && !op.modelFamily.isEmpty && kept.orgUnitId == op.orgUnitId) { continue }
            byCode[op.code] = op
        }
        return byCode.values.sorted { $0.code < $1.code }
    }

    public func create(_ input: LabourOperationInput, unitID: Int, scope: Scope, actor: Actor) async throws -> LabourOperation {
        let problems = input.problems
        if !problems.isEmpty { throw StoreError.invalid(ValidationErrors(problems)) }
        return try await db.transaction { tx in
            _ = try await OrgUnitStore.getOrInvalid(unitID, field: "org_unit_id", scope: scope, on: tx)
            let code = input.code.trimmingCharacters(in: .whitespaces).uppercased()
            if try await tx.raw("SELECT 1 AS x FROM labour_operations WHERE org_unit_id = \(bind: unitID) AND code = \(bind: code) AND model_family = \(bind: input.modelFamily)").first() != nil {
                throw StoreError.conflict(field: "code", message: "\(code) already exists here\(input.modelFamily.isEmpty ? "" : " for \(input.modelFamily)")")
            }
            let id = try await tx.raw("""
                INSERT INTO labour_operations (org_unit_id, code, name, model_family, minutes, skill, skill_level, bay_capability, created_at)
                VALUES (\(bind: unitID), \(bind: code), \(bind: input.name.trimmingCharacters(in: .whitespaces)), \(bind: input.modelFamily), \(bind: input.minutes),
                        \(bind: input.skill), \(bind: input.skillLevel), \(bind: input.bayCapability), \(bind: Clock.nowString())) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            let op = try Self.decode(try await tx.raw("SELECT * FROM labour_operations WHERE id = \(bind: id)").first()!)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "labour_operation", recordID: id, orgUnitID: unitID, before: nil, after: op)
            return op
        }
    }
}
