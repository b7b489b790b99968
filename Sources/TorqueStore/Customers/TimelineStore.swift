import SQLKit
import TorqueDomain

/// The one timeline per customer (CUS-5). Every module that touches a customer appends its items
/// here inside its own transaction, so the 360 page and the API read one table, whatever the module.
public struct TimelineStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// Appends an item; call inside the transaction that made the change.
    @discardableResult
    public static func append(_ entry: TimelineEntry, customerID: Int, unitID: Int, userName: String, at: String = Clock.nowString(), on tx: any SQLDatabase) async throws -> Int {
        try await tx.raw("""
            INSERT INTO timeline_events (customer_id, org_unit_id, at, kind, title, detail, user_name, ref_type, ref_id, amount_minor)
            VALUES (\(bind: customerID), \(bind: unitID), \(bind: at), \(bind: entry.kind.rawValue), \(bind: String(entry.title.prefix(300))), \(bind: String(entry.detail.prefix(4000))),
                    \(bind: userName), \(bind: entry.refType), \(bind: entry.refId), \(bind: entry.amountMinor))
            RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
    }

    /// A visible customer's timeline, newest first, optionally only some kinds.
    public func list(customerID: Int, scope: Scope, kinds: [TimelineKind] = [], limit: Int = 50, afterID: Int? = nil) async throws -> Page<TimelineEvent> {
        _ = try await CustomerStore.get(customerID, scope: scope, on: db.sql)
        var sql: SQLQueryString = "SELECT * FROM timeline_events WHERE customer_id = \(bind: customerID)"
        if !kinds.isEmpty { sql = sql + " AND kind IN \(SQLBind.group(kinds.map(\.rawValue)))" }
        if let afterID { sql = sql + " AND id < \(bind: afterID)" }
        sql = sql + " ORDER BY id DESC LIMIT \(bind: limit + 1)"
        let rows = try await db.sql.raw(sql).all().map { try $0.decode(model: TimelineEvent.self, keyDecodingStrategy: .convertFromSnakeCase) }
        return Page(fetched: rows, limit: limit, id: \.id)
    }
}
