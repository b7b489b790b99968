/// Demo stock for each dealer and parts for each workshop: deterministic, believable, with VINs
/// of the demo OEM (WMI ZTM) that pass the check digit.
public enum DemoStock {
    /// Year codes of VIN position 10 for 2022…2026.
    static let yearCode: [Int: Character] = [2022: "N", 2023: "P", 2024: "R", 2025: "S", 2026: "T"]

    /// A demo VIN: ZTM + model descriptor + trim and engine letters + check digit + year + plant T + serial.
    public static func vin(descriptor: String, trim: Int, engine: Int, year: Int, serial: Int) -> String {
        let body = "ZTM" + descriptor + String(Array("ABC")[trim % 3]) + String(Array("PDE")[engine % 3]) + "0" + "0"
            + String(yearCode[year] ?? "T") + "T" + String(100_000 + serial % 900_000)
        return VIN.withCheckDigit(body).value
    }

    /// `days` → an ISO day that many days before `today` (days in stock).
    public typealias DaysAgo = (Int) -> String

    /// About 30 units for the `dealer`-th dealer (0-based): mostly new in stock, some on the
    /// way, a few sold, km-zero, demo, used and company cars.
    public static func units(dealer: Int, models: [DemoCatalog.Model], daysAgo: DaysAgo) -> [(model: String, input: VehicleInput)] {
        var out: [(String, VehicleInput)] = []
        for n in 0..<30 {
            let model = models[(dealer + n) % models.count]
            let build = DemoCatalog.sampleBuild(model, n: dealer * 7 + n)
            let catalog = ModelCatalog(items: model.items.map { var i = $0; i.price = model.prices[$0.code].map(DemoCatalog.raised); return i }, rules: model.rules)
            let price = catalog.price(build).total
            let trims = model.items.filter { $0.kind == .trim }.map(\.code), engines = model.items.filter { $0.kind == .engine }.map(\.code)
            let kind: VehicleKind = [26: .kmZero, 27: .kmZero, 28: .demo, 29: .used, 25: .used, 24: .company][n] ?? .new
            let status: VehicleStatus = n < 20 ? .inStock : (n < 23 ? .inTransit : (n < 25 ? .sold : .inStock))
            let year = kind == .used ? 2022 + n % 3 : 2026
            let mileage = kind == .used ? 18_000 + n * 2_350 : (kind == .new ? 0 : (kind == .kmZero ? 12 : 4_800))
            let vin = vin(descriptor: model.input.vinDescriptor, trim: trims.firstIndex(of: build.trim) ?? 0,
                          engine: engines.firstIndex(of: build.engine) ?? 0, year: year, serial: dealer * 1_000 + n)
            let sinceDays = (n * 37 + dealer * 11) % 210
            let discount = kind == .new ? 100 : (kind == .used ? 62 : 88)
            var input = VehicleInput(vin: vin, make: model.input.make, modelName: model.input.name, modelYear: year, build: build,
                                     status: status, kind: kind, location: ["Showroom", "Yard A", "Yard B"][n % 3],
                                     costMinor: price * discount / 100 * 86 / 100, priceMinor: price * discount / 100 / 1000 * 1000,
                                     mileageKm: mileage, plate: kind == .new || kind == .kmZero && n == 26 ? "" : plate(dealer: dealer, n: n),
                                     inStockSince: status == .inTransit ? nil : daysAgo(status == .sold ? sinceDays % 25 : sinceDays))
            if kind == .used { input.description = "Trade-in, one owner, service book complete" }
            out.append((model.input.code, input))
        }
        return out
    }

    /// An Italian-format plate (two letters, three digits, two letters).
    static func plate(dealer: Int, n: Int) -> String {
        let letters = Array("ABCDEFGHJKLMNPRSTVWXYZ")
        return "G" + String(letters[dealer % letters.count]) + String(100 + (dealer * 31 + n * 17) % 900) + String(letters[n % letters.count]) + String(letters[(n * 3 + dealer) % letters.count])
    }

    /// Parts for a workshop: part number, name, kind, reorder point, cost and price in cents, quantity.
    public static func parts(workshop: Int) -> [(PartInput, Int)] {
        let list: [(String, String, PartKind, Int, Int, Int)] = [
            ("TM-OF-1200", "Oil filter 1.2 Turbo", .part, 10, 690, 1_450), ("TM-OF-1600", "Oil filter 1.6 Diesel", .part, 10, 780, 1_590),
            ("TM-AF-0100", "Air filter", .part, 8, 1_150, 2_490), ("TM-CF-0200", "Cabin pollen filter", .part, 8, 980, 2_190),
            ("TM-BP-F300", "Brake pads front", .part, 6, 3_400, 7_900), ("TM-BP-R300", "Brake pads rear", .part, 6, 2_900, 6_500),
            ("TM-BD-F320", "Brake disc front", .part, 4, 5_200, 11_900), ("TM-WB-0650", "Wiper blade 650 mm", .part, 12, 1_100, 2_400),
            ("TM-SP-0012", "Spark plug", .part, 16, 420, 990), ("TM-BT-0070", "Battery 70 Ah AGM", .part, 3, 9_800, 19_900),
            ("TM-BL-H7", "Bulb H7", .part, 10, 310, 790), ("TM-TB-1200", "Timing belt kit 1.2", .part, 2, 14_500, 28_900),
            ("TM-HV-COOL", "HV battery coolant 2 l", .supply, 4, 2_100, 4_400), ("SUP-OIL-5W30", "Engine oil 5W-30, litre", .supply, 40, 520, 1_350),
            ("SUP-ADB", "AdBlue 10 l", .supply, 6, 900, 1_990), ("SUP-WASH", "Screen wash 5 l", .supply, 10, 250, 690),
            ("SUP-BRAKEFL", "Brake fluid DOT 4, litre", .supply, 6, 640, 1_590), ("TM-ACC-MATS", "All-weather floor mats", .accessory, 4, 5_200, 12_000),
            ("TM-ACC-RAILS", "Roof rails", .accessory, 2, 16_000, 35_000), ("TM-ACC-DASHCAM", "Dash camera", .accessory, 3, 11_000, 26_000),
            ("TM-ACC-WALLBOX", "Home wallbox 11 kW", .accessory, 1, 52_000, 89_000), ("TM-ACC-CHILD", "Child seat ISOFIX i-Size", .accessory, 2, 18_000, 39_000),
        ]
        return list.enumerated().map { i, p in
            let quantity = (i * 7 + workshop * 5) % (p.3 * 3 + 1)
            return (PartInput(partNumber: p.0, name: p.1, kind: p.2, reorderPoint: p.3, unitCostMinor: p.4, priceMinor: p.5, bin: "R\(i / 6 + 1)-\(i % 6 + 1)"), quantity)
        }
    }
}
