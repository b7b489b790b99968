import XCTest
@testable import TorqueDomain

final class WorkingHoursTests: XCTestCase {
    func testParsesDayRangesAndSingleDays() throws {
        let hours = try WorkingHours.parse("mon-fri 08:00-18:00; sat 09:00-12:30").get()
        XCTAssertEqual(hours.spans.count, 6)
        XCTAssertTrue(hours.isOpen(weekday: 3, minute: 8 * 60))
        XCTAssertFalse(hours.isOpen(weekday: 3, minute: 18 * 60))
        XCTAssertTrue(hours.isOpen(weekday: 6, minute: 12 * 60 + 29))
        XCTAssertFalse(hours.isOpen(weekday: 7, minute: 10 * 60))
    }

    func testEmptyMeansClosedNotError() throws {
        XCTAssertEqual(try WorkingHours.parse("  ").get().spans, [])
    }

    func testExplainsWhatIsWrong() {
        guard case let .failure(p) = WorkingHours.parse("monday 08:00-18:00") else { return XCTFail("accepted an unknown day") }
        XCTAssertTrue(p.message.contains("monday"))
        guard case let .failure(q) = WorkingHours.parse("mon 18:00-08:00") else { return XCTFail("accepted an inverted range") }
        XCTAssertTrue(q.message.contains("18:00-08:00"))
        guard case .failure = WorkingHours.parse("fri-mon 08:00-10:00") else { return XCTFail("accepted a backwards day range") }
    }
}
