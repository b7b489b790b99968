import Foundation
import TorqueDomain
import TorqueStore

/// Loads the demo catalog (two price lists, imported through the real price-list import), about
/// 30 vehicles per dealer and parts stock per workshop.
struct DemoStockLoader {
    let services: AppServices

    func load(unitIDs: [String: Int], today: String = Clock.today()) async throws {
        guard let oem = unitIDs["OEM"] else { return }
        let seed = StockSeed(db: services.db)
        var modelIDs: [String: Int] = [:]
        for model in DemoCatalog.all {
            modelIDs[model.input.code] = try await seed.catalogModel(model.input, items: model.items, rules: model.rules, unitID: oem)
        }
        var rows: [PriceListRow] = []
        for model in DemoCatalog.all {
            for item in model.items {
                guard let minor = model.prices[item.code] else { continue }
                for (period, amount) in [(DemoCatalog.firstList, minor), (DemoCatalog.secondList, DemoCatalog.raised(minor))] {
                    rows.append(PriceListRow(rowNo: rows.count + 2, model: model.input.code, code: item.code, price: "\(amount / 100).\(String(format: "%02d", amount % 100))",
                                             validFrom: period.from, validTo: period.to))
                }
            }
        }
        let system = Actor(userID: nil, label: "demo data")
        _ = try await services.priceLists.importRows(rows, name: "Listino 2026", currency: "EUR", unitID: oem, scope: .everything, actor: system)

        let daysAgo: DemoStock.DaysAgo = { CalendarDay.adding(-$0, to: today) }
        let dealers = DemoNetwork.units.filter { $0.kind == .dealer }
        for (index, dealer) in dealers.enumerated() {
            guard let unitID = unitIDs[dealer.code] else { continue }
            let units = DemoStock.units(dealer: index, models: DemoCatalog.all, daysAgo: daysAgo).map { item -> VehicleInput in
                var input = item.input
                input.modelId = modelIDs[item.model]
                return input
            }
            try await seed.vehicles(units, currency: "EUR", unitID: unitID)
            if let workshop = unitIDs["W-" + dealer.code.dropFirst(2)] {
                try await seed.parts(DemoStock.parts(workshop: index), currency: "EUR", unitID: workshop)
            }
        }
    }
}
