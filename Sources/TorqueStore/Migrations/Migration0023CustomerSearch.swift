enum Migration0023CustomerSearch {
    static let migration = Migration(version: 23, name: "prefix index of customer names (FTS5 on SQLite, GIN on PostgreSQL)") { dialect in
        // Whole words expanded from typed prefixes are no longer needed: the index holds the prefixes.
        let common = ["DROP TABLE search_vocabulary"]
        guard dialect.kind == .sqlite else {
            return common + [
                """
                CREATE TABLE customer_prefixes (
                  customer_id BIGINT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
                  prefixes TEXT[] NOT NULL
                )
                """,
                // The prefixes of one to five characters of every word (CustomerSearchIndex.prefixes).
                """
                INSERT INTO customer_prefixes (customer_id, prefixes)
                SELECT w.customer_id, ARRAY_AGG(DISTINCT LEFT(w.word, n.n) ORDER BY LEFT(w.word, n.n))
                FROM customer_words w CROSS JOIN generate_series(1, 5) AS n(n) WHERE n.n <= LENGTH(w.word)
                GROUP BY w.customer_id
                """,
                "CREATE INDEX customer_prefixes_gin ON customer_prefixes USING GIN (prefixes)",
                "ANALYZE customer_prefixes",
            ]
        }
        return common + [
            // Contentless: the words live in customer_words; rowid is the customer id.
            "CREATE VIRTUAL TABLE customer_search USING fts5(words, content='', contentless_delete=1, detail='none', prefix='1 2 3 4 5')",
            "INSERT INTO customer_search (rowid, words) SELECT customer_id, GROUP_CONCAT(word, ' ') FROM customer_words GROUP BY customer_id",
            "INSERT INTO customer_search (customer_search) VALUES ('optimize')",
        ]
    }
}
