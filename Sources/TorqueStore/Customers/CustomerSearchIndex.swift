import SQLKit

/// The full-text index behind name search on SQLite: an FTS5 table holding each customer's
/// search words (rowid = customer id) with prefix indexes of one to five characters, so that
/// "ferra gi" walks two ready-made posting lists newest first and stops at the page size.
/// PostgreSQL has no index that both intersects and reads newest first; it expands prefixes
/// through search_vocabulary instead (CustomerStore.searchNamesByVocabulary).
enum CustomerSearchIndex {
    /// Typed words are cut to this many characters for the index; longer ones are then checked
    /// in full on customer_words (a longer prefix makes FTS5 merge every word it starts).
    static let indexedPrefix = 5

    static func applies(to db: any SQLDatabase) -> Bool { db.dialect.name == "sqlite" }

    /// Replaces customer `id`'s entry (on create, update, merge and its undo).
    static func set(_ id: Int, words: Set<String>, on tx: any SQLDatabase) async throws {
        guard applies(to: tx) else { return }
        try await tx.raw("DELETE FROM customer_search WHERE rowid = \(bind: id)").run()
        let text = document(words)
        if !text.isEmpty { try await tx.raw("INSERT INTO customer_search (rowid, words) VALUES (\(bind: id), \(bind: text))").run() }
    }

    /// Indexes new customers in multi-row statements (imports, generated data).
    static func add(_ documents: [(id: Int, words: Set<String>)], on tx: any SQLDatabase) async throws {
        guard applies(to: tx) else { return }
        let rows = documents.map { ($0.id, document($0.words)) }.filter { !$0.1.isEmpty }
        for start in stride(from: 0, to: rows.count, by: 500) {
            var sql: SQLQueryString = "INSERT INTO customer_search (rowid, words) VALUES "
            for (i, row) in rows[start..<min(start + 500, rows.count)].enumerated() { sql += (i == 0 ? "" : ", ") + "(\(bind: row.0), \(bind: row.1))" }
            try await tx.raw(sql).run()
        }
    }

    static func remove(_ id: Int, on tx: any SQLDatabase) async throws {
        guard applies(to: tx) else { return }
        try await tx.raw("DELETE FROM customer_search WHERE rowid = \(bind: id)").run()
    }

    /// Customer ids having every typed word (folded by SearchKey.name: letters and digits
    /// only) as a word prefix, newest first, at most `limit`, below `afterID`, within `scope`.
    static func matching(_ words: [String], scope: Scope, limit: Int, afterID: Int?) -> SQLQueryString {
        let match = words.map { "\"" + String($0.prefix(indexedPrefix)) + "\"*" }.joined(separator: " AND ")
        var sql: SQLQueryString = "SELECT f.rowid AS id FROM customer_search f WHERE f.customer_search MATCH \(bind: match)"
        if let afterID { sql += " AND f.rowid < \(bind: afterID)" }
        for w in words where w.count > indexedPrefix {
            sql += " AND EXISTS (SELECT 1 FROM customer_words w2 WHERE w2.customer_id = f.rowid AND w2.word >= \(bind: w) AND w2.word < \(bind: w + "\u{FFFF}"))"
        }
        if scope != .everything {
            sql += " AND EXISTS (SELECT 1 FROM customer_units cu WHERE cu.customer_id = f.rowid AND \(scope.condition("cu.org_unit_id")))"
        }
        return sql + " ORDER BY f.rowid DESC LIMIT \(bind: limit)"
    }

    static func document(_ words: Set<String>) -> String {
        words.filter { !$0.isEmpty }.map { String($0.prefix(100)) }.sorted().joined(separator: " ")
    }
}
