import SQLKit
import TorqueDomain

/// One unit's parts stock in figures, for the network view.
public struct PartSummary: Codable, Sendable, Equatable {
    public var orgUnitId: Int
    public var unitName: String
    public var path: String
    public var partNumbers: Int
    public var pieces: Int
    public var belowReorder: Int
    public var accessories: Int
    public var valueMinor: Int
}

/// Parts stock per unit with its movement ledger (STOCK-2). The quantity only changes together
/// with a ledger line, in one statement guarded against going below zero.
public struct PartStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = "SELECT p.*, o.name AS unit_name FROM parts p JOIN org_units o ON o.id = p.org_unit_id"

    static func decode(_ row: any SQLRow) throws -> Part {
        try row.decode(model: Part.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    public func get(_ id: Int, scope: Scope) async throws -> Part { try await Self.get(id, scope: scope, on: db.sql) }

    static func get(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> Part {
        guard let row = try await sql.raw("\(unsafeRaw: select) WHERE p.id = \(bind: id) AND \(scope.condition("p.org_unit_id"))").first() else { throw StoreError.notFound }
        return try decode(row)
    }

    /// Parts in scope by part number; `reorder` keeps those at or below their reorder point.
    public func list(scope: Scope, query: String? = nil, unitID: Int? = nil, reorder: Bool = false, limit: Int = 50, after cursor: Int? = nil) async throws -> Page<Part> {
        var sql: SQLQueryString = "\(unsafeRaw: Self.select) WHERE \(scope.condition("p.org_unit_id"))"
        if let unitID { sql += " AND p.org_unit_id = \(bind: unitID)" }
        if reorder { sql += " AND p.quantity <= p.reorder_point" }
        if let q = query?.trimmed, !q.isEmpty {
            sql += " AND (UPPER(p.part_number) LIKE \(bind: q.uppercased() + "%") OR LOWER(p.name) LIKE \(bind: "%" + q.lowercased() + "%"))"
        }
        if let cursor { sql += " AND p.id > \(bind: cursor)" }
        sql += " ORDER BY p.id LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }

    public func create(_ input: PartInput, currency: String, unitID: Int, scope: Scope, actor: Actor) async throws -> Part {
        try await db.transaction { tx in
            _ = try await OrgUnitStore.getOrInvalid(unitID, field: "org_unit_id", scope: scope, on: tx)
            if try await tx.raw("SELECT 1 AS x FROM parts WHERE org_unit_id = \(bind: unitID) AND part_number = \(bind: input.partNumber)").first() != nil {
                throw StoreError.conflict(field: "part_number", message: "is already stocked by this unit")
            }
            let now = Clock.nowString()
            let id = try await tx.raw("""
                INSERT INTO parts (org_unit_id, part_number, name, kind, quantity, reorder_point, unit_cost_minor, price_minor, currency, bin, created_at, updated_at)
                VALUES (\(bind: unitID), \(bind: input.partNumber), \(bind: input.name), \(bind: input.kind.rawValue), 0, \(bind: input.reorderPoint),
                        \(bind: input.unitCostMinor), \(bind: input.priceMinor), \(bind: currency), \(bind: input.bin), \(bind: now), \(bind: now))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            let part = try await Self.get(id, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "part", recordID: id, orgUnitID: unitID, before: nil, after: part)
            return part
        }
    }

    /// Records a movement of `change` (signed). Below zero it is refused unless `mayOverride`.
    public func move(_ partID: Int, kind: PartMovementKind, change: Int, reference: String, note: String, mayOverride: Bool, scope: Scope, actor: Actor) async throws -> PartMovement {
        try await db.transaction { tx in
            try await Self.move(partID, kind: kind, change: change, reference: reference, note: note, mayOverride: mayOverride, scope: scope, actor: actor, on: tx)
        }
    }

    /// The same inside the caller's transaction (a repair order issues its parts with its line).
    static func move(_ partID: Int, kind: PartMovementKind, change: Int, reference: String, note: String, mayOverride: Bool, scope: Scope, actor: Actor,
                     on tx: any SQLDatabase) async throws -> PartMovement {
        let part = try await Self.get(partID, scope: scope, on: tx)
        let guarded = mayOverride ? "" : " AND quantity + \(change) >= 0"
        guard let row = try await tx.raw("""
            UPDATE parts SET quantity = quantity + \(bind: change), updated_at = \(bind: Clock.nowString())
            WHERE id = \(bind: partID)\(unsafeRaw: guarded) RETURNING quantity
            """).first() else {
            let now = try await Self.get(partID, scope: .everything, on: tx).quantity
            throw StoreError.invalid(ValidationErrors(["quantity": "would take \(part.partNumber) below zero: \(now) in stock, \(-change) asked"]))
        }
        let balance = try row.decode(column: "quantity", as: Int.self)
        let id = try await tx.raw("""
            INSERT INTO part_movements (part_id, org_unit_id, kind, quantity, balance_after, reference, note, overridden, actor_user_id, actor_label, at)
            VALUES (\(bind: partID), \(bind: part.orgUnitId), \(bind: kind.rawValue), \(bind: change), \(bind: balance), \(bind: reference), \(bind: note),
                    \(bind: balance < 0), \(bind: actor.userID), \(bind: actor.label), \(bind: Clock.nowString()))
            RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
        return try Self.decodeMovement(try await tx.raw("SELECT * FROM part_movements WHERE id = \(bind: id)").first()!)
    }

    static func decodeMovement(_ row: any SQLRow) throws -> PartMovement {
        try row.decode(model: PartMovement.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Parts stock per unit over the scope (STOCK-3): part numbers, pieces, how many part
    /// numbers are at or below their reorder point, and the accessories among them. One query.
    public func summary(scope: Scope) async throws -> [PartSummary] {
        try await db.sql.raw("""
            SELECT p.org_unit_id, o.name AS unit_name, o.path, COUNT(*) AS part_numbers, SUM(p.quantity) AS pieces,
              SUM(CASE WHEN p.quantity <= p.reorder_point THEN 1 ELSE 0 END) AS below_reorder,
              SUM(CASE WHEN p.kind = 'accessory' THEN p.quantity ELSE 0 END) AS accessories,
              CAST(SUM(p.quantity * p.unit_cost_minor) AS BIGINT) AS value_minor
            FROM parts p JOIN org_units o ON o.id = p.org_unit_id
            WHERE \(scope.condition("p.org_unit_id"))
            GROUP BY p.org_unit_id, o.name, o.path ORDER BY o.path
            """).all().map { try $0.decode(model: PartSummary.self, keyDecodingStrategy: .convertFromSnakeCase) }
    }

    /// The ledger of one part, newest first.
    public func movements(_ partID: Int, scope: Scope, limit: Int = 50, after cursor: Int? = nil) async throws -> Page<PartMovement> {
        _ = try await get(partID, scope: scope)
        var sql: SQLQueryString = "SELECT * FROM part_movements WHERE part_id = \(bind: partID)"
        if let cursor { sql += " AND id < \(bind: cursor)" }
        sql += " ORDER BY id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decodeMovement), limit: limit, id: \.id)
    }
}
