import TorqueDomain
import XCTest

/// Warning flags (BI-5) and the recurring-defect rule (PROD-2) with plain values.
final class FlagsAndDefectsTests: XCTestCase {
    func testAnOrderTooLargeIsFlaggedWithItsReason() {
        XCTAssertEqual(WarningFlags.order(units: 4, pastOrders: [3, 5, 4]), [])
        XCTAssertEqual(WarningFlags.order(units: 60, pastOrders: []).map(\.reason), ["60 cars is above the limit of 50 for one order"])
        XCTAssertEqual(WarningFlags.order(units: 13, pastOrders: [3, 5, 4]).map(\.reason), ["13 cars is more than 3 times this dealer's average order (4)"])
        XCTAssertEqual(WarningFlags.order(units: 13, pastOrders: [3, 5]), [], "two past orders are too few for an average")
        XCTAssertEqual(WarningFlags.order(units: 13, pastOrders: [3, 5, 4], rules: FlagRules(maxTimesAverage: 4)), [])
    }

    func testASmallMonthAgainstTargetIsFlagged() {
        XCTAssertNil(WarningFlags.sales(units: 6, target: 10, month: "2026-11"))
        XCTAssertEqual(WarningFlags.sales(units: 4, target: 10, month: "2026-11")?.reason, "4 cars sold in 2026-11: 40 % of the target of 10, below 50 %")
        XCTAssertNil(WarningFlags.sales(units: 0, target: 0, month: "2026-11"), "no target, no flag")
    }

    func testThePoissonTail() {
        XCTAssertEqual(DefectRule.poissonTail(atLeast: 0, mean: 3), 1)
        XCTAssertEqual(DefectRule.poissonTail(atLeast: 1, mean: 2), 1 - exp(-2), accuracy: 1e-12)
        XCTAssertEqual(DefectRule.poissonTail(atLeast: 3, mean: 1), 1 - exp(-1) * (1 + 1 + 0.5), accuracy: 1e-12)
        XCTAssertLessThan(DefectRule.poissonTail(atLeast: 500, mean: 300), 1e-20, "large counts stay finite")
    }

    func testARisingDefectIsRaisedAndNoiseIsNot() {
        let baseline = DefectRate(defects: 20, inspections: 10_000)   // 0.2 %
        let usual = DefectRule.evaluate(recent: DefectRate(defects: 3, inspections: 1_000), baseline: baseline)
        XCTAssertFalse(usual.rising, usual.reason)
        let rising = DefectRule.evaluate(recent: DefectRate(defects: 12, inspections: 1_000), baseline: baseline)
        XCTAssertTrue(rising.rising, rising.reason)
        XCTAssertEqual(rising.expected, 2, accuracy: 1e-9)
        XCTAssertTrue(rising.reason.hasPrefix("12 defects in 1000 inspections (1.20 %) against 2.0 expected at the baseline 0.20 %"), rising.reason)
        let new = DefectRule.evaluate(recent: DefectRate(defects: 1, inspections: 500), baseline: DefectRate(defects: 0, inspections: 10_000))
        XCTAssertFalse(new.rising, "a single defect never alarms")
        let newAndMany = DefectRule.evaluate(recent: DefectRate(defects: 5, inspections: 500), baseline: DefectRate(defects: 0, inspections: 10_000))
        XCTAssertTrue(newAndMany.rising, newAndMany.reason)
    }
}
