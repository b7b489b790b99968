import SQLKit

/// The index behind name search: for every customer, the prefixes (one to five characters) of
/// the words of their name, company and city, so "ferra gi" intersects ready-made posting lists
/// instead of checking customers one by one.
/// - SQLite: an FTS5 table (rowid = customer id) with prefix indexes, read newest first,
///   skipping ahead in each list and stopping at the page size.
/// - PostgreSQL: a text array per customer under a GIN index. GIN cannot hand back rows newest
///   first, so a search first looks among the newest customers, which fills a page quickly
///   for common names, and reads the whole GIN result and sorts it when that falls short.
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
        let sqlite = isSQLite(tx)
        for start in stride(from: 0, to: documents.count, by: 200) {
            var sql: SQLQueryString = sqlite ? "INSERT INTO customer_search (rowid, words) VALUES " : "INSERT INTO customer_prefixes (customer_id, prefixes) VALUES "
            for (i, d) in documents[start..<min(start + 200, documents.count)].enumerated() {
                sql += (i == 0 ? "" : ", ") + (sqlite ? "(\(bind: d.id), \(bind: document(d.words)))" : "(\(bind: d.id), \(array(prefixes(d.words))))")
            }
            try await tx.raw(sql).run()
        }
    }

    /// Removes a deleted customer's entry (PostgreSQL's goes with the row, by cascade).
    static func remove(_ id: Int, on tx: any SQLDatabase) async throws {
        if isSQLite(tx) { try await tx.raw("DELETE FROM customer_search WHERE rowid = \(bind: id)").run() }
    }

    /// Queries for the ids of customers having every typed word (folded by SearchKey.name:
    /// letters and digits only) as a word prefix, newest first, at most `limit`, below
    /// `afterID`, within `scope`. Run in order: a query that fills the page is the answer,
    /// the last one always is.
    static func plans(_ words: [String], scope: Scope, limit: Int, afterID: Int?, on db: any SQLDatabase,
                      newestWindow: Int = newestWindow) -> [SQLQueryString] {
        let cut = Array(Set(words.map { String($0.prefix(indexedPrefix)) })).sorted()
        if isSQLite(db) {
            let sql: SQLQueryString = "SELECT f.rowid AS id FROM customer_search f WHERE f.customer_search MATCH \(bind: cut.map { "\"" + $0 + "\"*" }.joined(separator: " AND "))"
            return [filtered(sql, id: "f.rowid", words: words, scope: scope, afterID: afterID) + " ORDER BY f.rowid DESC LIMIT \(bind: limit)"]
        }
        let contains: SQLQueryString = "p.prefixes @> \(array(cut))"
        // "+ 0" keeps the planner from walking the primary key: the GIN result is sorted.
        let sorted = filtered("SELECT p.customer_id AS id FROM customer_prefixes p WHERE " + contains, id: "p.customer_id", words: words, scope: scope, afterID: afterID)
            + " ORDER BY p.customer_id + 0 DESC LIMIT \(bind: limit)"
        // Most searches fill a page from the newest customers: look at the newest `newestWindow`
        // first (a bounded read, whatever the newest look like), and sort the GIN result only
        // when they hold too few. (The planner's estimate was tried to choose between the two:
        // off by 8× either way on real names, it sent common searches to a 300 ms walk.)
        var window: SQLQueryString = "SELECT customer_id, prefixes FROM customer_prefixes"
        if let afterID { window += " WHERE customer_id < \(bind: afterID)" }
        window += " ORDER BY customer_id DESC LIMIT \(bind: newestWindow)"
        let newest = filtered("SELECT p.customer_id AS id FROM (" + window + ") p WHERE " + contains, id: "p.customer_id", words: words, scope: scope, afterID: nil)
            + " ORDER BY p.customer_id DESC LIMIT \(bind: limit)"
        return [newest, sorted]
    }

    /// How many of the newest customers a common combination is looked for in first.
    static let newestWindow = 20_000

    /// Adds the cursor, the full check of words longer than the index's prefixes, and the scope.
    static func filtered(_ query: SQLQueryString, id: String, words: [String], scope: Scope, afterID: Int?) -> SQLQueryString {
        var sql = query
        if let afterID { sql += " AND \(unsafeRaw: id) < \(bind: afterID)" }
        for w in words where w.count > indexedPrefix {
            sql += " AND EXISTS (SELECT 1 FROM customer_words w2 WHERE w2.customer_id = \(unsafeRaw: id) AND w2.word >= \(bind: w) AND w2.word < \(bind: w + "\u{FFFF}"))"
        }
        if scope != .everything {
            sql += " AND EXISTS (SELECT 1 FROM customer_units cu WHERE cu.customer_id = \(unsafeRaw: id) AND \(scope.condition("cu.org_unit_id")))"
        }
        return sql
    }

    static func document(_ words: Set<String>) -> String {
        words.filter { !$0.isEmpty }.map { String($0.prefix(100)) }.sorted().joined(separator: " ")
    }

    /// "ferrari" → f, fe, fer, ferr, ferra: every form a typed word is cut to.
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
