enum Migration0016SearchVocabulary {
    static let migration = Migration(version: 16, name: "search vocabulary and covering word index") { _ in [
        // The distinct words of customer_words: a typed prefix expands to a few whole words, each
        // read newest-first straight from the (word, customer_id) index (see CustomerStore.search).
        "CREATE TABLE search_vocabulary (word TEXT PRIMARY KEY)",
        "INSERT INTO search_vocabulary (word) SELECT DISTINCT word FROM customer_words",
        // Checking the other typed words of a customer reads only this index.
        "CREATE INDEX customer_words_customer_word ON customer_words (customer_id, word)",
        "DROP INDEX customer_words_customer",
    ] }
}
