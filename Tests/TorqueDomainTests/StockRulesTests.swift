import TorqueDomain
import XCTest

/// STOCK-1/3 rules with plain values: aging, bands, matching and distance.
final class StockRulesTests: XCTestCase {
    func testAgingBandsAndNetworkBands() {
        XCTAssertEqual(StockAging.band(days: 59), .fresh)
        XCTAssertEqual(StockAging.band(days: 60), .ageing)
        XCTAssertEqual(StockAging.band(days: 120), .old)
        let d120 = "2026-07-28", d30 = "2026-10-26"
        XCTAssertEqual(StockBand.of(status: .inStock, inStockSince: "2026-07-28", soldAt: nil, day120: d120, day30: d30), "old", "exactly 120 days")
        XCTAssertEqual(StockBand.of(status: .reserved, inStockSince: "2026-07-29", soldAt: nil, day120: d120, day30: d30), "")
        XCTAssertEqual(StockBand.of(status: .sold, inStockSince: "2026-01-01", soldAt: "2026-10-26T09:00:00Z", day120: d120, day30: d30), "recent")
        XCTAssertEqual(StockBand.of(status: .delivered, inStockSince: nil, soldAt: "2026-10-25T23:59:00Z", day120: d120, day30: d30), "")
        XCTAssertEqual(StockBand.of(status: .inTransit, inStockSince: "2020-01-01", soldAt: nil, day120: d120, day30: d30), "", "not in stock yet")
    }

    func testMatchScoresAndRanksByFitThenDistance() {
        let wanted = Build(trim: "TOP", engine: "EV", colour: "RED", options: ["ROOF", "NAV"])
        let exact = UnitMatch.score(vehicleID: 1, wanted: wanted, unit: Build(trim: "TOP", engine: "EV", colour: "RED", options: ["ROOF", "NAV", "TOW"]), distanceKm: 300)
        XCTAssertEqual(exact.score, 100)
        XCTAssertEqual(exact.differences, ["also has TOW"])
        let oneOption = UnitMatch.score(vehicleID: 2, wanted: wanted, unit: Build(trim: "TOP", engine: "EV", colour: "WHITE", options: ["NAV"]), distanceKm: 5,
                                        names: ["WHITE": "Bianco", "RED": "Rosso", "ROOF": "Roof"])
        XCTAssertEqual(oneOption.score, 40 + 20 + 15 + 7, "half the options: 15 × 1 / 2 = 7")
        XCTAssertEqual(oneOption.differences, ["colour Bianco instead of Rosso", "without Roof"])
        let nearExact = UnitMatch.score(vehicleID: 3, wanted: wanted, unit: Build(trim: "TOP", engine: "EV", colour: "RED", options: ["ROOF", "NAV"]), distanceKm: 12)
        XCTAssertEqual(UnitMatch.rank([oneOption, exact, nearExact]).map(\.vehicleID), [3, 1, 2], "best fit first, the nearer of equals first")
        XCTAssertEqual(UnitMatch.distanceKm((45.4642, 9.1900), (41.9028, 12.4964)), 477, "Milan–Rome as the crow flies")
    }
}

extension StockRulesTests {
    func testCalendarDaysMoveAcrossMonthsYearsAndLeapDays() {
        XCTAssertEqual(CalendarDay.ordinal("1970-01-01"), 0)
        XCTAssertEqual(CalendarDay.adding(-120, to: "2026-11-25"), "2026-07-28")
        XCTAssertEqual(CalendarDay.adding(1, to: "2028-02-28"), "2028-02-29")
        XCTAssertEqual(CalendarDay.adding(1, to: "2026-12-31"), "2027-01-01")
        XCTAssertEqual(CalendarDay.adding(-30, to: "2026-11-25T10:00:00Z"), "2026-10-26", "a timestamp counts as its day")
        XCTAssertEqual(CalendarDay.adding(5, to: "not a day"), "not a day")
    }
}
