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
            let now = Clock.nowString()
            let file = try await tx.raw("SELECT filename FROM imports WHERE id = \(bind: id)").first()?.decode(column: "filename", as: String.self) ?? "file"
            var done = 0
            for batch in Self.chunks(rows, 100) {
                var sql: SQLQueryString = """
                    INSERT INTO customers (org_unit_id, kind, first_name, last_name, company_name, display_name, name_words, email, email_key, phone, phone_key,
                                           address, postcode, postcode_key, city, country, consent_marketing, created_at, updated_at) VALUES
                    """
                for (i, r) in batch.enumerated() {
                    let c = r.input
                    sql = sql + (i == 0 ? " " : ", ") + """
                        (\(bind: unitID), \(bind: c.kind.rawValue), \(bind: c.firstName), \(bind: c.lastName), \(bind: c.companyName), \(bind: c.displayName),
                         \(bind: SearchKey.nameWords(c.displayName)), \(bind: c.email), \(bind: c.email.map(SearchKey.email)), \(bind: c.phone), \(bind: c.phone),
                         \(bind: c.address), \(bind: c.postcode), \(bind: SearchKey.postcode(c.postcode)), \(bind: c.city), \(bind: c.country), \(bind: c.consentMarketing), \(bind: now), \(bind: now))
                        """
                }
                // Rows are told apart by their (phone, e-mail) pair: the runner refuses duplicates inside a file.
                var idByKey: [String: Int] = [:]
                for row in try await tx.raw(sql + " RETURNING id, phone_key, email_key").all() {
                    let key = (try row.decode(column: "phone_key", as: String?.self) ?? "") + "|" + (try row.decode(column: "email_key", as: String?.self) ?? "")
                    idByKey[key] = try row.decode(column: "id", as: Int.self)
                }
                let ids = batch.map { idByKey[($0.input.phone ?? "") + "|" + ($0.input.email.map(SearchKey.email) ?? "")]! }
                var units: SQLQueryString = "INSERT INTO customer_units (customer_id, org_unit_id, since) VALUES "
                var events: SQLQueryString = "INSERT INTO timeline_events (customer_id, org_unit_id, at, kind, title, detail, user_name) VALUES "
                var words: [(String, Int)] = []
                for (i, cid) in ids.enumerated() {
                    units = units + (i == 0 ? "" : ", ") + "(\(bind: cid), \(bind: unitID), \(bind: now))"
                    events = events + (i == 0 ? "" : ", ") + "(\(bind: cid), \(bind: unitID), \(bind: now), 'import', \(bind: "Imported from \(file)"), \(bind: "row \(batch[batch.startIndex + i].rowNo)"), \(bind: actor.label))"
                    words += batch[batch.startIndex + i].input.searchWords.filter { !$0.isEmpty }.map { (String($0.prefix(100)), cid) }
                }
                try await tx.raw(units).run()
                try await tx.raw(events).run()
                for chunk in Self.chunks(words, 400) {
                    var w: SQLQueryString = "INSERT INTO customer_words (word, customer_id) VALUES "
                    for (i, pair) in chunk.enumerated() { w = w + (i == 0 ? "" : ", ") + "(\(bind: pair.0), \(bind: pair.1))" }
                    try await tx.raw(w + " ON CONFLICT DO NOTHING").run()
                }
                done += batch.count
                progress(done)
            }
            for chunk in Self.chunks(Array(Set(existing)).sorted(), 200) {
                var sql: SQLQueryString = "INSERT INTO customer_units (customer_id, org_unit_id, since) VALUES "
                for (i, cid) in chunk.enumerated() { sql = sql + (i == 0 ? "" : ", ") + "(\(bind: cid), \(bind: unitID), \(bind: now))" }
                try await tx.raw(sql + " ON CONFLICT DO NOTHING").run()
            }
            try await Self.finish(id, status: "done", created: rows.count, existing: Set(existing).count, errors: errors, message: message, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "apply", recordType: "import", recordID: id, orgUnitID: unitID, before: nil,
                                        after: ["created": rows.count, "existing": Set(existing).count, "errors": errors.count])
        }
    }
}
