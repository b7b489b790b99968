import SQLKit
import TorqueDomain

extension CustomerStore {
    /// Name search, every word a prefix: "ross ma" finds Mario Rossi and Marta Rossini, newest
    /// first; the cost follows the page, not the number of Rossis in the network.
    func searchNames(_ words: [String], scope: Scope, limit: Int, afterID: Int?) async throws -> Page<Customer> {
        guard !words.isEmpty else { return Page(items: [], nextCursor: nil) }
        guard CustomerSearchIndex.applies(to: db.sql) else { return try await searchNamesByVocabulary(words, scope: scope, limit: limit, afterID: afterID) }
        let ids = CustomerSearchIndex.matching(words, scope: scope, limit: limit + 1, afterID: afterID)
        let sql: SQLQueryString = "SELECT \(unsafeRaw: Self.columns) FROM customers c WHERE c.id IN (" + ids + ") ORDER BY c.id DESC"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }

    /// How many whole words a typed prefix may stand for before it counts as too broad to drive.
    static let prefixExpansion = 64

    /// Name search on PostgreSQL. The typed prefix with the fewest whole words (from
    /// search_vocabulary) drives: for each of its words the (word, customer_id) index yields
    /// customers newest first, the other words and the scope are checked per row, and the
    /// reading stops at the page size. Slow when common words rarely occur together.
    func searchNamesByVocabulary(_ words: [String], scope: Scope, limit: Int, afterID: Int?) async throws -> Page<Customer> {
        var expansions: [(prefix: String, words: [String])] = []
        for w in words {
            let found = try await db.sql.raw("""
                SELECT word FROM search_vocabulary WHERE word >= \(bind: w) AND word < \(bind: w + "\u{FFFF}") ORDER BY word LIMIT \(bind: Self.prefixExpansion + 1)
                """).all().map { try $0.decode(column: "word", as: String.self) }
            if found.isEmpty { return Page(items: [], nextCursor: nil) }
            expansions.append((w, found))
        }
        let narrow = expansions.filter { $0.words.count <= Self.prefixExpansion }
        guard let driver = narrow.min(by: { ($0.words.count, -$0.prefix.count) < ($1.words.count, -$1.prefix.count) }) else {
            return try await searchNamesBroad(words, scope: scope, limit: limit, afterID: afterID)
        }
        var others: SQLQueryString = ""
        for e in expansions where e.prefix != driver.prefix {
            others += " AND EXISTS (SELECT 1 FROM customer_words w2 WHERE w2.customer_id = w.customer_id AND w2.word >= \(bind: e.prefix) AND w2.word < \(bind: e.prefix + "\u{FFFF}"))"
        }
        let visible: SQLQueryString = "EXISTS (SELECT 1 FROM customer_units cu WHERE cu.customer_id = w.customer_id AND \(scope.condition("cu.org_unit_id")))"
        var union: SQLQueryString = ""
        for (i, word) in driver.words.enumerated() {
            union += (i == 0 ? "" : " UNION ALL ") + "SELECT id FROM (SELECT w.customer_id AS id FROM customer_words w WHERE w.word = \(bind: word)"
            if let afterID { union += " AND w.customer_id < \(bind: afterID)" }
            union += others + " AND " + visible + " ORDER BY w.customer_id DESC LIMIT \(bind: limit + 1)) AS m\(unsafeRaw: String(i))"
        }
        var sql: SQLQueryString = "SELECT \(unsafeRaw: Self.columns) FROM customers c WHERE c.id IN ("
        sql += union + ") ORDER BY c.id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }

    /// Every typed word stands for many names ("m", "ma"): scan newest customers and check.
    func searchNamesBroad(_ words: [String], scope: Scope, limit: Int, afterID: Int?) async throws -> Page<Customer> {
        var sql: SQLQueryString = "SELECT \(unsafeRaw: Self.columns) FROM customers c WHERE \(Self.visible(scope))"
        for w in words {
            sql += " AND EXISTS (SELECT 1 FROM customer_words w2 WHERE w2.customer_id = c.id AND w2.word >= \(bind: w) AND w2.word < \(bind: w + "\u{FFFF}"))"
        }
        if let afterID { sql += " AND c.id < \(bind: afterID)" }
        sql += " ORDER BY c.id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }
}
