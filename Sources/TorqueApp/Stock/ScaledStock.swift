import Foundation
import TorqueDomain
import TorqueStore

/// `torque demo --scale stock`: extra generated dealers (spread over Italy, under the demo
/// regions) each holding generated vehicle units, for the network stock benchmarks in bench/.
/// Deterministic: dealer i and its units are always the same.
public struct ScaledStock {
    let services: AppServices
    public init(services: AppServices) { self.services = services }

    public func load(dealers: Int, unitsPerDealer: Int, progress: @escaping @Sendable (Int) -> Void) async throws {
        let regions = try await services.orgUnits.list(scope: .everything, filter: .init(kind: .region))
        guard !regions.isEmpty else { throw AppStartError("the demo network has no regions") }
        let models = try await services.catalog.models(scope: .everything)
        let codes = Dictionary(uniqueKeysWithValues: models.map { ($0.code, $0.id) })
        let seed = StockSeed(db: services.db)
        let today = Clock.today()
        let daysAgo: DemoStock.DaysAgo = { CalendarDay.adding(-$0, to: today) }
        for i in 0..<dealers {
            // A grid over the peninsula: latitude 38–46, longitude 7.5–16.5.
            let lat = 38.0 + Double((i * 37) % 800) / 100, lon = 7.5 + Double((i * 53) % 900) / 100
            let input = OrgUnitInput(parentId: regions[i % regions.count].id, kind: .dealer, code: String(format: "D-X%04d", i), name: "Generated Dealer \(i)",
                                     address: "", latitude: lat, longitude: lon, timeZone: "Europe/Rome", workingHours: "mon-fri 09:00-19:00")
            let unit = try await services.orgUnits.create(input, scope: .everything, actor: .system).id
            var units: [VehicleInput] = []
            var n = 0
            while units.count < unitsPerDealer {
                for item in DemoStock.units(dealer: 100 + i, models: DemoCatalog.all, daysAgo: daysAgo) where units.count < unitsPerDealer {
                    var v = item.input
                    v.modelId = codes[item.model]
                    // A serial of its own per generated unit (after the demo dealers' 0–19,999), with a valid check digit.
                    let serial = 20_000 + i * unitsPerDealer + units.count
                    v.vin = DemoStock.vin(descriptor: String(v.vin.dropFirst(3).prefix(2)), trim: n % 3, engine: n / 3 % 3, year: v.modelYear ?? 2026, serial: serial)
                    v.plate = ""
                    units.append(v)
                    n += 1
                }
            }
            try await seed.vehicles(units, currency: "EUR", unitID: unit)
            progress(i + 1)
        }
        // Fresh statistics, or the planners of both databases guess wrong on the new volume.
        try await services.db.sql.raw("ANALYZE").run()
    }
}
