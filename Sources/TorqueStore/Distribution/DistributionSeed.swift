import SQLKit
import TorqueDomain

/// Bulk orders for the allocation benchmark: one car each, waiting for allocation, sent to the
/// dealer's regional DC, without the per-order checks of VehicleOrderStore.
public struct DistributionSeed: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public struct Order: Sendable {
        public var unitID: Int, modelID: Int, modelTitle: String, build: Build, priceMinor: Int
        public init(unitID: Int, modelID: Int, modelTitle: String, build: Build, priceMinor: Int) {
            self.unitID = unitID; self.modelID = modelID; self.modelTitle = modelTitle; self.build = build; self.priceMinor = priceMinor
        }
    }

    public func orders(_ orders: [Order], wantedOn: String) async throws {
        try await db.transaction { tx in
            let network = try await DistributionNetwork.load(on: tx)
            let places = try await DistributionNetwork.places(Array(Set(orders.map(\.unitID))), on: tx)
            let hubs = places.mapValues { network.regionalHub(of: $0)?.id }
            let now = Clock.nowString()
            let first = (try await tx.raw("SELECT MAX(id) AS m FROM vehicle_orders").first()?.decode(column: "m", as: Int?.self) ?? 0) + 1
            // ids given here so the lines can point at their orders without reading them back
            try await BatchInsert.run("""
                INSERT INTO vehicle_orders (id, org_unit_id, hub_id, model_id, model_title, trim, engine, colour, options, quantity, wanted_on, unit_price_minor, currency, status, flags, note, created_at, updated_at) VALUES
                """, orders.enumerated().map { i, o in
                    "(\(bind: first + i), \(bind: o.unitID), \(bind: hubs[o.unitID] ?? nil), \(bind: o.modelID), \(bind: o.modelTitle), \(bind: o.build.trim), \(bind: o.build.engine), \(bind: o.build.colour), \(bind: o.build.options.sorted().joined(separator: ",")), 1, \(bind: wantedOn), \(bind: o.priceMinor), 'EUR', 'open', '[]', '', \(bind: now), \(bind: now))"
                }, on: tx)
            try await BatchInsert.run("INSERT INTO vehicle_order_lines (order_id, org_unit_id, line_no, status, updated_at) VALUES",
                                      orders.enumerated().map { i, o in "(\(bind: first + i), \(bind: o.unitID), 1, 'pending', \(bind: now))" }, on: tx)
            if db.kind == .postgresql {
                // explicit ids leave the identity sequence behind
                try await tx.raw("SELECT setval(pg_get_serial_sequence('vehicle_orders', 'id'), (SELECT MAX(id) FROM vehicle_orders))").run()
            }
        }
    }
}
