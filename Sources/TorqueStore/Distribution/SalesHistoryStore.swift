import SQLKit
import TorqueDomain

/// Units sold per dealer, model and month (`model_sales_months`): kept by every sale (see
/// StockCounts) and seeded with history; what distribution and production plan from.
public struct SalesHistoryStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public struct Row: Sendable, Equatable {
        public var unitID: Int, modelID: Int, month: String, units: Int
        public init(unitID: Int, modelID: Int, month: String, units: Int) { self.unitID = unitID; self.modelID = modelID; self.month = month; self.units = units }
    }

    /// Adds history (the demo's, an import's) to the counts.
    public func seed(_ rows: [Row]) async throws {
        try await db.transaction { tx in
            for r in rows where r.units > 0 { try await StockCounts.countSale(unitID: r.unitID, modelID: r.modelID, month: r.month, units: r.units, on: tx) }
        }
    }

    /// Months `from`…`to` of the scope's dealers: one query.
    public func rows(from: String, to: String, scope: Scope) async throws -> [Row] {
        try await db.sql.raw("""
            SELECT org_unit_id, model_id, month, units FROM model_sales_months WHERE month >= \(bind: from) AND month <= \(bind: to) AND \(scope.condition("org_unit_id"))
            """).all().map { r in
            Row(unitID: try r.decode(column: "org_unit_id", as: Int.self), modelID: try r.decode(column: "model_id", as: Int.self),
                month: try r.decode(column: "month", as: String.self), units: try r.decode(column: "units", as: Int.self))
        }
    }
}
