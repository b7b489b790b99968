import Foundation
import TorqueDomain
import SQLKit
import TorqueStore

/// The demo plant's last 120 days: about ten cars a day per model, each inspected, the new cars
/// at the distribution centers among them, and one defect code rising this week (PROD-2).
struct DemoProductionLoader {
    let services: AppServices

    func load(unitIDs: [String: Int], today: String = Clock.today()) async throws {
        guard let plant = unitIDs["PLANT-TO"] else { return }
        let seed = ProductionSeed(db: services.db)
        let models = try await services.catalog.models(scope: .everything)
        let modelIndex = Dictionary(uniqueKeysWithValues: DemoCatalog.all.enumerated().compactMap { i, m in models.first { $0.code == m.input.code }.map { ($0.id, i) } })
        // the hub cars were built here in the last weeks
        let hubs = DemoNetwork.units.filter { $0.kind == .distributionCenter }.compactMap { unitIDs[$0.code] }
        var builds: [ProductionSeed.Build] = []
        var n = 0
        for r in try await services.db.sql.raw("SELECT vin, model_id FROM vehicles WHERE org_unit_id IN \(SQLBind.group(hubs.isEmpty ? [0] : hubs)) ORDER BY id").all() {
            let model = try r.decode(column: "model_id", as: Int.self), age = 20 + n % 40
            builds.append(.init(vin: try r.decode(column: "vin", as: String.self), modelID: model, day: CalendarDay.adding(-age, to: today),
                                defects: DemoQuality.defects(model: modelIndex[model] ?? 0, age: age, n: n)))
            n += 1
        }
        for age in 0..<120 {
            for m in models {
                guard let index = modelIndex[m.id], let demo = DemoCatalog.all.first(where: { $0.input.code == m.code }) else { continue }
                for k in 0..<(8 + (age + index) % 5) {
                    let serial = 700_000 + age * 100 + index * 20 + k
                    builds.append(.init(vin: DemoStock.vin(descriptor: demo.input.vinDescriptor, trim: k % 3, engine: k % 2, year: 2026, serial: serial), modelID: m.id,
                                        day: CalendarDay.adding(-age, to: today), defects: DemoQuality.defects(model: index, age: age, n: k)))
                }
            }
        }
        try await seed.builds(builds, plantID: plant)
        try await services.defectAlerts.evaluate(today: today)
    }
}
