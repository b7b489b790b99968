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
        // New cars at the distribution centers, for dealers' orders (DIST-2).
        for (index, hub) in DemoNetwork.units.filter({ $0.kind == .distributionCenter }).enumerated() {
            guard let unitID = unitIDs[hub.code] else { continue }
            try await seed.vehicles(DemoDistribution.hubUnits(hub: index, models: DemoCatalog.all, daysAgo: daysAgo).map { item in
                var input = item.input
                input.modelId = modelIDs[item.model]
                return input
            }, currency: "EUR", unitID: unitID)
        }
        // Two years of monthly sales per dealer and model, before this month (DIST-5, PROD-3).
        var history: [SalesHistoryStore.Row] = []
        let thisMonth = String(today.prefix(7))
        for (d, dealer) in dealers.enumerated() {
            guard let unitID = unitIDs[dealer.code] else { continue }
            for (m, model) in DemoCatalog.all.enumerated() {
                guard let modelID = modelIDs[model.input.code] else { continue }
                for age in 1...24 {
                    let month = SalesMonth.adding(-age, to: thisMonth)
                    history.append(.init(unitID: unitID, modelID: modelID, month: month,
                                         units: DemoDistribution.monthlySales(dealer: d, model: m, calendarMonth: Int(month.suffix(2))!, age: age)))
                }
            }
        }
        try await services.salesHistory.seed(history)
    }
}
