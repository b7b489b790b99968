enum Migration0023CustomerSearch {
    static let migration = Migration(version: 23, name: "full-text index of customer names (SQLite)") { dialect in
        // PostgreSQL keeps expanding prefixes through search_vocabulary (see CustomerSearchIndex).
        guard dialect.kind == .sqlite else { return [] }
        return [
            // Contentless: the words live in customer_words; rowid is the customer id.
            "CREATE VIRTUAL TABLE customer_search USING fts5(words, content='', contentless_delete=1, detail='none', prefix='1 2 3 4 5')",
            "INSERT INTO customer_search (rowid, words) SELECT customer_id, GROUP_CONCAT(word, ' ') FROM customer_words GROUP BY customer_id",
            "INSERT INTO customer_search (customer_search) VALUES ('optimize')",
            // The index holds the prefixes: whole words expanded from them are no longer needed here.
            "DROP TABLE search_vocabulary",
        ]
    }
}
