import Foundation
import SQLKit
import TorqueDomain

/// Units per (holding unit, model, status, age band), kept beside `vehicles` so the network
/// view reads a few thousand rows instead of counting 100,000 on every look (STOCK-3). Every
/// write to `vehicles` goes through VehicleStore, StockSeed or StockImportStore, which count
/// in the same transaction. Bands move with the calendar (a unit turns old overnight), so the
/// hourly housekeeping and every start recount everything: an hour late at most.
public enum StockCounts {
    /// The (unit, model, status, band) cell a vehicle counts in today.
    public struct Cell: Equatable, Sendable {
        var unit: Int
        var model: Int?
        var status: VehicleStatus
        var band: String

        public init(unit: Int, model: Int?, status: VehicleStatus, inStockSince: String?, soldAt: String?, today: String = Clock.today()) {
            self.unit = unit
            self.model = model
            self.status = status
            self.band = StockBand.of(status: status, inStockSince: inStockSince, soldAt: soldAt,
                                     day120: VehicleStore.daysBefore(today, StockBand.oldAfterDays), day30: VehicleStore.daysBefore(today, StockBand.recentSalesDays))
        }

        init(_ v: Vehicle) { self.init(unit: v.orgUnitId, model: v.modelId, status: v.status, inStockSince: v.inStockSince, soldAt: v.soldAt) }
    }

    /// Records that one vehicle left `from` and/or entered `to`.
    static func move(from: Cell?, to: Cell?, on tx: any SQLDatabase) async throws {
        if from == to { return }
        if let from { try await add(-1, from, on: tx) }
        if let to { try await add(1, to, on: tx) }
        if let to, isSale(to.status), !(from.map { isSale($0.status) } ?? false), let model = to.model {
            try await countSale(unitID: to.unit, modelID: model, month: String(Clock.today().prefix(7)), on: tx)
        }
    }

    static func isSale(_ s: VehicleStatus) -> Bool { s == .sold || s == .delivered }

    /// One more unit sold by a dealer in a month: the history distribution and production plan from.
    static func countSale(unitID: Int, modelID: Int, month: String, units: Int = 1, on tx: any SQLDatabase) async throws {
        try await tx.raw("""
            INSERT INTO model_sales_months (org_unit_id, model_id, month, units) VALUES (\(bind: unitID), \(bind: modelID), \(bind: month), \(bind: units))
            ON CONFLICT (org_unit_id, model_id, month) DO UPDATE SET units = model_sales_months.units + excluded.units
            """).run()
    }

    static func add(_ delta: Int, _ cell: Cell, on tx: any SQLDatabase) async throws {
        try await tx.raw("""
            INSERT INTO stock_counts (org_unit_id, model_id, status, band, units) VALUES (\(bind: cell.unit), \(bind: cell.model ?? 0), \(bind: cell.status.rawValue), \(bind: cell.band), \(bind: delta))
            ON CONFLICT (org_unit_id, model_id, status, band) DO UPDATE SET units = stock_counts.units + excluded.units
            """).run()
    }

    /// Counts a batch of new vehicles of one unit, one statement per distinct cell.
    static func addAll(_ inputs: [VehicleInput], unitID: Int, on tx: any SQLDatabase) async throws {
        var cells: [(Cell, Int)] = []
        var sales: [String: Int] = [:]
        for v in inputs {
            let soldAt: String? = (v.status == .sold || v.status == .delivered) ? (v.inStockSince ?? Clock.today()) : nil
            let cell = Cell(unit: unitID, model: v.modelId, status: v.status, inStockSince: v.inStockSince, soldAt: soldAt)
            if isSale(v.status), let model = v.modelId { sales["\(model) \((soldAt ?? Clock.today()).prefix(7))", default: 0] += 1 }
            if let i = cells.firstIndex(where: { $0.0 == cell }) { cells[i].1 += 1 } else { cells.append((cell, 1)) }
        }
        for (cell, n) in cells { try await add(n, cell, on: tx) }
        for (key, n) in sales {
            let parts = key.split(separator: " ")
            try await countSale(unitID: unitID, modelID: Int(parts[0])!, month: String(parts[1]), units: n, on: tx)
        }
    }

    /// Counts everything again from `vehicles`, with today's bands.
    public static func recount(_ db: Database, today: String = Clock.today()) async throws {
        let d120 = VehicleStore.daysBefore(today, StockBand.oldAfterDays), d30 = VehicleStore.daysBefore(today, StockBand.recentSalesDays)
        try await db.transaction { tx in
            try await tx.raw("DELETE FROM stock_counts").run()
            try await tx.raw("""
                INSERT INTO stock_counts (org_unit_id, model_id, status, band, units)
                SELECT org_unit_id, COALESCE(model_id, 0), status, band, COUNT(*) FROM (
                  SELECT org_unit_id, model_id, status,
                    CASE WHEN status IN ('in_stock', 'reserved') AND in_stock_since <= \(bind: d120) THEN 'old'
                         WHEN status IN ('sold', 'delivered') AND sold_at >= \(bind: d30) THEN 'recent' ELSE '' END AS band
                  FROM vehicles) v
                GROUP BY org_unit_id, COALESCE(model_id, 0), status, band
                """).run()
        }
    }
}
