/// Demo data of the manufacturer side: new cars waiting at the distribution centers and two
/// years of monthly sales per dealer and model (what planning learns from). Deterministic.
public enum DemoDistribution {
    /// 40 new units at the `hub`-th distribution center (0-based), of every model, in stock.
    public static func hubUnits(hub: Int, models: [DemoCatalog.Model], daysAgo: DemoStock.DaysAgo) -> [(model: String, input: VehicleInput)] {
        (0..<40).map { n in
            let model = models[(hub + n) % models.count]
            let build = DemoCatalog.sampleBuild(model, n: 200 + hub * 13 + n / models.count)
            let catalog = ModelCatalog(items: model.items.map { var i = $0; i.price = model.prices[$0.code].map(DemoCatalog.raised); return i }, rules: model.rules)
            let price = catalog.price(build).total
            let trims = model.items.filter { $0.kind == .trim }.map(\.code), engines = model.items.filter { $0.kind == .engine }.map(\.code)
            let vin = DemoStock.vin(descriptor: model.input.vinDescriptor, trim: trims.firstIndex(of: build.trim) ?? 0, engine: engines.firstIndex(of: build.engine) ?? 0,
                                    year: 2026, serial: 500_000 + hub * 1_000 + n)
            return (model.input.code, VehicleInput(vin: vin, make: model.input.make, modelName: model.input.name, modelYear: 2026, build: build, status: .inStock, kind: .new,
                                                   location: "Compound row \(n / 10 + 1)", costMinor: price * 80 / 100, priceMinor: price, mileageKm: 0, plate: "",
                                                   inStockSince: daysAgo((n * 13 + hub * 7) % 60)))
        }
    }

    /// Units a dealer sold of a model in a month (`age` months ago, 1 = last month): a level per
    /// dealer and model, a seasonal swing (spring and autumn strong, August weak) and a little
    /// noise, so a forecast has something to learn and something to miss.
    public static func monthlySales(dealer: Int, model: Int, calendarMonth: Int, age: Int) -> Int {
        let level = 3 + (dealer * 7 + model * 5) % 9
        let season = [0.9, 0.95, 1.2, 1.25, 1.15, 1.05, 0.9, 0.55, 1.1, 1.15, 1.0, 0.85][(calendarMonth - 1) % 12]
        let noise = Double((dealer * 31 + model * 17 + age * 13) % 7 - 3) * 0.05
        let trend = 1 + Double(24 - age) * 0.004
        return max(0, Int((Double(level) * season * trend * (1 + noise)).rounded()))
    }
}
