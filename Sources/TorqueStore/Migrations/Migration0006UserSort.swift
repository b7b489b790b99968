enum Migration0006UserSort {
    static let migration = Migration(version: 6, name: "people sorted by name or login") { _ in [
        "CREATE INDEX users_name ON users (name, id)",
        "CREATE INDEX users_created ON users (created_at, id)",
    ] }
}
