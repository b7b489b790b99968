import SQLKit
import TorqueDomain

/// A raised flag with what it is about (BI-5).
public struct RaisedFlag: Codable, Sendable, Equatable {
    public var id: Int
    public var orgUnitId: Int
    public var unitName: String
    public var kind: WarningFlag.Kind
    public var orderId: Int?
    public var month: String?
    public var reason: String
    public var raisedAt: String
    public var clearedAt: String?
    public var clearedByName: String?
}

/// Warning flags on orders and dealers' months (BI-5): order flags are written with the order;
/// the sales flag of each dealer's last complete month by the hourly job. Both show on the OEM's
/// home and in the flags list until someone clears them.
public struct WarningFlagStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = "SELECT f.*, u.name AS unit_name FROM warning_flags f JOIN org_units u ON u.id = f.org_unit_id"

    static func decode(_ r: any SQLRow) throws -> RaisedFlag {
        RaisedFlag(id: try r.decode(column: "id", as: Int.self), orgUnitId: try r.decode(column: "org_unit_id", as: Int.self), unitName: try r.decode(column: "unit_name", as: String.self),
                   kind: WarningFlag.Kind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .orderTooLarge, orderId: try r.decode(column: "order_id", as: Int?.self),
                   month: try r.decode(column: "month", as: String?.self), reason: try r.decode(column: "reason", as: String.self), raisedAt: try r.decode(column: "raised_at", as: String.self),
                   clearedAt: try r.decode(column: "cleared_at", as: String?.self), clearedByName: try r.decode(column: "cleared_by_name", as: String?.self))
    }

    /// Flags in scope, newest first; `open` leaves out the cleared ones.
    public func list(scope: Scope, open: Bool = true, limit: Int = 50, after cursor: Int? = nil) async throws -> Page<RaisedFlag> {
        var sql: SQLQueryString = "\(unsafeRaw: Self.select) WHERE \(scope.condition("f.org_unit_id"))"
        if open { sql += " AND f.cleared_at IS NULL" }
        if let cursor { sql += " AND f.id < \(bind: cursor)" }
        sql += " ORDER BY f.id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }

    public func get(_ id: Int, scope: Scope) async throws -> RaisedFlag {
        guard let r = try await db.sql.raw("\(unsafeRaw: Self.select) WHERE f.id = \(bind: id) AND \(scope.condition("f.org_unit_id"))").first() else { throw StoreError.notFound }
        return try Self.decode(r)
    }

    /// Clears a flag (seen and dealt with); a second clear is a 409.
    public func clear(_ id: Int, scope: Scope, actor: Actor) async throws -> RaisedFlag {
        try await db.transaction { tx in
            try await GuardedChange.apply("""
                UPDATE warning_flags SET cleared_at = \(bind: Clock.nowString()), cleared_by_name = \(bind: actor.label)
                WHERE id = \(bind: id) AND cleared_at IS NULL AND \(scope.condition("org_unit_id")) RETURNING id
                """, exists: "SELECT id FROM warning_flags WHERE id = \(bind: id) AND \(scope.condition("org_unit_id"))", on: tx) {
                .conflict(field: "id", message: "this flag is cleared already")
            }
            let flag = try Self.decode(try await tx.raw("\(unsafeRaw: Self.select) WHERE f.id = \(bind: id)").first()!)
            try await AuditStore.record(on: tx, actor: actor, action: "clear", recordType: "warning_flag", recordID: id, orgUnitID: flag.orgUnitId, before: nil, after: flag)
            return flag
        }
    }

    /// Raises (or updates) the "sales too small" flag of every dealer with a unit target for
    /// `month` whose sales fell below the rule's share; a dealer back above it loses the flag.
    /// Idempotent: one flag per dealer and month. Returns how many are open for the month.
    @discardableResult
    public func raiseSalesFlags(month: String) async throws -> Int {
        try await db.transaction { tx in
            let rules = try await DistributionSettingsStore.get(on: tx).flags
            let rows = try await tx.raw("""
                SELECT t.org_unit_id, t.units AS target, CAST(COALESCE((SELECT SUM(s.units) FROM model_sales_months s WHERE s.org_unit_id = t.org_unit_id AND s.month = t.month), 0) AS BIGINT) AS sold
                FROM sales_targets t JOIN org_units u ON u.id = t.org_unit_id
                WHERE t.month = \(bind: month) AND t.user_id IS NULL AND u.kind = 'dealer'
                """).all()
            var open = 0
            let now = Clock.nowString()
            for r in rows {
                let unit = try r.decode(column: "org_unit_id", as: Int.self)
                let flag = WarningFlags.sales(units: try r.decode(column: "sold", as: Int.self), target: try r.decode(column: "target", as: Int.self), month: month, rules: rules)
                let existing = try await tx.raw("""
                    SELECT id, cleared_at FROM warning_flags WHERE kind = 'sales_too_small' AND month = \(bind: month) AND org_unit_id = \(bind: unit)
                    """).first()
                if let flag {
                    if let existing {
                        // a flag someone cleared stays cleared; an open one follows the figures
                        if try existing.decode(column: "cleared_at", as: String?.self) == nil {
                            try await tx.raw("UPDATE warning_flags SET reason = \(bind: flag.reason) WHERE id = \(bind: try existing.decode(column: "id", as: Int.self))").run()
                            open += 1
                        }
                    } else {
                        try await tx.raw("""
                            INSERT INTO warning_flags (org_unit_id, kind, month, reason, raised_at) VALUES (\(bind: unit), 'sales_too_small', \(bind: month), \(bind: flag.reason), \(bind: now))
                            """).run()
                        open += 1
                    }
                } else if let existing, try existing.decode(column: "cleared_at", as: String?.self) == nil {
                    try await tx.raw("UPDATE warning_flags SET cleared_at = \(bind: now), cleared_by_name = 'sales recovered' WHERE id = \(bind: try existing.decode(column: "id", as: Int.self))").run()
                }
            }
            return open
        }
    }
}
