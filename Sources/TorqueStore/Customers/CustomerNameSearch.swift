import SQLKit
import TorqueDomain

extension CustomerStore {
    /// Name search, every word a prefix: "ross ma" finds Mario Rossi and Marta Rossini, newest
    /// first, through the prefix index (CustomerSearchIndex).
    func searchNames(_ words: [String], scope: Scope, limit: Int, afterID: Int?) async throws -> Page<Customer> {
        guard !words.isEmpty else { return Page(items: [], nextCursor: nil) }
        let plans = CustomerSearchIndex.plans(words, scope: scope, limit: limit + 1, afterID: afterID, on: db.sql)
        for (i, ids) in plans.enumerated() {
            let sql: SQLQueryString = "SELECT \(unsafeRaw: Self.columns) FROM customers c WHERE c.id IN (" + ids + ") ORDER BY c.id DESC"
            let found = try await db.sql.raw(sql).all().map(Self.decode)
            if found.count > limit || i == plans.count - 1 { return Page(fetched: found, limit: limit, id: \.id) }
        }
        return Page(items: [], nextCursor: nil)
    }
}
