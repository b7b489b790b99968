import Foundation
import SQLKit
import TorqueDomain

/// A validated row ready to become a customer.
public struct ImportRow: Sendable {
    public var rowNo: Int
    public var input: CustomerInput
    public init(rowNo: Int, input: CustomerInput) { self.rowNo = rowNo; self.input = input }
}

extension ImportStore {
    /// Customers anywhere in the network with these phone or e-mail keys (chunked IN lists).
    public func existing(phones: [String], emails: [String]) async throws -> (byPhone: [String: Int], byEmail: [String: Int]) {
        var byPhone: [String: Int] = [:], byEmail: [String: Int] = [:]
        for chunk in Self.chunks(Array(Set(phones)), 500) {
            for row in try await db.sql.raw("SELECT id, phone_key FROM customers WHERE phone_key IN \(SQLBind.group(Array(chunk))) ORDER BY id").all() {
                let key = try row.decode(column: "phone_key", as: String.self)
                if byPhone[key] == nil { byPhone[key] = try row.decode(column: "id", as: Int.self) }
            }
        }
        for chunk in Self.chunks(Array(Set(emails)), 500) {
            for row in try await db.sql.raw("SELECT id, email_key FROM customers WHERE email_key IN \(SQLBind.group(Array(chunk))) ORDER BY id").all() {
                let key = try row.decode(column: "email_key", as: String.self)
                if byEmail[key] == nil { byEmail[key] = try row.decode(column: "id", as: Int.self) }
            }
        }
        return (byPhone, byEmail)
    }

    static func chunks<T>(_ items: [T], _ size: Int) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }

    /// Applies an import in one transaction: creates `rows` (each on the timeline as imported),
    /// shares `existing` customers with the unit, records the row errors and the outcome.
    /// Rows go in batches of multi-row inserts; a failure rolls back everything.
    public func apply(_ id: Int, create rows: [ImportRow], share existing: [Int], errors: [ImportRowError], unitID: Int, actor: Actor, message: String,
                      progress: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        try await db.transaction { tx in
            let sqlite = tx.dialect.name == "sqlite"
            // Index pages touched by one batch are touched again by the next: a bigger page cache
            // for this transaction keeps them from being written out to the log and read back.
            if sqlite { try await tx.raw("PRAGMA cache_size = -524288").run() }
            do { try await Self.write(id, rows: rows, existing: existing, errors: errors, unitID: unitID, actor: actor, message: message, progress: progress, on: tx) } catch {
                if sqlite { try? await tx.raw("PRAGMA cache_size = -\(unsafeRaw: String(TunedSQLiteSource.pageCacheKiB))").run() }
                throw error
            }
            if sqlite { try await tx.raw("PRAGMA cache_size = -\(unsafeRaw: String(TunedSQLiteSource.pageCacheKiB))").run() }
        }
    }

    private static func write(_ id: Int, rows: [ImportRow], existing: [Int], errors: [ImportRowError], unitID: Int, actor: Actor, message: String,
                              progress: @escaping @Sendable (Int) -> Void, on tx: any SQLDatabase) async throws {
        let now = Clock.nowString()
        let file = try await tx.raw("SELECT filename FROM imports WHERE id = \(bind: id)").first()?.decode(column: "filename", as: String.self) ?? "file"
        var done = 0
        for batch in Self.chunks(rows, 5_000) {
            let ids = try await CustomerStore.insertBatch(batch.map(\.input), unitID: unitID, at: now, on: tx)
            try await TimelineStore.appendBatch(zip(ids, batch).map { ($0, TimelineEntry(kind: .import, title: "Imported from \(file)", detail: "row \($1.rowNo)"), now) },
                                                unitID: unitID, userName: actor.label, on: tx)
            done += batch.count
            progress(done)
        }
        for chunk in Self.chunks(Array(Set(existing)).sorted(), 200) {
            var sql: SQLQueryString = "INSERT INTO customer_units (customer_id, org_unit_id, since) VALUES "
            for (i, cid) in chunk.enumerated() { sql += (i == 0 ? "" : ", ") + "(\(bind: cid), \(bind: unitID), \(bind: now))" }
            try await tx.raw(sql + " ON CONFLICT DO NOTHING").run()
        }
        try await Self.finish(id, status: "done", created: rows.count, existing: Set(existing).count, errors: errors, message: message, on: tx)
        try await AuditStore.record(on: tx, actor: actor, action: "apply", recordType: "import", recordID: id, orgUnitID: unitID, before: nil,
                                    after: ["created": rows.count, "existing": Set(existing).count, "errors": errors.count])
    }
}
