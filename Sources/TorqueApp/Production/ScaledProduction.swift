import Foundation
import TorqueDomain
import TorqueStore

/// Generated plant history for the defect benchmark (`torque demo --scale production`): builds
/// and inspections spread over the last 120 days at the demo plant, about 3 % failing, one code
/// rising in the last week.
public struct ScaledProduction {
    let services: AppServices
    public init(services: AppServices) { self.services = services }

    public func load(inspections: Int, progress: (Int) -> Void) async throws {
        guard let plant = try await services.orgUnits.findByCode("PLANT-TO")?.id else { return }
        let models = try await services.catalog.models(scope: .everything)
        let demo = models.compactMap { m in DemoCatalog.all.first { $0.input.code == m.code }.map { (m.id, $0) } }
        guard !demo.isEmpty else { return }
        let today = Clock.today()
        let seed = ProductionSeed(db: services.db)
        var batch: [ProductionSeed.Build] = []
        for n in 0..<inspections {
            let (modelID, model) = demo[n % demo.count]
            let age = (n / demo.count) % 120
            // model year 2025 and serials above the demo's; trim and engine letters vary so 8 M VINs per model stay distinct
            let serial = 1_000_000 + n
            let vin = DemoStock.vin(descriptor: model.input.vinDescriptor, trim: serial / 900_000, engine: serial / 2_700_000, year: 2025, serial: serial)
            batch.append(.init(vin: vin, modelID: modelID, day: CalendarDay.adding(-age, to: today), defects: DemoQuality.defects(model: n % demo.count, age: age, n: n / demo.count / 120)))
            if batch.count == 20_000 || n == inspections - 1 {
                try await seed.builds(batch, plantID: plant, inspector: "generated")
                batch.removeAll(keepingCapacity: true)
                progress(n + 1)
            }
        }
    }
}
