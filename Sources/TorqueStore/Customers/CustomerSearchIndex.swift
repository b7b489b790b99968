import SQLKit

/// The index behind name search: for every customer, the prefixes (one to five characters) of
/// the words of their name, company and city, so "ferra gi" intersects ready-made posting lists
/// instead of checking customers one by one.
/// - SQLite: an FTS5 table (rowid = customer id) with prefix indexes, read newest first,
///   skipping ahead in each list and stopping at the page size.
/// - PostgreSQL: a text array per customer under a GIN index, and ordered indexes of the words'
///   first two and four letters with the customer id. GIN cannot hand back rows newest first,
///   so a search first walks one word's customers newest first (quick for common names) and
///   reads the whole GIN result and sorts it only when that walk finds too few.
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
            // The units sharing the customer stay in the array as tokens (migration 0039).
            try await tx.raw("""
                INSERT INTO customer_prefixes (customer_id, prefixes)
                VALUES (\(bind: id), \(array(prefixes(words))) || ARRAY(SELECT '@' || org_unit_id FROM customer_units WHERE customer_id = \(bind: id) ORDER BY org_unit_id))
                ON CONFLICT (customer_id) DO UPDATE SET prefixes = EXCLUDED.prefixes
                """).run()
        }
    }

    /// Indexes new customers of `unitID` in a few statements (imports, generated data).
    static func add(_ documents: [(id: Int, words: Set<String>)], unitID: Int, on tx: any SQLDatabase) async throws {
        if isSQLite(tx) {
            try await JSONRows(table: "customer_search", columns: [("rowid", .bigint), ("words", .text)])
                .run(documents.map { [.int($0.id), .text(document($0.words))] }, slice: 10_000, on: tx)
        } else {
            try await JSONRows(table: "customer_prefixes", columns: [("customer_id", .bigint), ("prefixes", .words)])
                .run(documents.map { [.int($0.id), .text((prefixes($0.words) + [unitToken(unitID)]).joined(separator: " "))] }, slice: 10_000, on: tx)
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
                      driverBudget: Int = driverBudget) -> [SQLQueryString] {
        let cut = Array(Set(words.map { String($0.prefix(indexedPrefix)) })).sorted()
        if isSQLite(db) {
            let sql: SQLQueryString = "SELECT f.rowid AS id FROM customer_search f WHERE f.customer_search MATCH \(bind: cut.map { "\"" + $0 + "\"*" }.joined(separator: " AND "))"
            return [filtered(sql, id: "f.rowid", words: words, scope: scope, afterID: afterID) + " ORDER BY f.rowid DESC LIMIT \(bind: limit)"]
        }
        // The scope is read from the array too, by the tokens of the units sharing the customer:
        // GIN then returns a dealer's own matches, not the network's to be checked one by one.
        // (A scope covering the network needs no check: every customer is shared with a unit.)
        var contains: SQLQueryString = "p.prefixes @> \(array(cut))"
        if !scope.coversNetwork { contains += " AND p.prefixes && ARRAY(SELECT '@' || id FROM org_units WHERE path LIKE \(bind: scope.path + "%"))" }
        // "+ 0" keeps the planner from walking the primary key: the GIN result is sorted.
        let sorted = filtered("SELECT p.customer_id AS id FROM customer_prefixes p WHERE " + contains, id: "p.customer_id", words: words, scope: .everything, afterID: afterID)
            + " ORDER BY p.customer_id + 0 DESC LIMIT \(bind: limit)"
        // A common combination is found fastest by walking one typed word's customers newest
        // first (an ordered index on the word's first letters) and checking the other words on
        // each: the walk stops at the page. A rare one would make that walk long, so it is cut
        // at `driverBudget` customers and the GIN result, small for a rare combination, is sorted
        // instead. (The planner's estimate was tried to choose between the two: off by 8× either
        // way on real names.)
        guard let driver = cut.max(by: { ($0.count, $1) < ($1.count, $0) }), driver.count >= 2 else {
            var window: SQLQueryString = "SELECT customer_id, prefixes FROM customer_prefixes"
            if let afterID { window += " WHERE customer_id < \(bind: afterID)" }
            window += " ORDER BY customer_id DESC LIMIT \(bind: driverBudget)"
            let newest = filtered("SELECT p.customer_id AS id FROM (" + window + ") p WHERE " + contains, id: "p.customer_id", words: words, scope: .everything, afterID: nil)
                + " ORDER BY p.customer_id DESC LIMIT \(bind: limit)"
            return [newest, sorted]
        }
        let key = driver.count >= 4 ? 4 : 2
        var walk: SQLQueryString = "SELECT DISTINCT customer_id FROM customer_words WHERE LEFT(word, \(unsafeRaw: String(key))) = \(bind: String(driver.prefix(key)))"
        if let afterID { walk += " AND customer_id < \(bind: afterID)" }
        // A dealer sees a small part of the network: its walk finds few and gives up sooner, as
        // its GIN read returns its own matches only (measured: p99 17 ms against 140 ms with the
        // network's budget).
        walk += " ORDER BY customer_id DESC LIMIT \(bind: scope.coversNetwork ? driverBudget : max(1, driverBudget / 8))"
        // A scalar subquery, so the planner checks the words row by row as the walk goes rather
        // than joining the whole GIN result (which it prefers, and which reads every match).
        let driven = filtered("SELECT d.customer_id AS id FROM (" + walk + ") d WHERE (SELECT " + contains + " FROM customer_prefixes p WHERE p.customer_id = d.customer_id)",
                              id: "d.customer_id", words: words, scope: .everything, afterID: nil)
            + " ORDER BY d.customer_id DESC LIMIT \(bind: limit)"
        return [driven, sorted]
    }

    /// How many customers of the driving word (or, for one-letter words, of the newest) are
    /// checked before the sorted GIN read takes over (an eighth of it in a scope smaller than
    /// the network).
    static let driverBudget = 4_000

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

    /// The element of a customer's prefix array saying unit `id` shares it (PostgreSQL): no
    /// prefix starts with "@", names are folded to letters and digits.
    static func unitToken(_ id: Int) -> String { "@\(id)" }

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
