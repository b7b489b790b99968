import SQLKit
import TorqueDomain

extension CustomerStore {
    /// Name search, every word a prefix: "ross ma" finds Mario Rossi and Marta Rossini, newest
    /// first, through the prefix index (CustomerSearchIndex).
    func searchNames(_ words: [String], scope: Scope, limit: Int, afterID: Int?) async throws -> Page<Customer> {
        guard !words.isEmpty else { return Page(items: [], nextCursor: nil) }
        let ids = try await CustomerSearchIndex.matching(words, scope: scope, limit: limit + 1, afterID: afterID, on: db.sql)
        let sql: SQLQueryString = "SELECT \(unsafeRaw: Self.columns) FROM customers c WHERE c.id IN (" + ids + ") ORDER BY c.id DESC"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }
}
