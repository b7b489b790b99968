import TorqueDomain
import XCTest

/// CAT-2/3: validating, pricing and repairing builds with a small hand-made catalog.
final class CatalogRuleTests: XCTestCase {
    let day = "2027-03-15"
    lazy var catalog = ModelCatalog(items: [
        CatalogItem(code: "BASE", name: "Base", kind: .trim, price: 2_500_000),
        CatalogItem(code: "SPORT", name: "Sport", kind: .trim, price: 2_900_000),
        CatalogItem(code: "E15", name: "1.5 TSI", kind: .engine, price: 0),
        CatalogItem(code: "E20D", name: "2.0 TDI", kind: .engine, price: 250_000),
        CatalogItem(code: "WHITE", name: "Glacier White", kind: .colour, price: 0),
        CatalogItem(code: "RED", name: "Kings Red", kind: .colour, price: 65_000),
        CatalogItem(code: "TOW", name: "Tow hitch", kind: .option, price: 90_000),
        CatalogItem(code: "ROOF", name: "Panoramic roof", kind: .option, price: 120_000),
        CatalogItem(code: "RAILS", name: "Roof rails", kind: .accessory, price: 30_000),
        CatalogItem(code: "WINTER", name: "Winter package", kind: .package, price: 70_000),
        CatalogItem(code: "HEATSEAT", name: "Heated seats", kind: .option, price: 40_000),
        CatalogItem(code: "OLD", name: "CD changer", kind: .option, price: 10_000, availableTo: "2027-01-01"),
        CatalogItem(code: "NOPRICE", name: "Night vision", kind: .option, price: nil),
    ], rules: [
        CompatibilityRule(.requires, "TOW", ["E20D"]),
        CompatibilityRule(.excludes, "ROOF", ["RAILS"]),
        CompatibilityRule(.includes, "SPORT", ["WINTER"]),
        CompatibilityRule(.includes, "WINTER", ["HEATSEAT"]),
        CompatibilityRule(.requires, "RAILS", ["BASE", "SPORT"]),
    ])

    func testAValidBuildIsPricedWithIncludedItemsAtZero() {
        let build = Build(trim: "SPORT", engine: "E20D", colour: "RED", options: ["TOW", "HEATSEAT"])
        XCTAssertEqual(catalog.validate(build, on: day), [])
        let price = catalog.price(build)
        XCTAssertEqual(price.total, 2_900_000 + 250_000 + 65_000 + 90_000, "heated seats come with the winter package of the Sport trim")
        XCTAssertEqual(price.lines.filter(\.included).map(\.code).sorted(), ["HEATSEAT", "WINTER"])
    }

    func testFailuresExplainThemselves() {
        let build = Build(trim: "BASE", engine: "E15", colour: "", options: ["TOW", "ROOF", "RAILS", "OLD", "NOPRICE"])
        let messages = catalog.validate(build, on: day).map(\.message)
        XCTAssertTrue(messages.contains("Choose a colour."), "\(messages)")
        XCTAssertTrue(messages.contains("Tow hitch requires the 2.0 TDI engine."), "\(messages)")
        XCTAssertTrue(messages.contains("Panoramic roof cannot be combined with Roof rails."), "\(messages)")
        XCTAssertTrue(messages.contains("CD changer cannot be ordered on 2027-03-15."), "\(messages)")
        XCTAssertTrue(messages.contains("Night vision has no price in the list in force."), "\(messages)")
        XCTAssertEqual(messages.count, 5)
    }

    func testAddingAnOptionPullsInWhatItRequiresAndDropsWhatClashes() {
        let start = Build(trim: "BASE", engine: "E15", colour: "WHITE", options: ["RAILS"])
        let tow = catalog.propose(adding: "TOW", to: start, on: day)
        XCTAssertTrue(tow.isValid, "\(tow.failures)")
        XCTAssertEqual(tow.build.engine, "E20D")
        XCTAssertEqual(tow.added.map(\.code), ["E20D"])
        XCTAssertEqual(tow.added.first?.reason, "Tow hitch requires it")
        XCTAssertEqual(tow.removed.map(\.code), ["E15"])

        let roof = catalog.propose(adding: "ROOF", to: start, on: day)
        XCTAssertTrue(roof.isValid)
        XCTAssertEqual(roof.removed, [.init(code: "RAILS", reason: "it cannot be combined with Panoramic roof")])
        XCTAssertEqual(roof.build.options, ["ROOF"])
    }

    func testChangingTheEngineDropsOptionsThatNeededTheOldOne() {
        let start = Build(trim: "BASE", engine: "E20D", colour: "WHITE", options: ["TOW"])
        let petrol = catalog.propose(adding: "E15", to: start, on: day)
        XCTAssertTrue(petrol.isValid, "\(petrol.failures)")
        XCTAssertEqual(petrol.build.options, [])
        XCTAssertEqual(petrol.removed.map(\.code), ["E20D", "TOW"])
        XCTAssertEqual(petrol.removed.last?.reason, "it requires the 2.0 TDI engine")
    }

    func testContradictoryRulesAreRefusedWithTheChainShown() {
        let items = catalog.items.values.map { $0 }
        XCTAssertEqual(RuleSetCheck.problems(items: items, rules: catalog.rules), [])
        let cycle = catalog.rules + [CompatibilityRule(.requires, "E20D", ["SPORT"]), CompatibilityRule(.excludes, "WINTER", ["TOW"])]
        let problems = RuleSetCheck.problems(items: items, rules: cycle)
        XCTAssertTrue(problems.contains { $0.message == "Tow hitch can never be chosen: Tow hitch → requires 2.0 TDI → requires Sport → includes Winter package → excludes Tow hitch." }, "\(problems.map(\.message))")
        let twoEngines = catalog.rules + [CompatibilityRule(.requires, "ROOF", ["E15"]), CompatibilityRule(.requires, "ROOF", ["TOW"])]
        XCTAssertTrue(RuleSetCheck.problems(items: items, rules: twoEngines).contains { $0.message.contains("Panoramic roof can never be chosen: it needs two engines") })
        XCTAssertEqual(RuleSetCheck.problems(items: items, rules: [CompatibilityRule(.requires, "TOW", ["NOPE"])]).map(\.message), ["Tow hitch requires NOPE: no such item in this model."])
        XCTAssertEqual(RuleSetCheck.problems(items: items, rules: [CompatibilityRule(.includes, "WINTER", ["E15"])]).count, 1, "an engine cannot come included")
    }

    func testValidatingTwoHundredOptionsAgainstFiveHundredRulesIsQuick() {
        var items = [CatalogItem(code: "T", name: "T", kind: .trim, price: 1), CatalogItem(code: "E", name: "E", kind: .engine, price: 1), CatalogItem(code: "C", name: "C", kind: .colour, price: 1)]
        items += (0..<200).map { CatalogItem(code: "O\($0)", name: "Option \($0)", kind: .option, price: 100) }
        let rules = (0..<500).map { i in CompatibilityRule(i % 2 == 0 ? .requires : .excludes, "O\(i % 200)", ["O\((i * 7 + 1) % 200)"]) }
        let big = ModelCatalog(items: items, rules: rules)
        let build = Build(trim: "T", engine: "E", colour: "C", options: Set((0..<200).map { "O\($0)" }))
        XCTAssertFalse(big.validate(build, on: day).isEmpty, "every option chosen: the excludes rules fail")
    }
}

extension CatalogRuleTests {
    func testTheProposalReportsOnlyTheNetChange() {
        let small = ModelCatalog(items: [
            CatalogItem(code: "T", name: "T", kind: .trim, price: 1), CatalogItem(code: "C", name: "C", kind: .colour, price: 1),
            CatalogItem(code: "E1", name: "Petrol", kind: .engine, price: 1), CatalogItem(code: "E2", name: "Diesel", kind: .engine, price: 2),
            CatalogItem(code: "TOW", name: "Tow hitch", kind: .option, price: 1), CatalogItem(code: "BIKE", name: "Bike carrier", kind: .accessory, price: 1),
        ], rules: [CompatibilityRule(.requires, "TOW", ["E2"]), CompatibilityRule(.requires, "BIKE", ["TOW"])])
        // The tow hitch is there already, wrongly with the petrol engine; the bike carrier needs it.
        let bike = small.propose(adding: "BIKE", to: Build(trim: "T", engine: "E1", colour: "C", options: ["TOW"]), on: day)
        XCTAssertTrue(bike.isValid, "\(bike.failures)")
        XCTAssertEqual(bike.build, Build(trim: "T", engine: "E2", colour: "C", options: ["TOW", "BIKE"]))
        XCTAssertEqual(bike.added.map(\.code), ["E2"], "the hitch was dropped and put back: not a change")
        XCTAssertEqual(bike.removed.map(\.code), ["E1"])
    }

    func testEveryDemoModelHasAConsistentRuleSetAndValidSampleBuilds() {
        XCTAssertEqual(DemoCatalog.all.count, 6)
        XCTAssertGreaterThanOrEqual(DemoCatalog.all.map(\.rules.count).reduce(0, +), 60)
        XCTAssertGreaterThanOrEqual(Set(DemoCatalog.all.flatMap { $0.items.filter { $0.kind == .option || $0.kind == .accessory }.map(\.code) }).count, 40)
        for model in DemoCatalog.all {
            XCTAssertEqual(RuleSetCheck.problems(items: model.items, rules: model.rules), [], model.input.code)
            let catalog = ModelCatalog(items: model.items.map { var i = $0; i.price = model.prices[$0.code]; return i }, rules: model.rules)
            for n in 0..<40 {
                let build = DemoCatalog.sampleBuild(model, n: n)
                XCTAssertEqual(catalog.validate(build, on: "2026-08-01"), [], "\(model.input.code) #\(n)")
            }
        }
    }
}
