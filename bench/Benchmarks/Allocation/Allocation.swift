import Benchmark
import TorqueDomain

/// Issue 8's goal: allocating 10,000 orders against a network stock of 100,000 units across 20
/// hubs in under 2 s. Run with
/// `TORQUE_BENCHMARKS=1 swift package --scratch-path .build-bench benchmark --target Allocation`.
let benchmarks: @Sendable () -> Void = {
    var seed = 11
    func next(_ n: Int) -> Int { seed = (seed &* 1_103_515_245 &+ 12_345) & 0x7fff_ffff; return (seed >> 16) % n }
    let models = ["DAMA", "BRIO", "ARIA", "VELA", "ROCCA", "LUNA", "FARO", "ONDA"]
    let trims = ["BASE", "PLUS", "TOP"], engines = ["P12", "D16", "EV"], colours = ["WHITE", "BLACK", "RED", "BLUE", "GREY", "GREEN"]
    let options = ["ROOF", "NAV", "TOW", "CAM", "HEAT"]
    let prices = ["ROOF": 1_200_00, "NAV": 900_00, "TOW": 300_00, "CAM": 400_00, "HEAT": 350_00]
    func build() -> Build {
        Build(trim: trims[next(3)], engine: engines[next(3)], colour: colours[next(6)], options: Set(options.filter { _ in next(2) == 0 }))
    }
    // 20 hubs over Italy; every build of every model can occur (the hardest case for the engine).
    let hubs = (1...20).map { Hub(id: $0, name: "Hub \($0)", latitude: 38 + Double(next(800)) / 100, longitude: 7.5 + Double(next(900)) / 100) }
    let units = (1...100_000).map { HubUnit(vehicleId: $0, vin: "VIN\($0)", hubId: 1 + next(20), model: models[next(8)], build: build()) }
    let requests = (1...10_000).map { i in
        AllocationRequest(orderLineId: i, dealerLatitude: 38 + Double(next(800)) / 100, dealerLongitude: 7.5 + Double(next(900)) / 100, regionalHubId: 1 + next(20),
                          model: models[next(8)], build: build())
    }
    let config = Benchmark.Configuration(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(20), maxIterations: 5)
    Benchmark("Allocate 10,000 orders, 100,000 units, 20 hubs", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(AllocationEngine.allocate(requests, units: units, hubs: hubs, optionPrices: prices)) }
    }
}
