import Foundation
import TorqueStore
import XCTest

final class ClockTests: XCTestCase {
    func testWritesAndReadsUTCSeconds() {
        let d = Date(timeIntervalSince1970: 1_795_010_401.7)
        XCTAssertEqual(Clock.string(d), "2026-11-18T14:00:01Z")
        XCTAssertEqual(Clock.date("2026-11-18T14:00:01Z"), Date(timeIntervalSince1970: 1_795_010_401))
        XCTAssertEqual(Clock.string(Date(timeIntervalSince1970: 951_782_400)), "2000-02-29T00:00:00Z")
        XCTAssertEqual(Clock.date("2026-11-18T15:00:01+01:00"), Date(timeIntervalSince1970: 1_795_010_401), "other ISO forms still read")
        XCTAssertNil(Clock.date("2026-13-18T14:00:01Z"))
        XCTAssertNil(Clock.date("not a date"))
    }
}
