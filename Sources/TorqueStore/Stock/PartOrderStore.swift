import SQLKit
import TorqueDomain

/// Parts on order per part (STOCK-2, SVC-3): placed with an expected day, received into stock
/// through the ledger, or cancelled.
public struct PartOrderStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = "SELECT po.*, p.part_number FROM part_orders po JOIN parts p ON p.id = po.part_id"

    static func decode(_ r: any SQLRow) throws -> PartOrder { try r.decode(model: PartOrder.self, keyDecodingStrategy: .convertFromSnakeCase) }

    /// Open orders of a part, the soonest first.
    public func open(partID: Int, scope: Scope) async throws -> [PartOrder] {
        _ = try await PartStore.get(partID, scope: scope, on: db.sql)
        return try await db.sql.raw("\(unsafeRaw: Self.select) WHERE po.part_id = \(bind: partID) AND po.status = 'open' ORDER BY po.expected_on, po.id").all().map(Self.decode)
    }

    public func get(_ id: Int, scope: Scope) async throws -> PartOrder {
        guard let r = try await db.sql.raw("\(unsafeRaw: Self.select) WHERE po.id = \(bind: id) AND \(scope.condition("po.org_unit_id"))").first() else { throw StoreError.notFound }
        return try Self.decode(r)
    }

    public func place(partID: Int, quantity: Int, expectedOn: String, reference: String, scope: Scope, actor: Actor) async throws -> PartOrder {
        var errors = ValidationErrors()
        if !(1...100_000).contains(quantity) { errors.add("quantity", "must be from 1 to 100,000") }
        if CalendarDay.parse(expectedOn) == nil { errors.add("expected_on", "must be a day like 2026-12-03") }
        if reference.count > 80 { errors.add("reference", "must be at most 80 characters") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            let part = try await PartStore.get(partID, scope: scope, on: tx)
            let id = try await tx.raw("""
                INSERT INTO part_orders (part_id, org_unit_id, quantity, expected_on, reference, status, created_at)
                VALUES (\(bind: partID), \(bind: part.orgUnitId), \(bind: quantity), \(bind: expectedOn), \(bind: reference.trimmed), 'open', \(bind: Clock.nowString())) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            let order = try Self.decode(try await tx.raw("\(unsafeRaw: Self.select) WHERE po.id = \(bind: id)").first()!)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "part_order", recordID: id, orgUnitID: part.orgUnitId, before: nil, after: order)
            return order
        }
    }

    /// Receives an open order: its quantity enters stock as a receipt, in one transaction.
    public func receive(_ id: Int, scope: Scope, actor: Actor) async throws -> PartOrder {
        try await finish(id, status: "received", scope: scope, actor: actor)
    }

    public func cancel(_ id: Int, scope: Scope, actor: Actor) async throws -> PartOrder {
        try await finish(id, status: "cancelled", scope: scope, actor: actor)
    }

    func finish(_ id: Int, status: String, scope: Scope, actor: Actor) async throws -> PartOrder {
        try await db.transaction { tx in
            let now = Clock.nowString()
            // The status guard makes a second click (or a concurrent one) a 409, not a double receipt.
            guard try await tx.raw("""
                UPDATE part_orders SET status = \(bind: status), received_at = \(bind: status == "received" ? now : nil)
                WHERE id = \(bind: id) AND status = 'open' AND \(scope.condition("org_unit_id")) RETURNING id
                """).first() != nil else {
                guard let r = try await tx.raw("\(unsafeRaw: Self.select) WHERE po.id = \(bind: id) AND \(scope.condition("po.org_unit_id"))").first() else { throw StoreError.notFound }
                throw StoreError.conflict(field: "status", message: "this order is \(try Self.decode(r).status) already")
            }
            let order = try Self.decode(try await tx.raw("\(unsafeRaw: Self.select) WHERE po.id = \(bind: id)").first()!)
            if status == "received" {
                _ = try await PartStore.move(order.partId, kind: .receipt, change: order.quantity, reference: order.reference.isEmpty ? "order \(id)" : order.reference,
                                             note: "expected \(order.expectedOn)", mayOverride: false, scope: scope, actor: actor, on: tx)
            }
            try await AuditStore.record(on: tx, actor: actor, action: status == "received" ? "receive" : "cancel", recordType: "part_order", recordID: id, orgUnitID: order.orgUnitId, before: nil, after: order)
            return order
        }
    }

    /// A workshop's stock and open orders of the given part numbers: two queries.
    public func supplies(unitID: Int, partNumbers: [String]) async throws -> [String: PartSupply] {
        guard !partNumbers.isEmpty else { return [:] }
        var out: [String: PartSupply] = [:]
        var byID: [Int: String] = [:]
        for r in try await db.sql.raw("SELECT id, part_number, name, quantity FROM parts WHERE org_unit_id = \(bind: unitID) AND part_number IN \(SQLBind.group(partNumbers))").all() {
            let number = try r.decode(column: "part_number", as: String.self)
            byID[try r.decode(column: "id", as: Int.self)] = number
            out[number] = PartSupply(partNumber: number, name: try r.decode(column: "name", as: String.self), onHand: try r.decode(column: "quantity", as: Int.self), incoming: [])
        }
        guard !byID.isEmpty else { return out }
        for r in try await db.sql.raw("SELECT part_id, expected_on, quantity FROM part_orders WHERE part_id IN \(SQLBind.group(Array(byID.keys))) AND status = 'open' ORDER BY expected_on").all() {
            guard let number = byID[try r.decode(column: "part_id", as: Int.self)] else { continue }
            out[number]?.incoming.append((day: try r.decode(column: "expected_on", as: String.self), quantity: try r.decode(column: "quantity", as: Int.self)))
        }
        return out
    }
}
