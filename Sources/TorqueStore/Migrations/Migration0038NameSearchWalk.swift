enum Migration0038NameSearchWalk {
    static let migration = Migration(version: 38, name: "name search on PostgreSQL: customers of a word's first letters, newest first") { dialect in
        // SQLite's FTS5 index already walks newest first (CustomerSearchIndex).
        guard dialect.kind != .sqlite else { return [] }
        return [
            "CREATE INDEX customer_words_first4 ON customer_words (LEFT(word, 4), customer_id)",
            "CREATE INDEX customer_words_first2 ON customer_words (LEFT(word, 2), customer_id)",
            "ANALYZE customer_words",
        ]
    }
}
