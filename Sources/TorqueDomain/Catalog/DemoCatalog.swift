/// The demo OEM's catalog: six Torque Motors models with trims, engines, colours, options,
/// accessories, packages and rules, priced by two price lists (fixed data, like DemoNetwork).
public enum DemoCatalog {
    public struct Model: Sendable {
        public var input: CatalogModelInput
        public var items: [CatalogItem]
        public var rules: [CompatibilityRule]
        /// Prices of the first list in minor units, by item code.
        public var prices: [String: Int]
    }

    /// The first list runs from January to June 2026; the second, 3 % dearer, from July on.
    public static let firstList = PricePeriod(from: "2026-01-01", to: "2026-07-01")
    public static let secondList = PricePeriod(from: "2026-07-01", to: "")

    /// Second-list price: 3 % more, rounded to whole tens of euros.
    public static func raised(_ minor: Int) -> Int { (minor * 103 / 100 + 500) / 1000 * 1000 }

    // (code, name, body, VIN descriptor, base price in euros, character: city/family/suv/sport)
    static let models: [(String, String, String, String, Int, String)] = [
        ("ARIA", "Aria", "Hatchback 5 doors", "A1", 16_900, "city"),
        ("BRIO", "Brio", "Hatchback 5 doors", "B2", 21_500, "family"),
        ("DAMA", "Dama", "Compact SUV", "D3", 27_400, "suv"),
        ("ESTRO", "Estro", "Mid-size SUV", "E4", 36_900, "suv"),
        ("FURIA", "Furia", "Coupé 2+2", "F5", 48_500, "sport"),
        ("GALA", "Gala", "Estate", "G6", 31_200, "family"),
    ]

    static let colours: [(String, String, String, Int)] = [
        ("WHITE", "Bianco Gelo", "solid", 0), ("BLACK", "Nero Notte", "metallic", 750), ("RED", "Rosso Torino", "tri-coat", 1_200),
        ("GREY", "Grigio Asfalto", "metallic", 750), ("BLUE", "Blu Adriatico", "metallic", 750),
    ]

    // Options and accessories: code, name, kind, price in euros, which characters offer it.
    static let extras: [(String, String, CatalogItemKind, Int, String)] = [
        ("NAV", "Navigation 10\"", .option, 900, "city family suv sport"),
        ("CAM", "Rear camera", .option, 450, "city family suv sport"),
        ("PARK", "Front and rear parking sensors", .option, 550, "city family suv sport"),
        ("ACC", "Adaptive cruise control", .option, 1_100, "family suv sport"),
        ("LKA", "Lane keeping assist", .option, 600, "family suv sport"),
        ("BSM", "Blind-spot monitor", .option, 500, "family suv sport"),
        ("HUD", "Head-up display", .option, 800, "suv sport"),
        ("LED", "Matrix LED headlights", .option, 1_300, "family suv sport"),
        ("ROOF", "Panoramic glass roof", .option, 1_400, "family suv"),
        ("SUN", "Electric sunroof", .option, 950, "city sport"),
        ("HEATSEAT", "Heated front seats", .option, 400, "city family suv sport"),
        ("VENTSEAT", "Ventilated front seats", .option, 700, "suv sport"),
        ("LEATHER", "Leather upholstery", .option, 1_800, "family suv sport"),
        ("SPORTSEAT", "Sport bucket seats", .option, 1_500, "sport"),
        ("AUDIO", "Premium audio 12 speakers", .option, 1_100, "family suv sport"),
        ("WLC", "Wireless phone charger", .option, 250, "city family suv sport"),
        ("KEYLESS", "Keyless entry and start", .option, 450, "city family suv sport"),
        ("TOW", "Tow hitch, retractable", .option, 900, "family suv"),
        ("AWD", "All-wheel drive", .option, 2_200, "suv"),
        ("AIRSUSP", "Air suspension", .option, 2_400, "suv"),
        ("ADAPTDAMP", "Adaptive dampers", .option, 1_200, "sport"),
        ("CERAMIC", "Carbon-ceramic brakes", .option, 6_500, "sport"),
        ("EXHAUST", "Sport exhaust", .option, 1_600, "sport"),
        ("WHEEL17", "17\" alloy wheels", .option, 600, "city family"),
        ("WHEEL19", "19\" alloy wheels", .option, 1_100, "suv sport family"),
        ("WHEEL20", "20\" forged wheels", .option, 2_300, "suv sport"),
        ("SPARE", "Space-saver spare wheel", .option, 150, "city family suv"),
        ("TINT", "Privacy glass", .option, 350, "family suv"),
        ("HEATWHEEL", "Heated steering wheel", .option, 250, "city family suv sport"),
        ("HEATPUMP", "Heat pump (EV)", .option, 900, "city family suv"),
        ("CHARGE22", "22 kW on-board charger (EV)", .option, 700, "city family suv"),
        ("RAILS", "Roof rails", .accessory, 350, "family suv"),
        ("ROOFBOX", "Roof box 420 l", .accessory, 690, "family suv"),
        ("BIKE", "Bike carrier for tow hitch", .accessory, 480, "family suv"),
        ("MATS", "All-weather floor mats", .accessory, 120, "city family suv sport"),
        ("BOOTLINER", "Boot liner", .accessory, 90, "city family suv"),
        ("DASHCAM", "Dash camera", .accessory, 260, "city family suv sport"),
        ("CHILD", "Child seat ISOFIX i-Size", .accessory, 390, "city family suv"),
        ("DOG", "Dog guard", .accessory, 220, "family suv"),
        ("WALLBOX", "Home wallbox 11 kW", .accessory, 890, "city family suv"),
        ("SNOW", "Snow chains", .accessory, 160, "city family suv"),
        ("COVER", "Indoor car cover", .accessory, 310, "sport"),
    ]

    public static let all: [Model] = models.map(build)

    static func build(_ m: (code: String, name: String, body: String, vds: String, base: Int, character: String)) -> Model {
        var items: [CatalogItem] = []
        var prices: [String: Int] = [:]
        func add(_ code: String, _ name: String, _ kind: CatalogItemKind, _ euros: Int, _ detail: String = "") {
            items.append(CatalogItem(code: code, name: name, kind: kind, detail: detail))
            prices[code] = euros * 100
        }
        let sport = m.character == "sport"
        add("BASE", sport ? "GT" : "Essenziale", .trim, m.base)
        add("STYLE", sport ? "GTS" : "Stile", .trim, m.base + (sport ? 6_000 : 2_400))
        add("TOP", sport ? "Corsa" : "Lusso", .trim, m.base + (sport ? 14_000 : 5_200))
        add("P12", sport ? "2.0 Turbo 221 kW" : "1.2 Turbo 74 kW", .engine, 0, sport ? "petrol, 300 hp" : "petrol, 100 hp")
        add("D16", sport ? "3.0 V6 287 kW" : "1.6 Diesel 96 kW", .engine, sport ? 9_000 : 1_900, sport ? "petrol, 390 hp" : "diesel, 130 hp")
        add("EV", sport ? "Elettrica 300 kW" : "Elettrica 115 kW", .engine, sport ? 12_000 : 7_500, "battery electric")
        for (code, name, detail, euros) in colours { add(code, name, .colour, euros, detail) }
        add("PKWINTER", "Winter package", .package, 650, "heated seats and steering wheel")
        add("PKTECH", "Technology package", .package, 1_900, "navigation, camera, wireless charger")
        for (code, name, kind, euros, offered) in extras where offered.contains(m.character) { add(code, name, kind, euros) }
        let has = Set(items.map(\.code))
        var rules: [CompatibilityRule] = [
            CompatibilityRule(.includes, "PKWINTER", ["HEATSEAT", "HEATWHEEL"].filter(has.contains)),
            CompatibilityRule(.includes, "PKTECH", ["NAV", "CAM", "WLC"]),
            CompatibilityRule(.includes, "TOP", ["PKTECH"]),
            CompatibilityRule(.includes, "STYLE", ["WLC"]),
            CompatibilityRule(.requires, "HEATPUMP", ["EV"]),
            CompatibilityRule(.requires, "CHARGE22", ["EV"]),
            CompatibilityRule(.requires, "WALLBOX", ["EV"]),
            CompatibilityRule(.requires, "VENTSEAT", ["LEATHER"]),
            CompatibilityRule(.requires, "LEATHER", ["STYLE", "TOP"]),
            CompatibilityRule(.requires, "ACC", ["CAM"]),
            CompatibilityRule(.requires, "HUD", ["NAV"]),
            CompatibilityRule(.excludes, "ROOF", ["RAILS", "SUN", "ROOFBOX"]),
            CompatibilityRule(.requires, "ROOFBOX", ["RAILS"]),
            CompatibilityRule(.requires, "BIKE", ["TOW"]),
            CompatibilityRule(.requires, "TOW", ["P12", "D16"]),
            CompatibilityRule(.excludes, "EV", ["SPARE", "EXHAUST"]),
            CompatibilityRule(.requires, "AIRSUSP", ["AWD"]),
            CompatibilityRule(.requires, "WHEEL20", ["TOP"]),
            CompatibilityRule(.excludes, "WHEEL17", ["TOP"]),
            CompatibilityRule(.requires, "CERAMIC", ["WHEEL20"]),
            CompatibilityRule(.requires, "SPORTSEAT", ["STYLE", "TOP"]),
            CompatibilityRule(.excludes, "SPORTSEAT", ["VENTSEAT"]),
            CompatibilityRule(.requires, "ADAPTDAMP", ["STYLE", "TOP"]),
            CompatibilityRule(.excludes, "WHEEL19", ["WHEEL17", "WHEEL20"]),
        ]
        // Keep the rules whose items this model has.
        rules = rules.compactMap { rule in
            guard has.contains(rule.subject) else { return nil }
            let targets = rule.targets.filter(has.contains)
            return targets.isEmpty ? nil : CompatibilityRule(rule.kind, rule.subject, targets)
        }
        let input = CatalogModelInput(code: m.code, make: "Torque Motors", name: m.name, modelYear: 2026, bodyStyle: m.body, vinDescriptor: m.vds)
        return Model(input: input, items: items, rules: rules, prices: prices)
    }

    /// A deterministic, valid build of `model` for demo stock: the `n`-th variation.
    public static func sampleBuild(_ model: Model, n: Int) -> Build {
        let catalog = ModelCatalog(items: model.items.map { var i = $0; i.price = model.prices[$0.code]; return i }, rules: model.rules)
        let pick: (CatalogItemKind, Int) -> String = { kind, k in
            let codes = model.items.filter { $0.kind == kind }.map(\.code)
            return codes[k % codes.count]
        }
        var build = Build(trim: pick(.trim, n), engine: pick(.engine, n / 3), colour: pick(.colour, n * 7 / 5))
        let optional = model.items.filter { !$0.kind.isSingleChoice }.map(\.code)
        for step in 0..<(n % 4) {
            let code = optional[(n * 5 + step * 11) % optional.count]
            let proposal = catalog.propose(adding: code, to: build, on: secondList.from)
            if proposal.isValid { build = proposal.build }
        }
        return build
    }
}
