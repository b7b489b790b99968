import Foundation
import TorqueDomain
import XCTest

/// CUS-6 rules with plain values.
final class CustomerProfilerTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let year: TimeInterval = 365.25 * 86400

    func testARepeatBuyerWithWorkshopVisitsIsLoyalAndHisNextPurchaseFollowsHisRhythm() {
        let f = CustomerProfiler.Facts(customerSince: now - 7 * year,
                                       purchases: [(now - 7 * year, 2_000_000), (now - 3 * year, 3_000_000)],
                                       services: [(now - 2 * year, 40_000), (now - 1.5 * year, 35_000), (now - 0.5 * year, 50_000)])
        let p = CustomerProfiler.compute(f, now: now)
        XCTAssertEqual(p.lifetimeValueMinor, 5_125_000)
        XCTAssertEqual(p.loyalty, 30 + 12 + 14, "one repeat purchase, three visits in 3 years, 7 years a customer")
        XCTAssertEqual(p.state, .active)
        // purchases 4 years apart: the next is due 3 to 5 years after the last one
        XCTAssertEqual(p.nextPurchaseFrom!.timeIntervalSince(now - 3 * year), 3 * year, accuracy: 1)
        XCTAssertEqual(p.nextPurchaseTo!.timeIntervalSince(now - 3 * year), 5 * year, accuracy: 1)
        XCTAssertEqual(p.nextService!.timeIntervalSince(now - 0.5 * year), year, accuracy: 1)
        XCTAssertEqual(p.reasons.first, "Value 51,250 from 2 purchases and 3 workshop visits")
        XCTAssertTrue(p.reasons.contains("Next purchase: every 4.0 years on average so far"))
    }

    func testStatesFollowTheLastActivity() {
        XCTAssertEqual(CustomerProfiler.compute(.init(customerSince: now - 10 * 86400), now: now).state, .new)
        XCTAssertEqual(CustomerProfiler.compute(.init(customerSince: now - 2 * year, lastContact: now - 1.5 * year), now: now).state, .passive)
        XCTAssertEqual(CustomerProfiler.compute(.init(customerSince: now - 5 * year, lastContact: now - 4 * year), now: now).state, .dormant)
        XCTAssertEqual(CustomerProfiler.compute(.init(customerSince: now - 5 * year), now: now).state, .dormant)
        let open = CustomerProfiler.compute(.init(customerSince: now - 5 * year, openOpportunities: 1), now: now)
        XCTAssertEqual(open.state, .active)
        XCTAssertEqual(open.nextPurchaseFrom, now, "an open opportunity means now")
    }

    func testAOneTimeBuyerIsExpectedBackAfterTypicalOwnership() {
        let p = CustomerProfiler.compute(.init(customerSince: now - 2 * year, purchases: [(now - 2 * year, 2_500_000)]), now: now)
        XCTAssertEqual(p.loyalty, 4)
        XCTAssertEqual(p.state, .passive)
        XCTAssertEqual(p.nextPurchaseFrom!.timeIntervalSince(now - 2 * year), 4 * year, accuracy: 1)
        XCTAssertEqual(p.nextPurchaseTo!.timeIntervalSince(now - 2 * year), 6 * year, accuracy: 1)
    }
}
