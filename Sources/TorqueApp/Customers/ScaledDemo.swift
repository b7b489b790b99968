import Foundation
import TorqueDomain
import TorqueStore

/// `torque demo --scale oem`: millions of generated customers with their timelines, spread over
/// the demo dealers, for the benchmarks in bench/. Deterministic: customer i is always the same.
public struct ScaledDemo {
    let services: AppServices
    public init(services: AppServices) { self.services = services }

    /// Writes `customers` customers with `events` timeline items each, in transactions of 5,000,
    /// then their profiles. Calls `progress` with the number written so far.
    public func load(customers: Int, events: Int, progress: @escaping @Sendable (Int) -> Void) async throws {
        let dealers = try await services.orgUnits.list(scope: .everything, filter: .init(kind: .dealer)).map(\.id)
        guard !dealers.isEmpty else { throw AppStartError("the demo network has no dealers") }
        let start = try await services.db.sql.raw("SELECT COALESCE(MAX(id), 0) AS n FROM customers").first()!.decode(column: "n", as: Int.self)
        let now = Date()
        let stamp = Clock.string(now)
        var written = 0
        while written < customers {
            let chunk = min(5000, customers - written)
            let first = start + written
            let created: [Int] = try await services.db.transaction { tx in
                var ids: [Int] = []
                for batchStart in stride(from: 0, to: chunk, by: 500) {
                    let indexes = (first + batchStart)..<(first + min(batchStart + 500, chunk))
                    // Consecutive customers go to the same dealer: a batch is one unit.
                    let unit = dealers[(indexes.lowerBound / 500) % dealers.count]
                    let batchIDs = try await CustomerStore.insertBatch(indexes.map(SyntheticCustomers.customer), unitID: unit, at: stamp, on: tx)
                    var items: [(customerID: Int, entry: TimelineEntry, at: String)] = []
                    for (i, cid) in zip(indexes, batchIDs) {
                        items += SyntheticCustomers.timeline(i, count: events, now: now).map { (cid, $0.entry, Clock.string($0.at)) }
                    }
                    try await TimelineStore.appendBatch(items, unitID: unit, userName: "demo", on: tx)
                    ids += batchIDs
                }
                return ids
            }
            for batch in stride(from: 0, to: created.count, by: 500) {
                try await services.profiles.refresh(Array(created[batch..<min(batch + 500, created.count)]), now: now)
            }
            written += chunk
            progress(written)
        }
        // Fresh statistics, or the planners of both databases guess wrong on the new volume.
        try await services.db.sql.raw("ANALYZE").run()
    }

    /// Most owned cars a generated dataset gets: their VIN serials must stay unique (DemoStock.vin).
    static let ownedVehicleLimit = 600_000

    /// Gives every fourth customer a car bought at their dealer (delivered, plated, model year
    /// 2025), so that search by VIN and plate is measured on the same dataset. Customers who
    /// already own one are skipped: running it again adds nothing. Returns the number added.
    public func loadOwnedVehicles(progress: @escaping @Sendable (Int) -> Void) async throws -> Int {
        let codes = Dictionary(uniqueKeysWithValues: try await services.catalog.models(scope: .everything).map { ($0.code, $0.id) })
        let today = Clock.today()
        var added = 0
        var after = 0
        while true {
            let rows = try await services.db.sql.raw("""
                SELECT c.id, (SELECT MIN(cu.org_unit_id) FROM customer_units cu WHERE cu.customer_id = c.id) AS unit
                FROM customers c WHERE c.id > \(bind: after) AND c.id % 4 = 0 AND c.id / 4 < \(bind: Self.ownedVehicleLimit)
                  AND NOT EXISTS (SELECT 1 FROM vehicles v WHERE v.customer_id = c.id)
                ORDER BY c.id LIMIT 5000
                """).all()
            guard let last = rows.last else { break }
            after = try last.decode(column: "id", as: Int.self)
            var byUnit: [Int: [VehicleInput]] = [:]
            for row in rows {
                let id = try row.decode(column: "id", as: Int.self)
                guard let unit = try row.decode(column: "unit", as: Int?.self) else { continue }
                byUnit[unit, default: []].append(Self.ownedVehicle(customerID: id, modelIDs: codes, today: today))
            }
            for (unit, inputs) in byUnit {
                try await StockSeed(db: services.db).vehicles(inputs, currency: "EUR", unitID: unit)
                added += inputs.count
            }
            progress(added)
        }
        try await services.db.sql.raw("ANALYZE").run()
        return added
    }

    /// Customer `customerID`'s car: one of the demo models, a sample build, a VIN with a check
    /// digit and a plate, both unique for every customer number below 4 × ownedVehicleLimit.
    static func ownedVehicle(customerID id: Int, modelIDs: [String: Int], today: String) -> VehicleInput {
        let k = id / 4
        let model = DemoCatalog.all[k % DemoCatalog.all.count]
        let build = DemoCatalog.sampleBuild(model, n: k)
        let trims = model.items.filter { $0.kind == .trim }.map(\.code), engines = model.items.filter { $0.kind == .engine }.map(\.code)
        let vin = DemoStock.vin(descriptor: model.input.vinDescriptor, trim: trims.firstIndex(of: build.trim) ?? 0,
                                engine: engines.firstIndex(of: build.engine) ?? 0, year: 2025, serial: 300_000 + k)
        let letters = Array("ABCDEFGHJKLMNPRSTVWXYZ")
        let plate = "F" + String(letters[k % 22]) + " " + String(100 + (k / 22) % 900) + " " + String(letters[(k / 19_800) % 22]) + String(letters[(k / 435_600) % 22])
        let since = CalendarDay.adding(-(k % 1_500), to: today)
        return VehicleInput(vin: vin, modelId: modelIDs[model.input.code], make: model.input.make, modelName: model.input.name, modelYear: 2025, build: build,
                            status: .delivered, kind: .new, mileageKm: (k % 1_500) * 40, plate: plate, inStockSince: since, customerId: id)
    }
}
