import TorqueDomain
import XCTest

/// Shipment reports in order (DIST-4), the demand forecast and its backtest (DIST-5), and the
/// production-rate advice (PROD-3), with plain values.
final class ShipmentAndForecastTests: XCTestCase {
    func testReportsOnlyGoForwardInTimeAndSteps() {
        XCTAssertNil(ShipmentProgress.refusal(current: .dispatched, lastAt: "2026-12-01T08:00:00Z", next: .inTransit, at: "2026-12-01T09:00:00Z"))
        XCTAssertNil(ShipmentProgress.refusal(current: .inTransit, lastAt: "2026-12-01T09:00:00Z", next: .atHub, at: "2026-12-01T12:00:00Z"))
        XCTAssertNil(ShipmentProgress.refusal(current: .atHub, lastAt: "2026-12-01T12:00:00Z", next: .inTransit, at: "2026-12-01T13:00:00Z"), "legs alternate")
        XCTAssertEqual(ShipmentProgress.refusal(current: .outForDelivery, lastAt: "2026-12-01T09:00:00Z", next: .inTransit, at: "2026-12-01T10:00:00Z")?.field, "status")
        XCTAssertEqual(ShipmentProgress.refusal(current: .inTransit, lastAt: "2026-12-01T09:00:00Z", next: .delivered, at: "2026-12-01T08:59:00Z")?.field, "happened_at")
        XCTAssertEqual(ShipmentProgress.refusal(current: .delivered, lastAt: "2026-12-01T09:00:00Z", next: .delivered, at: "2026-12-02T09:00:00Z")?.field, "status")
        XCTAssertEqual(ShipmentProgress.refusal(current: .dispatched, lastAt: "2026-12-01T09:00:00Z", next: .dispatched, at: "2026-12-02T09:00:00Z")?.field, "status")
    }

    func testLegsAreReadOnePerLine() {
        let ok = ShipmentProgress.legs("Piacenza > Bologna\n\nBologna → Firenze ")
        XCTAssertNil(ok.bad)
        XCTAssertEqual(ok.legs, [.init(from: "Piacenza", to: "Bologna"), .init(from: "Bologna", to: "Firenze")])
        XCTAssertEqual(ShipmentProgress.legs("Piacenza to Bologna").bad, "Piacenza to Bologna")
        XCTAssertEqual(ShipmentProgress.legs("A > B > C").bad, "A > B > C")
    }

    func testTheSeasonalForecastFollowsTheSeasonAndLevel() {
        // a flat network with a weak August: the index says so, and a dealer selling 10 a month
        // is forecast 10 in an average month and about half in August.
        let months = (1...12).map { "2025-\($0 < 10 ? "0" : "")\($0)" }
        let flat = [10, 10, 10, 10, 10, 10, 10, 5, 10, 10, 10, 10]
        let index = DemandForecast.seasonalIndex(totals: flat, calendarMonths: Array(1...12))
        XCTAssertEqual(index[8]!, 5 / (115.0 / 12), accuracy: 1e-9)
        let next = DemandForecast.plan(history: ["a": flat, "b": flat.map { $0 * 2 }], months: months)
        XCTAssertEqual(next["a"]!, 10, accuracy: 0.01, "January after an ordinary autumn")
        XCTAssertEqual(next["b"]!, 20, accuracy: 0.01)
        let augustTarget = DemandForecast.forecast(series: [10, 10, 10], lastMonths: [5, 6, 7], target: 8, index: index)
        XCTAssertEqual(augustTarget, 5, accuracy: 0.01)
        XCTAssertEqual(DemandForecast.toSend(forecast: 9.6, stock: 4, coming: 2), 4)
        XCTAssertEqual(DemandForecast.toSend(forecast: 3, stock: 4, coming: 2), 0)
    }

    func testTheBacktestOnlyUsesThePastAndBeatsTheNaiveForecastOnSeasonalData() {
        // 18 months of the demo's seasonal pattern for 12 dealers × 4 models
        var months: [String] = []
        for i in 0..<18 { months.append(SalesMonth.adding(i, to: "2025-01")) }
        var history: [String: [Int]] = [:]
        for d in 0..<12 { for m in 0..<4 {
            history["\(d)-\(m)"] = months.enumerated().map { i, month in DemoDistribution.monthlySales(dealer: d, model: m, calendarMonth: Int(month.suffix(2))!, age: 18 - i) }
        } }
        let accuracy = DemandForecast.backtest(history: history, months: months, holdout: 3)!
        XCTAssertEqual(accuracy.months, ["2026-04", "2026-05", "2026-06"])
        XCTAssertEqual(accuracy.points, 3 * 48)
        XCTAssertLessThan(accuracy.wape, 0.35)
        XCTAssertNil(DemandForecast.backtest(history: history, months: Array(months.prefix(14)), holdout: 3), "12 + 3 months are needed")
        // changing a held-out month's sales changes the error but not the forecasts of earlier months
        var changed = history
        changed["0-0"]![17] += 50
        XCTAssertGreaterThan(DemandForecast.backtest(history: changed, months: months, holdout: 3)!.wape, accuracy.wape)
        XCTAssertEqual(DemandForecast.backtest(history: changed, months: Array(months.prefix(17)), holdout: 2),
                       DemandForecast.backtest(history: history, months: Array(months.prefix(17)), holdout: 2))
    }

    func testProductionAdviceAimsAtDaysOfSupply() {
        // 300 forecast a month = 10 a day; 200 in stock = 20 days; 45 days wants 450:
        // build 300 + 450 − 200 = 550, 27 a day over 21 days (rounded up)
        let a = ProductionAdvice.advise(forecast: 300, stock: 200, current: 20)
        XCTAssertEqual(a.daysOfSupply, 20)
        XCTAssertEqual(a.monthUnits, 550)
        XCTAssertEqual(a.perDay, 27)
        XCTAssertTrue(a.reason.contains("up from 20"), a.reason)
        let glut = ProductionAdvice.advise(forecast: 30, stock: 900, current: 5)
        XCTAssertEqual(glut.monthUnits, 0)
        XCTAssertEqual(glut.perDay, 0)
        XCTAssertTrue(glut.reason.contains("down from 5"))
    }
}
