import SQLKit
import TorqueDomain

/// Units per (holding unit, model, status), kept beside `vehicles` so the network view does not
/// count 100,000 rows on every look (STOCK-3). Every write to `vehicles` goes through
/// VehicleStore or StockSeed, which call `move` in the same transaction; the hourly
/// housekeeping recounts, so a missed path could only be wrong for an hour.
public enum StockCounts {
    /// Records that one vehicle left (`from`) and/or entered (`to`) a (unit, model, status) cell.
    static func move(from: (unit: Int, model: Int?, status: VehicleStatus)?, to: (unit: Int, model: Int?, status: VehicleStatus)?, on tx: any SQLDatabase) async throws {
        if let from, let to, from.unit == to.unit, from.model == to.model, from.status == to.status { return }
        if let from { try await add(-1, unit: from.unit, model: from.model, status: from.status, on: tx) }
        if let to { try await add(1, unit: to.unit, model: to.model, status: to.status, on: tx) }
    }

    static func add(_ delta: Int, unit: Int, model: Int?, status: VehicleStatus, on tx: any SQLDatabase) async throws {
        try await tx.raw("""
            INSERT INTO stock_counts (org_unit_id, model_id, status, units) VALUES (\(bind: unit), \(bind: model ?? 0), \(bind: status.rawValue), \(bind: delta))
            ON CONFLICT (org_unit_id, model_id, status) DO UPDATE SET units = stock_counts.units + excluded.units
            """).run()
    }

    /// Counts everything again from `vehicles` (housekeeping, and after bulk loads).
    public static func recount(_ db: Database) async throws {
        try await db.transaction { tx in
            try await tx.raw("DELETE FROM stock_counts").run()
            try await tx.raw("""
                INSERT INTO stock_counts (org_unit_id, model_id, status, units)
                SELECT org_unit_id, COALESCE(model_id, 0), status, COUNT(*) FROM vehicles GROUP BY org_unit_id, COALESCE(model_id, 0), status
                """).run()
        }
    }
}
