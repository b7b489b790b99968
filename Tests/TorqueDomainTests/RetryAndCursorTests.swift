import XCTest
@testable import TorqueDomain

final class RetryAndCursorTests: XCTestCase {
    func testBackoffDoublesThenCapsThenGivesUp() {
        let p = RetryPolicy(maxAttempts: 5, baseSeconds: 30, capSeconds: 100)
        XCTAssertEqual(p.delayAfter(attempt: 1), 30)
        XCTAssertEqual(p.delayAfter(attempt: 2), 60)
        XCTAssertEqual(p.delayAfter(attempt: 3), 100)
        XCTAssertEqual(p.delayAfter(attempt: 4), 100)
        XCTAssertNil(p.delayAfter(attempt: 5))
    }

    func testCursorRoundTripAndRejectsGarbage() {
        XCTAssertEqual(Cursor.decode(Cursor.encode(afterID: 12345)), 12345)
        XCTAssertNil(Cursor.decode("not-a-cursor"))
        XCTAssertNil(Cursor.decode("YWJj"))
    }
}
