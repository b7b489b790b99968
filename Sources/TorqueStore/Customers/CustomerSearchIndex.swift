import SQLKit

/// The index behind name search: for every customer, the prefixes (one to five characters) of
/// the words of their name, company and city, so that "ferra gi" intersects two ready-made
/// posting lists instead of checking customers one by one. SQLite keeps them in an FTS5 table
/// with prefix indexes (rowid = customer id), read newest first and stopped at the page size;
/// PostgreSQL keeps them as a text array per customer under a GIN index.
enum CustomerSearchIndex {
    /// Typed words are cut to this many characters for the index; longer ones are then checked
    /// in full on customer_words (a longer prefix in FTS5 merges every word it starts).
    static let indexedPrefix = 5

    static func isSQLite(_ db: any SQLDatabase) -> Bool { db.dialect.name == "sqlite" }

    /// Replaces customer `id`'s entry (on create, update, merge and its undo).
    static func set(_ id: Int, words: Set<String>, on tx: any SQLDatabase) async throws {
        if isSQLite(tx) {
            try await tx.raw("DELETE FROM customer_search WHERE rowid = \(bind: id)").run()
            let text = document(words)
            if !text.isEmpty { try await tx.raw("INSERT INTO customer_search (rowid, words) VALUES (\(bind: id), \(bind: text))").run() }
        } else {
            try await tx.raw("""
                INSERT INTO customer_prefixes (customer_id, prefixes) VALUES (\(bind: id), \(array(prefixes(words))))
                ON CONFLICT (customer_id) DO UPDATE SET prefixes = EXCLUDED.prefixes
                """).run()
        }
    }

    /// Indexes new customers in multi-row statements (imports, generated data).
    static func add(_ documents: [(id: Int, words: Set<String>)], on tx: any SQLDatabase) async throws {
        for start in stride(from: 0, to: documents.count, by: 200) {
            let chunk = documents[start..<min(start + 200, documents.count)]
            var sql: SQLQueryString = isSQLite(tx) ? "INSERT INTO customer_search (rowid, words) VALUES " : "INSERT INTO customer_prefixes (customer_id, prefixes) VALUES "
            for (i, d) in chunk.enumerated() {
                sql += (i == 0 ? "" : ", ") + (isSQLite(tx) ? "(\(bind: d.id), \(bind: document(d.words)))" : "(\(bind: d.id), \(array(prefixes(d.words))))")
            }
            try await tx.raw(sql).run()
        }
    }

    /// Removes a deleted customer's entry (PostgreSQL's goes with the row, by cascade).
    static func remove(_ id: Int, on tx: any SQLDatabase) async throws {
        if isSQLite(tx) { try await tx.raw("DELETE FROM customer_search WHERE rowid = \(bind: id)").run() }
    }

    /// Customer ids having every typed word (folded by SearchKey.name: letters and digits
    /// only) as a word prefix, newest first, at most `limit`, after `afterID`, within `scope`.
    static func matching(_ words: [String], scope: Scope, limit: Int, afterID: Int?, on db: any SQLDatabase) -> SQLQueryString {
        let cut = words.map { String($0.prefix(indexedPrefix)) }
        var sql: SQLQueryString
        let id: String
        if isSQLite(db) {
            id = "f.rowid"
            let match = cut.map { "\"" + $0 + "\"*" }.joined(separator: " AND ")
            sql = "SELECT f.rowid AS id FROM customer_search f WHERE f.customer_search MATCH \(bind: match)"
        } else {
            id = "p.customer_id"
            sql = "SELECT p.customer_id AS id FROM customer_prefixes p WHERE p.prefixes @> \(array(Array(Set(cut)).sorted()))"
        }
        if let afterID { sql += " AND \(unsafeRaw: id) < \(bind: afterID)" }
        for w in words where w.count > indexedPrefix {
            sql += " AND EXISTS (SELECT 1 FROM customer_words w2 WHERE w2.customer_id = \(unsafeRaw: id) AND w2.word >= \(bind: w) AND w2.word < \(bind: w + "\u{FFFF}"))"
        }
        if scope != .everything {
            sql += " AND EXISTS (SELECT 1 FROM customer_units cu WHERE cu.customer_id = \(unsafeRaw: id) AND \(scope.condition("cu.org_unit_id")))"
        }
        return sql + " ORDER BY \(unsafeRaw: id) DESC LIMIT \(bind: limit)"
    }

    static func document(_ words: Set<String>) -> String {
        words.filter { !$0.isEmpty }.map { String($0.prefix(100)) }.sorted().joined(separator: " ")
    }

    /// "ferrari" → f, fe, fer, ferr, ferra: every prefix a typed word may be cut to.
    static func prefixes(_ words: Set<String>) -> [String] {
        var out = Set<String>()
        for w in words where !w.isEmpty {
            for n in 1...min(indexedPrefix, w.count) { out.insert(String(w.prefix(n))) }
        }
        return out.sorted()
    }

    /// A PostgreSQL text array of bound values.
    static func array(_ items: [String]) -> SQLQueryString {
        var sql: SQLQueryString = "ARRAY["
        for (i, item) in items.enumerated() { sql += (i == 0 ? "" : ", ") + "\(bind: item)" }
        return sql + "]::text[]"
    }
}
