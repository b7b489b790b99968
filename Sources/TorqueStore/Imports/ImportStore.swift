import Foundation
import SQLKit
import TorqueDomain

/// Uploads waiting for a mapping, running imports, their row errors.
public struct ImportStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static func decode(_ row: any SQLRow) throws -> DataImport {
        try row.decode(model: DataImport.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Stores an upload for `unitID` (which the caller must see); status `uploaded`.
    public func create(format: String, filename: String, content: Data, headers: [String], mapping: [ImportColumn], unitID: Int, userID: Int?, userName: String, scope: Scope) async throws -> DataImport {
        try await db.transaction { tx in
            _ = try await OrgUnitStore.getOrInvalid(unitID, field: "org_unit_id", scope: scope, on: tx)
            let id = try await tx.raw("""
                INSERT INTO imports (org_unit_id, user_id, user_name, format, filename, status, headers_json, mapping_json, created_at)
                VALUES (\(bind: unitID), \(bind: userID), \(bind: userName), \(bind: format), \(bind: String(filename.prefix(200))), 'uploaded',
                        \(bind: Self.json(headers)), \(bind: Self.json(mapping.map(\.rawValue))), \(bind: Clock.nowString()))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            try await tx.raw("INSERT INTO import_files (import_id, content_base64) VALUES (\(bind: id), \(bind: content.base64EncodedString()))").run()
            return try await Self.get(id, scope: .everything, on: tx)
        }
    }

    static func json(_ strings: [String]) -> String {
        String(decoding: try! JSONEncoder().encode(strings), as: UTF8.self)
    }

    public func get(_ id: Int, scope: Scope) async throws -> DataImport { try await Self.get(id, scope: scope, on: db.sql) }

    static func get(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> DataImport {
        guard let row = try await sql.raw("SELECT * FROM imports WHERE id = \(bind: id) AND \(scope.condition("org_unit_id"))").first() else { throw StoreError.notFound }
        return try decode(row)
    }

    public func list(scope: Scope, limit: Int = 50, afterID: Int? = nil) async throws -> Page<DataImport> {
        var sql: SQLQueryString = "SELECT * FROM imports WHERE \(scope.condition("org_unit_id"))"
        if let afterID { sql += " AND id < \(bind: afterID)" }
        sql += " ORDER BY id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }

    public func content(_ id: Int) async throws -> Data {
        guard let row = try await db.sql.raw("SELECT content_base64 FROM import_files WHERE import_id = \(bind: id)").first(),
              let data = Data(base64Encoded: try row.decode(column: "content_base64", as: String.self)) else { throw StoreError.notFound }
        return data
    }

    /// Fixes the mapping and options and queues the run (once: a started import cannot restart).
    public func start(_ id: Int, mapping: [ImportColumn], mode: ImportMode, duplicates: ImportDuplicates, scope: Scope, actor: Actor) async throws -> DataImport {
        try await db.transaction { tx in
            let current = try await Self.get(id, scope: scope, on: tx)
            guard current.status == "uploaded" else { throw StoreError.conflict(field: "status", message: "this import was started already") }
            try await tx.raw("""
                UPDATE imports SET status = 'queued', mapping_json = \(bind: Self.json(mapping.map(\.rawValue))), mode = \(bind: mode.rawValue), duplicates = \(bind: duplicates.rawValue)
                WHERE id = \(bind: id)
                """).run()
            _ = try await JobStore.enqueue(on: tx, kind: "imports.run", payload: #"{"import_id":\#(id)}"#, maxAttempts: 1, uniqueKey: "import:\(id)")
            let after = try await Self.get(id, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "start", recordType: "import", recordID: id, orgUnitID: current.orgUnitId, before: nil, after: after)
            return after
        }
    }

    public func markRunning(_ id: Int, totalRows: Int) async throws {
        try await db.transaction { tx in
            try await tx.raw("UPDATE imports SET status = 'running', total_rows = \(bind: totalRows), started_at = \(bind: Clock.nowString()) WHERE id = \(bind: id)").run()
        }
    }

    /// Ends an import: its counts, a sentence for people, and the row errors (replacing any earlier).
    public func finish(_ id: Int, status: String, created: Int, existing: Int, errors: [ImportRowError], message: String) async throws {
        try await db.transaction { tx in
            try await Self.finish(id, status: status, created: created, existing: existing, errors: errors, message: message, on: tx)
        }
    }

    static func finish(_ id: Int, status: String, created: Int, existing: Int, errors: [ImportRowError], message: String, on tx: any SQLDatabase) async throws {
        try await tx.raw("DELETE FROM import_errors WHERE import_id = \(bind: id)").run()
        // Multi-row inserts: a 100k-row file with many bad rows must not take 100k round trips.
        for chunk in stride(from: 0, to: errors.count, by: 200).map({ errors[$0..<min($0 + 200, errors.count)] }) {
            var sql: SQLQueryString = "INSERT INTO import_errors (import_id, row_no, field, message, value) VALUES "
            for (i, e) in chunk.enumerated() {
                sql += (i == 0 ? "" : ", ") + "(\(bind: id), \(bind: e.rowNo), \(bind: e.field), \(bind: e.message), \(bind: String(e.value.prefix(500))))"
            }
            try await tx.raw(sql).run()
        }
        let errorRows = Set(errors.map(\.rowNo)).count
        try await tx.raw("""
            UPDATE imports SET status = \(bind: status), created_rows = \(bind: created), existing_rows = \(bind: existing), error_rows = \(bind: errorRows),
              message = \(bind: message), finished_at = \(bind: Clock.nowString()) WHERE id = \(bind: id)
            """).run()
    }

    public func errors(_ id: Int, scope: Scope, limit: Int = 100_000, afterID: Int? = nil) async throws -> Page<ImportRowError> {
        _ = try await get(id, scope: scope)
        var sql: SQLQueryString = "SELECT id, row_no, field, message, value FROM import_errors WHERE import_id = \(bind: id)"
        if let afterID { sql += " AND id > \(bind: afterID)" }
        sql += " ORDER BY id LIMIT \(bind: limit + 1)"
        let rows = try await db.sql.raw(sql).all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
        let items = try rows.map { try $0.decode(model: ImportRowError.self, keyDecodingStrategy: .convertFromSnakeCase) }
        if items.count > limit {
            return Page(items: Array(items.prefix(limit)), nextCursor: Cursor.encode(afterID: ids[limit - 1]))
        }
        return Page(items: items, nextCursor: nil)
    }
}
