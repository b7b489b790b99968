enum Migration0017JobCursors {
    static let migration = Migration(version: 17, name: "job cursors") { _ in [
        // How far a recurring job has read an append-only table (e.g. the timeline for profiles).
        "CREATE TABLE job_cursors (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    ] }
}
