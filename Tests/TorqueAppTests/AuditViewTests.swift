@testable import TorqueApp
import XCTest

final class AuditViewTests: XCTestCase {
    func testTimesAreShownInTheViewersZone() {
        XCTAssertEqual(AuditView.localTime("2026-11-25T14:00:00Z", timeZone: "Europe/Rome"), "2026-11-25 15:00 Europe/Rome")
        XCTAssertEqual(AuditView.localTime("2026-07-01T14:00:00Z", timeZone: "Europe/Rome"), "2026-07-01 16:00 Europe/Rome")
        XCTAssertEqual(AuditView.localTime("garbage", timeZone: "Europe/Rome"), "garbage")
    }

    func testChangesListOnlyFieldsThatDiffer() {
        let rows = AuditView.changes(before: #"{"name":"A","code":"X","updated_at":"1"}"#, after: #"{"name":"B","code":"X","updated_at":"2"}"#)
        XCTAssertEqual(rows, [["field": "name", "from": "A", "to": "B"]])
        let created = AuditView.changes(before: nil, after: #"{"name":"B"}"#)
        XCTAssertEqual(created, [["field": "name", "from": "—", "to": "B"]])
    }
}
