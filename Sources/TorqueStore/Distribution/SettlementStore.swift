import SQLKit
import TorqueDomain

/// What dealers owe the manufacturer per order (FIN-2): invoices written on dispatch, credit
/// notes and incentives added by the manufacturer, each open, paid or cancelled. Both sides see
/// them: the dealer its own, the OEM the network.
public struct SettlementStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = "SELECT e.*, u.name AS unit_name FROM settlement_entries e JOIN org_units u ON u.id = e.org_unit_id"

    static func decode(_ r: any SQLRow) throws -> SettlementEntry {
        SettlementEntry(id: try r.decode(column: "id", as: Int.self), orderId: try r.decode(column: "order_id", as: Int.self), orgUnitId: try r.decode(column: "org_unit_id", as: Int.self),
                        unitName: try r.decode(column: "unit_name", as: String?.self), lineId: try r.decode(column: "line_id", as: Int?.self),
                        kind: SettlementEntry.Kind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .invoice, amountMinor: try r.decode(column: "amount_minor", as: Int.self),
                        currency: try r.decode(column: "currency", as: String.self), reference: try r.decode(column: "reference", as: String.self),
                        status: SettlementEntry.Status(rawValue: try r.decode(column: "status", as: String.self)) ?? .open, createdByName: try r.decode(column: "created_by_name", as: String.self),
                        createdAt: try r.decode(column: "created_at", as: String.self), paidAt: try r.decode(column: "paid_at", as: String?.self))
    }

    /// Entries in scope, newest first; optionally of one order or one status.
    public func list(scope: Scope, orderID: Int? = nil, status: SettlementEntry.Status? = nil, limit: Int = 100, after cursor: Int? = nil) async throws -> Page<SettlementEntry> {
        var sql: SQLQueryString = "\(unsafeRaw: Self.select) WHERE \(scope.condition("e.org_unit_id"))"
        if let orderID { sql += " AND e.order_id = \(bind: orderID)" }
        if let status { sql += " AND e.status = \(bind: status.rawValue)" }
        if let cursor { sql += " AND e.id < \(bind: cursor)" }
        sql += " ORDER BY e.id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }

    /// Open balance per currency of the scope (what is still owed).
    public func balance(scope: Scope, orderID: Int? = nil) async throws -> [String: Int] {
        var sql: SQLQueryString = """
            SELECT currency, CAST(SUM(CASE WHEN kind = 'invoice' THEN amount_minor ELSE -amount_minor END) AS BIGINT) AS owed FROM settlement_entries
            WHERE status = 'open' AND \(scope.condition("org_unit_id"))
            """
        if let orderID { sql += " AND order_id = \(bind: orderID)" }
        sql += " GROUP BY currency"
        var out: [String: Int] = [:]
        for r in try await db.sql.raw(sql).all() { out[try r.decode(column: "currency", as: String.self)] = try r.decode(column: "owed", as: Int?.self) ?? 0 }
        return out
    }

    public func get(_ id: Int, scope: Scope) async throws -> SettlementEntry {
        guard let r = try await db.sql.raw("\(unsafeRaw: Self.select) WHERE e.id = \(bind: id) AND \(scope.condition("e.org_unit_id"))").first() else { throw StoreError.notFound }
        return try Self.decode(r)
    }

    static func add(orderID: Int, unitID: Int, lineID: Int?, kind: SettlementEntry.Kind, amountMinor: Int, currency: String, reference: String, actor: Actor, on tx: any SQLDatabase) async throws {
        try await tx.raw("""
            INSERT INTO settlement_entries (order_id, org_unit_id, line_id, kind, amount_minor, currency, reference, status, created_by_name, created_at)
            VALUES (\(bind: orderID), \(bind: unitID), \(bind: lineID), \(bind: kind.rawValue), \(bind: amountMinor), \(bind: currency), \(bind: reference), 'open', \(bind: actor.label), \(bind: Clock.nowString()))
            """).run()
    }

    /// A credit note or an incentive on an order, from the manufacturer's side.
    public func credit(orderID: Int, kind: SettlementEntry.Kind, amountMinor: Int?, reference: String, scope: Scope, actor: Actor) async throws -> SettlementEntry {
        var errors = ValidationErrors()
        let reference = reference.trimmed
        if kind == .invoice { errors.add("kind", "must be credit_note or incentive: invoices are written on dispatch") }
        if let a = amountMinor { if a <= 0 || a > 100_000_000_00 { errors.add("amount_minor", "must be above zero and at most 100,000,000") } } else { errors.add("amount_minor", "is required") }
        if reference.isEmpty { errors.add("reference", "is required (the document's number)") } else if reference.count > 60 { errors.add("reference", "must be at most 60 characters") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            let order = try await VehicleOrderStore.get(orderID, scope: scope, on: tx)
            if try await tx.raw("SELECT 1 AS x FROM settlement_entries WHERE reference = \(bind: reference)").first() != nil {
                throw StoreError.conflict(field: "reference", message: "is already used by another entry")
            }
            try await Self.add(orderID: orderID, unitID: order.orgUnitId, lineID: nil, kind: kind, amountMinor: amountMinor!, currency: order.currency, reference: reference, actor: actor, on: tx)
            let entry = try Self.decode(try await tx.raw("\(unsafeRaw: Self.select) WHERE e.reference = \(bind: reference)").first()!)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "settlement_entry", recordID: entry.id, orgUnitID: order.orgUnitId, before: nil, after: entry)
            return entry
        }
    }

    /// Marks an open entry paid (or cancelled); a second click is a 409.
    public func settle(_ id: Int, status: SettlementEntry.Status, scope: Scope, actor: Actor) async throws -> SettlementEntry {
        guard status != .open else { throw StoreError.invalid(ValidationErrors(["status": "must be paid or cancelled"])) }
        return try await db.transaction { tx in
            let now = Clock.nowString()
            let current: SQLQueryString = "\(unsafeRaw: Self.select) WHERE e.id = \(bind: id) AND \(scope.condition("e.org_unit_id"))"
            try await GuardedChange.apply("""
                UPDATE settlement_entries SET status = \(bind: status.rawValue), paid_at = \(bind: status == .paid ? now : nil)
                WHERE id = \(bind: id) AND status = 'open' AND \(scope.condition("org_unit_id")) RETURNING id
                """, exists: current, on: tx) {
                .conflict(field: "status", message: "this entry is \(try Self.decode(try await tx.raw(current).first()!).status.label.lowercased()) already")
            }
            let entry = try Self.decode(try await tx.raw("\(unsafeRaw: Self.select) WHERE e.id = \(bind: id)").first()!)
            try await AuditStore.record(on: tx, actor: actor, action: status.rawValue, recordType: "settlement_entry", recordID: id, orgUnitID: entry.orgUnitId, before: nil, after: entry)
            return entry
        }
    }
}
