import SQLKit

/// Multi-row INSERTs in slices, under PostgreSQL's limit of bound values per statement.
enum BatchInsert {
    /// Runs `head` ("INSERT INTO t (a, b) VALUES") with the rows 400 at a time, then `tail`
    /// (an ON CONFLICT clause) after each slice.
    static func run(_ head: String, _ rows: [SQLQueryString], tail: String = "", on tx: any SQLDatabase) async throws {
        for start in stride(from: 0, to: rows.count, by: 400) {
            var sql = SQLQueryString(stringLiteral: head)
            for (i, row) in rows[start..<min(start + 400, rows.count)].enumerated() { sql += (i == 0 ? " " : ", ") + row }
            if !tail.isEmpty { sql += SQLQueryString(stringLiteral: " " + tail) }
            try await tx.raw(sql).run()
        }
    }
}
