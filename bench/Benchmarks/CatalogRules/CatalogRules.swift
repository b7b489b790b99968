import Benchmark
import TorqueDomain

/// Issue 5's domain goal: validating a build with 200 options against 500 rules in under 1 ms.
/// Run with `TORQUE_BENCHMARKS=1 swift package --scratch-path .build-bench benchmark`.
let benchmarks: @Sendable () -> Void = {
    // 200 options; the build takes the 100 even ones. Rules: even options require other even
    // ones (met) and exclude odd ones (absent), odd options carry rules of their own (not in
    // the build, so only looked up): a valid build that every rule is checked against.
    var items = [CatalogItem(code: "T", name: "Trim", kind: .trim, price: 2_500_000), CatalogItem(code: "E", name: "Engine", kind: .engine, price: 0),
                 CatalogItem(code: "C", name: "Colour", kind: .colour, price: 50_000)]
    items += (0..<200).map { CatalogItem(code: "O\($0)", name: "Option \($0)", kind: .option, price: 10_000 + $0 * 100) }
    var rules: [CompatibilityRule] = []
    for i in 0..<500 {
        let subject = (i * 2) % 200
        switch i % 5 {
        case 0, 1: rules.append(CompatibilityRule(.requires, "O\(subject)", ["O\((subject + 2 * (i % 7 + 1)) % 200)"]))
        case 2, 3: rules.append(CompatibilityRule(.excludes, "O\(subject)", ["O\((subject + 2 * (i % 9) + 1) % 200)"]))
        default: rules.append(CompatibilityRule(.requires, "O\(subject + 1)", ["O\((subject + 3) % 200)"]))
        }
    }
    let catalog = ModelCatalog(items: items, rules: rules)
    let valid = Build(trim: "T", engine: "E", colour: "C", options: Set(stride(from: 0, to: 200, by: 2).map { "O\($0)" }))
    let everything = Build(trim: "T", engine: "E", colour: "C", options: Set((0..<200).map { "O\($0)" }))
    precondition(catalog.validate(valid, on: "2027-01-01").isEmpty, "the benchmark build must be valid")

    let config = Benchmark.Configuration(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3))
    Benchmark("Validate a valid build: 100 of 200 options, 500 rules", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(catalog.validate(valid, on: "2027-01-01")) }
    }
    Benchmark("Validate and explain a build with every option (many failures)", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(catalog.validate(everything, on: "2027-01-01")) }
    }
    Benchmark("Price a build: 100 options", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(catalog.price(valid)) }
    }
    Benchmark("Nearest valid build after adding an odd option", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(catalog.propose(adding: "O101", to: valid, on: "2027-01-01")) }
    }
    Benchmark("Contradiction check of the 500 rules", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(RuleSetCheck.problems(items: items, rules: rules)) }
    }
}
