import TorqueDomain
import XCTest

/// Maintenance due dates (SVC-5) with plain values: by months, by kilometres at the car's pace,
/// whichever first; reminders once per due date.
final class MaintenancePlannerTests: XCTestCase {
    let annual = MaintenanceItem(code: "SRV-A", name: "Annual service", everyMonths: 12, everyKm: 15_000)

    func testTimeOrKilometresWhicheverComesFirst() {
        XCTAssertEqual(MaintenancePlanner.nextDue(annual, lastDay: "2026-03-15", lastKm: 0, kmPerDay: 20), "2027-03-15", "7,300 km a year: time comes first")
        XCTAssertEqual(MaintenancePlanner.nextDue(annual, lastDay: "2026-03-15", lastKm: 0, kmPerDay: 100), "2026-08-12", "150 days at 100 km a day")
        XCTAssertEqual(MaintenancePlanner.nextDue(MaintenanceItem(code: "X", name: "X", everyMonths: 0, everyKm: 0), lastDay: "2026-01-01", lastKm: 0, kmPerDay: 40), "2035-12-30")
        XCTAssertEqual(MaintenancePlanner.addMonths(1, to: "2027-01-31"), "2027-02-28")
        XCTAssertEqual(MaintenancePlanner.addMonths(12, to: "2028-02-29"), "2029-02-28")
        XCTAssertEqual(MaintenancePlanner.addMonths(1, to: "0001-01-31"), "0001-02-28", "a far-off year is written with four digits (it once looped for ever)")
        XCTAssertEqual(MaintenancePlanner.addMonths(12, to: "9999-06-01"), "9999-06-01", "beyond the calendar it stays put")
    }

    func testThePaceComesFromTwoReadings() {
        XCTAssertEqual(MaintenancePlanner.kmPerDay(fromDay: "2026-01-01", fromKm: 10_000, toDay: "2026-04-11", toKm: 15_000), 50)
        XCTAssertEqual(MaintenancePlanner.kmPerDay(fromDay: "2026-01-01", fromKm: 10_000, toDay: "2026-01-10", toKm: 15_000), 40, "too short to tell")
    }

    func testRemindersOncePerDueDate() {
        XCTAssertFalse(MaintenancePlanner.shouldRemind(dueDay: "2026-12-31", remindedFor: nil, today: "2026-12-09"))
        XCTAssertTrue(MaintenancePlanner.shouldRemind(dueDay: "2026-12-31", remindedFor: nil, today: "2026-12-10"))
        XCTAssertFalse(MaintenancePlanner.shouldRemind(dueDay: "2026-12-31", remindedFor: "2026-12-31", today: "2026-12-20"))
        XCTAssertTrue(MaintenancePlanner.shouldRemind(dueDay: "2027-12-31", remindedFor: "2026-12-31", today: "2027-12-20"), "the next due date is reminded again")
    }
}
