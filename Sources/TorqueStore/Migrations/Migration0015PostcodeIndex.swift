enum Migration0015PostcodeIndex {
    static let migration = Migration(version: 15, name: "postcode index for similar-name duplicates") { _ in [
        "CREATE INDEX customers_postcode ON customers (postcode_key)",
    ] }
}
