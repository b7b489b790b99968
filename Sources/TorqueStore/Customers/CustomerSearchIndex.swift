import SQLKit

/// The index behind name search: for every customer, the prefixes (one to five characters) of
/// the words of their name, company and city, so "ferra gi" intersects ready-made posting lists
/// instead of checking customers one by one.
/// - SQLite: an FTS5 table (rowid = customer id) with prefix indexes, read newest first,
///   skipping ahead in each list and stopping at the page size.
/// - PostgreSQL: a text array per customer under a GIN index. GIN cannot hand back rows newest
///   first, so the planner's estimate decides: a rare combination is read whole from GIN and
///   sorted; a common one is read newest first and filtered, which stops early.
enum CustomerSearchIndex {
    /// Typed words are cut to this many characters for the index; longer ones are then checked
    /// in full on customer_words (a longer prefix in FTS5 merges every word it starts).
    static let indexedPrefix = 5
    /// PostgreSQL: below this many estimated matches the GIN result is sorted (about 3.5 µs a
    /// match: 25 ms for 7,000 on 2.6M customers); above, matches are dense enough for a
    /// newest-first walk to fill a page within a few thousand rows.
    static let rareMatches = 10_000

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

    /// Customer ids having every typed word (folded by SearchKey.name: letters and digits
    /// only) as a word prefix, newest first, at most `limit`, below `afterID`, within `scope`.
    static func matching(_ words: [String], scope: Scope, limit: Int, afterID: Int?, on db: any SQLDatabase) async throws -> SQLQueryString {
        let cut = Array(Set(words.map { String($0.prefix(indexedPrefix)) })).sorted()
        let id: String
        var sql: SQLQueryString
        var newestFirst = true
        if isSQLite(db) {
            id = "f.rowid"
            sql = "SELECT f.rowid AS id FROM customer_search f WHERE f.customer_search MATCH \(bind: cut.map { "\"" + $0 + "\"*" }.joined(separator: " AND "))"
        } else {
            id = "p.customer_id"
            let contains: SQLQueryString = "p.prefixes @> \(array(cut))"
            newestFirst = try await estimate("SELECT 1 FROM customer_prefixes p WHERE " + contains, on: db) >= rareMatches
            sql = "SELECT p.customer_id AS id FROM customer_prefixes p WHERE " + contains
        }
        if let afterID { sql += " AND \(unsafeRaw: id) < \(bind: afterID)" }
        for w in words where w.count > indexedPrefix {
            sql += " AND EXISTS (SELECT 1 FROM customer_words w2 WHERE w2.customer_id = \(unsafeRaw: id) AND w2.word >= \(bind: w) AND w2.word < \(bind: w + "\u{FFFF}"))"
        }
        if scope != .everything {
            sql += " AND EXISTS (SELECT 1 FROM customer_units cu WHERE cu.customer_id = \(unsafeRaw: id) AND \(scope.condition("cu.org_unit_id")))"
        }
        // "+ 0" keeps the planner from walking the primary key for a rare combination.
        return sql + " ORDER BY \(unsafeRaw: id)\(unsafeRaw: newestFirst ? "" : " + 0") DESC LIMIT \(bind: limit)"
    }

    /// PostgreSQL's estimate of the rows a query returns (from its column statistics; no rows are read).
    static func estimate(_ query: SQLQueryString, on db: any SQLDatabase) async throws -> Int {
        guard let plan = try await db.raw("EXPLAIN " + query).first()?.decode(column: "QUERY PLAN", as: String.self),
              let range = plan.range(of: "rows=") else { return Int.max }
        return Int(plan[range.upperBound...].prefix { $0.isNumber }) ?? Int.max
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
