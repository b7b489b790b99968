import TorqueDomain
import XCTest

/// Months, targets and forecast arithmetic (SALES-3), with plain values.
final class SalesForecastTests: XCTestCase {
    func testMonthsRollOverTheYear() {
        XCTAssertEqual(SalesMonth.adding(2, to: "2026-11"), "2027-01")
        XCTAssertEqual(SalesMonth.adding(-11, to: "2026-11"), "2025-12")
        XCTAssertEqual(SalesMonth.days("2026-12").next, "2027-01-01")
        XCTAssertNil(SalesMonth.parse("2026-13"))
        XCTAssertNil(SalesMonth.parse("26-11"))
        XCTAssertEqual(SalesMonth.of(day: "2026-11-25"), "2026-11")
    }

    func testForecastIsWonPlusWeightedPipelineAgainstTarget() {
        var f = ForecastFigures()
        f.addWon(count: 2, revenueMinor: 5_000_000)
        f.addOpen(count: 3, valueMinor: 9_000_000, probability: 40)
        f.addOpen(count: 1, valueMinor: 3_000_000, probability: 80)
        XCTAssertEqual(f.weightedUnitsHundredths, 200, "3 × 40 % + 1 × 80 % = 2 cars")
        XCTAssertEqual(f.forecastUnitsHundredths, 400)
        XCTAssertEqual(f.forecastRevenueMinor, 5_000_000 + 3_600_000 + 2_400_000)
        XCTAssertNil(f.revenueAttainment, "no target, no percentage")
        f.targetRevenueMinor = 12_000_000
        f.targetUnits = 5
        XCTAssertEqual(f.revenueAttainment, 92)
        XCTAssertEqual(f.unitsAttainment, 80)
        XCTAssertEqual(ForecastFigures.unitsText(140), "1.4")
        XCTAssertEqual(ForecastFigures.unitsText(1_005), "10.1")
        var sum = ForecastFigures()
        sum.add(f)
        sum.add(ForecastFigures())
        XCTAssertEqual(sum.targetUnits, 5, "a line without a target adds nothing to it")
    }

    func testTargetsAreChecked() {
        XCTAssertEqual(SalesTarget(orgUnitId: 1, userId: nil, month: "2026-11", units: 5, revenueMinor: 1).problems, [:])
        XCTAssertEqual(SalesTarget(orgUnitId: 1, userId: nil, month: "Nov", units: -1, revenueMinor: -5).problems.keys.sorted(), ["month", "revenue_minor", "units"])
    }
}
