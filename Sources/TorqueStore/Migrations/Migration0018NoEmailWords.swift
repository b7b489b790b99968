enum Migration0018NoEmailWords {
    static let migration = Migration(version: 18, name: "e-mail addresses leave the search words") { _ in [
        // E-mails are searched through customers.email_key; as words each was unique and made
        // every first-name prefix expand to thousands of words.
        "DELETE FROM customer_words WHERE word LIKE '%@%'",
        "DELETE FROM search_vocabulary WHERE word LIKE '%@%'",
    ] }
}
