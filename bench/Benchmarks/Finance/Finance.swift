import Benchmark
import TorqueDomain

/// Issue 6's domain goal: a million finance calculations a second (a quote page recomputes
/// payments for every term a customer asks about). Run with
/// `TORQUE_BENCHMARKS=1 swift package --scratch-path .build-bench benchmark --target Finance`.
let benchmarks: @Sendable () -> Void = {
    let rate = Percentage(percent: "5.99")!
    let loan = FinanceTerms(kind: .loan, priceMinor: 3_150_000, downPaymentMinor: 300_000, tradeInMinor: 450_000, feesMinor: 50_000, rate: rate, termMonths: 60)
    let lease = FinanceTerms(kind: .lease, priceMinor: 3_150_000, rate: rate, termMonths: 36, residualMinor: 1_700_000, kmPerYear: 15_000, paymentTax: Percentage(percent: "8.25")!)
    let config = Benchmark.Configuration(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3))
    Benchmark("Loan payment (60 months), no schedule", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Finance.calculate(loan, schedule: false)) }
    }
    Benchmark("Level payment alone", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Finance.levelPayment(principal: 2_450_000, rate: rate, months: 60)) }
    }
    Benchmark("Loan with its 60-month schedule", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Finance.calculate(loan)) }
    }
    Benchmark("Lease (36 months) with tax", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Finance.calculate(lease, schedule: false)) }
    }
}
