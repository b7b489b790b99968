import Foundation
import SQLKit
import TorqueDomain
import TorqueStore

/// Generated network stock and orders for the allocation benchmark (`torque demo --scale
/// distribution`): 18 more distribution centers (20 in all) across Italy, new units spread over
/// them, and one-car orders of the demo dealers waiting for allocation, all of demo builds.
public struct ScaledDistribution {
    let services: AppServices
    public init(services: AppServices) { self.services = services }

    public func load(hubUnits: Int, orders: Int, progress: (String) -> Void) async throws {
        let regions = ["R-N", "R-C", "R-S"]
        var regionIDs: [Int] = []
        for code in regions { if let r = try await services.orgUnits.findByCode(code) { regionIDs.append(r.id) } }
        guard !regionIDs.isEmpty else { return }
        var hubs = try await services.orgUnits.list(scope: .everything, filter: .init(kind: .distributionCenter)).map(\.id)
        for i in 0..<max(0, 20 - hubs.count) {
            // spread over the peninsula, 37.5–46° N, 7.5–16.5° E
            let lat = 37.5 + Double((i * 37) % 85) / 10, lon = 7.5 + Double((i * 53) % 90) / 10
            let input = OrgUnitInput(parentId: regionIDs[i % regionIDs.count], kind: .distributionCenter, code: "DC-G\(i + 1)", name: "Generated hub \(i + 1)",
                                     address: "", latitude: lat, longitude: lon, timeZone: "Europe/Rome", workingHours: "mon-fri 06:00-20:00")
            hubs.append(try await services.orgUnits.create(input, scope: .everything, actor: .system).id)
        }
        let models = try await services.catalog.models(scope: .everything)
        let demo = models.compactMap { m in DemoCatalog.all.first { $0.input.code == m.code }.map { (m, $0) } }
        guard !demo.isEmpty else { return }
        // 150 builds a model (valid ones, from the demo's sampler), picked by a generator
        let builds = demo.map { _, model in (0..<150).map { DemoCatalog.sampleBuild(model, n: $0 * 7 + 3) } }
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int { seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return Int((seed >> 33) % UInt64(n)) }
        let daysAgo: DemoStock.DaysAgo = { CalendarDay.adding(-$0, to: Clock.today()) }
        var perHub: [Int: [VehicleInput]] = [:]
        for k in 0..<hubUnits {
            let m = next(demo.count), b = builds[m][next(150)]
            let (model, catalog) = demo[m]
            let trims = catalog.items.filter { $0.kind == .trim }.map(\.code), engines = catalog.items.filter { $0.kind == .engine }.map(\.code)
            let vin = DemoStock.vin(descriptor: model.vinDescriptor, trim: (trims.firstIndex(of: b.trim) ?? 0) + k / 900_000, engine: engines.firstIndex(of: b.engine) ?? 0,
                                    year: 2025, serial: k)
            perHub[hubs[next(hubs.count)], default: []].append(VehicleInput(vin: vin, modelId: model.id, make: model.make, modelName: model.name, modelYear: 2025, build: b,
                                                                              status: .inStock, kind: .new, location: "Compound", costMinor: 2_000_000, priceMinor: 2_500_000,
                                                                              inStockSince: daysAgo(next(90))))
        }
        let seedStock = StockSeed(db: services.db)
        for (hub, units) in perHub { try await seedStock.vehicles(units, currency: "EUR", unitID: hub) }
        progress("\(hubUnits) units at \(hubs.count) hubs")
        let dealers = try await services.orgUnits.list(scope: .everything, filter: .init(kind: .dealer), limit: 5_000).map(\.id)
        var list: [DistributionSeed.Order] = []
        for _ in 0..<orders {
            let m = next(demo.count)
            list.append(.init(unitID: dealers[next(dealers.count)], modelID: demo[m].0.id, modelTitle: demo[m].0.title, build: builds[m][next(150)], priceMinor: 2_500_000))
        }
        try await DistributionSeed(db: services.db).orders(list, wantedOn: CalendarDay.adding(30, to: Clock.today()))
        progress("\(orders) one-car orders waiting")
        // the statistics autovacuum would gather within a minute, so the measured plan is the usual one
        if services.db.kind == .postgresql { try await services.db.sql.raw("ANALYZE").run() }
    }
}
