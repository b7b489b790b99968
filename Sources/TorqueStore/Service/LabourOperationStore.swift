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
    public var parts: [KitPart]
    public init(code: String, name: String, modelFamily: String = "", minutes: Int, skill: String, skillLevel: Int = 1, bayCapability: String = "", parts: [KitPart] = []) {
        self.code = code; self.name = name; self.modelFamily = modelFamily; self.minutes = minutes; self.skill = skill; self.skillLevel = skillLevel; self.bayCapability = bayCapability
        self.parts = parts
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
        if parts.count > 30 { e["parts"] = "must list at most 30 part numbers" }
        if let bad = parts.first(where: { !(1...999).contains($0.quantity) || $0.partNumber.isEmpty || $0.partNumber.count > 40 }) {
            e["parts"] = "\(bad.partNumber): part numbers of up to 40 characters, quantities from 1 to 999"
        }
        var seen: Set<String> = []
        if e["parts"] == nil, let twice = parts.first(where: { !seen.insert($0.partNumber).inserted }) {
            e["parts"] = "\(twice.partNumber) is listed twice: give its whole quantity once"
        }
        return e
    }
}

/// The labour-operation catalog (SVC-2) of a workshop, a dealer or the OEM; a workshop uses its
/// own and its ancestors' operations, the nearest one winning for the same code and family.
public struct LabourOperationStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static func decode(_ r: any SQLRow) throws -> LabourOperation {
        LabourOperation(id: try r.decode(column: "id", as: Int.self), orgUnitId: try r.decode(column: "org_unit_id", as: Int.self), code: try r.decode(column: "code", as: String.self),
                        name: try r.decode(column: "name", as: String.self), modelFamily: try r.decode(column: "model_family", as: String.self),
                        minutes: try r.decode(column: "minutes", as: Int.self), skill: try r.decode(column: "skill", as: String.self),
                        skillLevel: try r.decode(column: "skill_level", as: Int.self), bayCapability: try r.decode(column: "bay_capability", as: String.self),
                        createdAt: try r.decode(column: "created_at", as: String.self))
    }

    /// Fills in the kits of `ops` with one query.
    static func withKits(_ ops: [LabourOperation], on sql: any SQLDatabase) async throws -> [LabourOperation] {
        guard !ops.isEmpty else { return ops }
        let ids = ops.map(\.id)
        var kits: [Int: [KitPart]] = [:]
        for r in try await sql.raw("SELECT * FROM labour_operation_parts WHERE operation_id IN \(SQLBind.group(ids)) ORDER BY part_number").all() {
            kits[try r.decode(column: "operation_id", as: Int.self), default: []].append(KitPart(partNumber: try r.decode(column: "part_number", as: String.self), quantity: try r.decode(column: "quantity", as: Int.self)))
        }
        return ops.map { var o = $0; o.parts = kits[o.id] ?? []; return o }
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
        return try await withKits(byCode.values.sorted { $0.code < $1.code }, on: sql)
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
            let op = try await Self.insert(input, unitID: unitID, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "labour_operation", recordID: op.id, orgUnitID: unitID, before: nil, after: op)
            return op
        }
    }

    static func insert(_ input: LabourOperationInput, unitID: Int, on tx: any SQLDatabase) async throws -> LabourOperation {
        let code = input.code.trimmingCharacters(in: .whitespaces).uppercased()
        let id = try await tx.raw("""
            INSERT INTO labour_operations (org_unit_id, code, name, model_family, minutes, skill, skill_level, bay_capability, created_at)
            VALUES (\(bind: unitID), \(bind: code), \(bind: input.name.trimmingCharacters(in: .whitespaces)), \(bind: input.modelFamily), \(bind: input.minutes),
                    \(bind: input.skill), \(bind: input.skillLevel), \(bind: input.bayCapability), \(bind: Clock.nowString())) RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
        for part in input.parts {
            try await tx.raw("INSERT INTO labour_operation_parts (operation_id, part_number, quantity) VALUES (\(bind: id), \(bind: part.partNumber), \(bind: part.quantity))").run()
        }
        return try await withKits([try Self.decode(try await tx.raw("SELECT * FROM labour_operations WHERE id = \(bind: id)").first()!)], on: tx)[0]
    }

    /// Adds or replaces operations (SVC-2 import): all rows or none. An operation with the same
    /// code and model family at the unit is replaced, kit and all.
    public func importOperations(_ rows: [LabourOperationInput], unitID: Int, scope: Scope, actor: Actor) async throws -> (added: Int, replaced: Int) {
        var errors = ValidationErrors()
        var seen: Set<String> = []
        for (i, row) in rows.enumerated() {
            for (field, message) in row.problems.sorted(by: { $0.key < $1.key }) { errors.add("row \(i + 2).\(field)", message) }
            let key = row.code.trimmingCharacters(in: .whitespaces).uppercased() + "|" + row.modelFamily.lowercased()
            if !seen.insert(key).inserted { errors.add("row \(i + 2).code", "\(row.code) appears twice for the same model family") }
        }
        if rows.isEmpty { errors.add("file", "has no operations") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            _ = try await OrgUnitStore.getOrInvalid(unitID, field: "org_unit_id", scope: scope, on: tx)
            var added = 0, replaced = 0
            for row in rows {
                let code = row.code.trimmingCharacters(in: .whitespaces).uppercased()
                let gone = try await tx.raw("DELETE FROM labour_operations WHERE org_unit_id = \(bind: unitID) AND code = \(bind: code) AND model_family = \(bind: row.modelFamily) RETURNING id").all()
                if gone.isEmpty { added += 1 } else { replaced += 1 }
                _ = try await Self.insert(row, unitID: unitID, on: tx)
            }
            try await AuditStore.record(on: tx, actor: actor, action: "import", recordType: "labour_operation", recordID: unitID, orgUnitID: unitID, before: nil,
                                        after: ["added": added, "replaced": replaced])
            return (added, replaced)
        }
    }
}
