import Foundation
import SQLKit
import TorqueDomain

/// One table of the export-all bundle (CUS-8): which rows the caller's scope may take.
public struct ExportTable: Sendable {
    public var name: String
    public var columns: [String]
    /// FROM … WHERE … for the caller's scope; rows are walked by `key` in ascending pages.
    var from: @Sendable (Scope) -> SQLQueryString
    var key: String
    /// Second key column where `key` alone is not unique (a customer shared with several units).
    var tiebreak: String? = nil
}

/// Reads every record of a part of the network, page by page, for the export bundle.
public struct ExportStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static func visibleCustomer(_ column: String, _ s: Scope) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM customer_units cu WHERE cu.customer_id = \(unsafeRaw: column) AND \(s.condition("cu.org_unit_id")))"
    }

    /// Everything a tenant owns. Password hashes, tokens and API key hashes are never exported.
    public static let tables: [ExportTable] = [
        ExportTable(name: "org_units", columns: ["id", "parent_id", "kind", "code", "name", "address", "country", "time_zone", "active", "created_at"],
                    from: { "FROM org_units t WHERE \($0.condition("t.id"))" }, key: "t.id"),
        ExportTable(name: "users", columns: ["id", "org_unit_id", "login", "name", "email", "active", "created_at"],
                    from: { "FROM users t WHERE \($0.condition("t.org_unit_id"))" }, key: "t.id"),
        ExportTable(name: "customers", columns: ["id", "org_unit_id", "kind", "first_name", "last_name", "company_name", "display_name", "email", "phone",
                                                 "address", "postcode", "city", "country", "consent_marketing", "created_at", "updated_at"],
                    from: { "FROM customers t WHERE \(visibleCustomer("t.id", $0))" }, key: "t.id"),
        ExportTable(name: "customer_units", columns: ["customer_id", "org_unit_id", "since"],
                    from: { "FROM customer_units t WHERE \($0.condition("t.org_unit_id"))" }, key: "t.customer_id", tiebreak: "t.org_unit_id"),
        ExportTable(name: "customer_profiles", columns: ["customer_id", "lifetime_value_minor", "loyalty", "state", "next_purchase_from", "next_purchase_to", "next_service", "computed_at"],
                    from: { "FROM customer_profiles t WHERE \(visibleCustomer("t.customer_id", $0))" }, key: "t.customer_id"),
        ExportTable(name: "contacts", columns: ["id", "customer_id", "org_unit_id", "user_name", "at", "channel", "direction", "outcome", "note"],
                    from: { "FROM contacts t WHERE \(visibleCustomer("t.customer_id", $0))" }, key: "t.id"),
        ExportTable(name: "timeline_events", columns: ["id", "customer_id", "org_unit_id", "at", "kind", "title", "detail", "user_name", "ref_type", "ref_id", "amount_minor"],
                    from: { "FROM timeline_events t WHERE \(visibleCustomer("t.customer_id", $0))" }, key: "t.id"),
        ExportTable(name: "tasks", columns: ["id", "org_unit_id", "assignee_user_id", "customer_id", "lead_id", "title", "due_on", "done_at", "created_at"],
                    from: { "FROM tasks t WHERE \($0.condition("t.org_unit_id"))" }, key: "t.id"),
        ExportTable(name: "leads", columns: ["id", "org_unit_id", "status", "source", "campaign", "kind", "first_name", "last_name", "company_name", "email", "phone",
                                             "postcode", "city", "country", "consent_marketing", "message", "interest_brand", "interest_model", "timeframe", "payment",
                                             "trade_in", "budget", "score", "assigned_user_id", "customer_id", "opportunity_id", "disqualify_reason", "disqualify_note",
                                             "first_response_at", "created_at", "updated_at"],
                    from: { "FROM leads t WHERE \($0.condition("t.org_unit_id"))" }, key: "t.id"),
        ExportTable(name: "opportunities", columns: ["id", "org_unit_id", "customer_id", "lead_id", "title", "stage", "owner_user_id", "expected_value_minor", "close_on",
                                                     "lost_reason", "stage_changed_at", "vehicle_id", "configuration_id", "created_at", "updated_at"],
                    from: { "FROM opportunities t WHERE \($0.condition("t.org_unit_id"))" }, key: "t.id"),
        ExportTable(name: "appointments", columns: ["id", "org_unit_id", "kind", "title", "starts_at", "ends_at", "user_id", "customer_id", "opportunity_id", "vehicle_id",
                                                    "location", "notes", "cancelled", "created_at", "updated_at"],
                    from: { "FROM appointments t WHERE \($0.condition("t.org_unit_id"))" }, key: "t.id"),
        ExportTable(name: "configurations", columns: ["id", "org_unit_id", "model_id", "trim", "engine", "colour", "options", "price_minor", "currency", "price_list_id", "customer_id", "created_at"],
                    from: { "FROM configurations t WHERE \($0.condition("t.org_unit_id"))" }, key: "t.id"),
        ExportTable(name: "vehicles", columns: ["id", "org_unit_id", "vin", "model_id", "make", "model_name", "model_year", "trim", "engine", "colour", "options", "description",
                                                "status", "kind", "location", "cost_minor", "price_minor", "currency", "mileage_km", "plate", "in_stock_since", "customer_id",
                                                "reserved_opportunity_id", "created_at", "updated_at"],
                    from: { "FROM vehicles t WHERE \($0.condition("t.org_unit_id"))" }, key: "t.id"),
        ExportTable(name: "parts", columns: ["id", "org_unit_id", "part_number", "name", "kind", "quantity", "reorder_point", "unit_cost_minor", "price_minor", "currency", "bin"],
                    from: { "FROM parts t WHERE \($0.condition("t.org_unit_id"))" }, key: "t.id"),
        ExportTable(name: "part_movements", columns: ["id", "part_id", "org_unit_id", "kind", "quantity", "balance_after", "reference", "note", "overridden", "actor_label", "at"],
                    from: { "FROM part_movements t WHERE \($0.condition("t.org_unit_id"))" }, key: "t.id"),
    ]

    /// Calls `page` with each page of rows (cells as text, nil for NULL), in key order: keyset
    /// paging on (key, tiebreak), one query per page.
    public func walk(_ table: ExportTable, scope: Scope, pageSize: Int = 5000, page: ([[String?]]) throws -> Void) async throws {
        let cols = table.columns.map { "t.\($0)" }.joined(separator: ", ")
        let order = [table.key, table.tiebreak].compactMap { $0 }
        var last: (Int, Int)?
        while true {
            var sql: SQLQueryString = "SELECT \(unsafeRaw: cols), \(unsafeRaw: table.key) AS export_key, \(unsafeRaw: table.tiebreak ?? "0") AS export_tiebreak "
            sql += table.from(scope)
            if let (k, t) = last {
                if let tiebreak = table.tiebreak {
                    sql += " AND (\(unsafeRaw: table.key) > \(bind: k) OR (\(unsafeRaw: table.key) = \(bind: k) AND \(unsafeRaw: tiebreak) > \(bind: t)))"
                } else {
                    sql += " AND \(unsafeRaw: table.key) > \(bind: k)"
                }
            }
            sql += " ORDER BY \(unsafeRaw: order.joined(separator: ", ")) LIMIT \(bind: pageSize)"
            let rows = try await db.sql.raw(sql).all()
            guard let tail = rows.last else { return }
            try page(try rows.map { r in try table.columns.map { try Self.cell(r, $0) } })
            last = (try tail.decode(column: "export_key", as: Int.self), try tail.decode(column: "export_tiebreak", as: Int.self))
            if rows.count < pageSize { return }
        }
    }

    /// A cell as text whatever its type in either database.
    static func cell(_ row: any SQLRow, _ column: String) throws -> String? {
        if try row.decodeNil(column: column) { return nil }
        if let s = try? row.decode(column: column, as: String.self) { return s }
        if let i = try? row.decode(column: column, as: Int.self) { return String(i) }
        if let b = try? row.decode(column: column, as: Bool.self) { return b ? "true" : "false" }
        if let d = try? row.decode(column: column, as: Double.self) { return String(d) }
        return nil
    }
}

extension ExportStore {
    static func decode(_ row: any SQLRow) throws -> DataExport {
        try row.decode(model: DataExport.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Queues an export of the caller's whole scope (their unit and below).
    public func request(unitID: Int, userID: Int?, userName: String, actor: Actor) async throws -> DataExport {
        try await db.transaction { tx in
            let id = try await tx.raw("""
                INSERT INTO exports (org_unit_id, user_id, user_name, status, created_at) VALUES (\(bind: unitID), \(bind: userID), \(bind: userName), 'queued', \(bind: Clock.nowString()))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            _ = try await JobStore.enqueue(on: tx, kind: "exports.run", payload: #"{"export_id":\#(id)}"#, maxAttempts: 1, uniqueKey: "export:\(id)")
            try await AuditStore.record(on: tx, actor: actor, action: "export", recordType: "export", recordID: id, orgUnitID: unitID, before: nil, after: ["requested_by": userName])
            return try Self.decode(try await tx.raw("SELECT * FROM exports WHERE id = \(bind: id)").first()!)
        }
    }

    public func get(_ id: Int, scope: Scope) async throws -> DataExport {
        guard let row = try await db.sql.raw("SELECT * FROM exports WHERE id = \(bind: id) AND \(scope.condition("org_unit_id"))").first() else { throw StoreError.notFound }
        return try Self.decode(row)
    }

    public func list(scope: Scope, limit: Int = 20, afterID: Int? = nil) async throws -> Page<DataExport> {
        var sql: SQLQueryString = "SELECT * FROM exports WHERE \(scope.condition("org_unit_id"))"
        if let afterID { sql = sql + " AND id < \(bind: afterID)" }
        sql = sql + " ORDER BY id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }

    public func mark(_ id: Int, status: String, filename: String = "", bytes: Int = 0, countsJSON: String = "{}", message: String = "") async throws {
        try await db.sql.raw("""
            UPDATE exports SET status = \(bind: status), filename = \(bind: filename), bytes = \(bind: bytes), counts_json = \(bind: countsJSON), message = \(bind: message),
              finished_at = \(bind: status == "running" ? nil : Clock.nowString()) WHERE id = \(bind: id)
            """).run()
    }
}
