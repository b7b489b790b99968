import Foundation
import TorqueDomain
import XCTest

/// LEAD-2/3 rules with plain values.
final class LeadRuleTests: XCTestCase {
    func testScoreAddsUpItsReasonsAndCapsAt100() {
        let hot = LeadScore.score(.init(source: .walkIn, hasPhone: true, hasEmail: true,
                                        qualification: .init(interestModel: "Tonale", timeframe: .now, payment: .cash, tradeIn: true, budget: 30000),
                                        knownCustomer: true, responded: true))
        XCTAssertEqual(hot.points, 100, "10+5+20+10+25+10+5+5+10+10 = 110, capped")
        XCTAssertEqual(hot.band, "hot")
        XCTAssertEqual(hot.reasons.count, 10)
        let cold = LeadScore.score(.init(source: .webForm, hasPhone: false, hasEmail: true, qualification: .init()))
        XCTAssertEqual(cold.points, 5)
        XCTAssertEqual(cold.reasons, ["+5 e-mail given"])
        XCTAssertEqual(cold.band, "cold")
        let warm = LeadScore.score(.init(source: .phone, hasPhone: true, hasEmail: false, qualification: .init(timeframe: .threeMonths)))
        XCTAssertEqual(warm.points, 35)
        XCTAssertEqual(warm.band, "warm")
    }

    func testRoundRobinTakesTurnsInIDOrder() {
        let picks = (0..<5).map { LeadAssignment.choose(rule: .roundRobin, salespeople: [30, 10, 20], brand: "", brandRules: [:], turn: $0) }
        XCTAssertEqual(picks, [10, 20, 30, 10, 20])
        XCTAssertNil(LeadAssignment.choose(rule: .roundRobin, salespeople: [], brand: "", brandRules: [:], turn: 0), "nobody to give it to")
        XCTAssertNil(LeadAssignment.choose(rule: .manual, salespeople: [1, 2], brand: "", brandRules: [:], turn: 0))
    }

    func testByBrandSharesAmongTheNamedAndFallsBackToEveryone() {
        let rules = ["Alfa Romeo": [20, 30], "Fiat": [99]]
        XCTAssertEqual(LeadAssignment.choose(rule: .byBrand, salespeople: [10, 20, 30], brand: " alfa romeo ", brandRules: rules, turn: 0), 20)
        XCTAssertEqual(LeadAssignment.choose(rule: .byBrand, salespeople: [10, 20, 30], brand: "Alfa Romeo", brandRules: rules, turn: 1), 30)
        XCTAssertEqual(LeadAssignment.choose(rule: .byBrand, salespeople: [10, 20, 30], brand: "Fiat", brandRules: rules, turn: 0), 10, "99 left the dealer: everyone shares Fiat")
        XCTAssertEqual(LeadAssignment.choose(rule: .byBrand, salespeople: [10, 20, 30], brand: "Jeep", brandRules: rules, turn: 2), 30)
    }

    func testSLAMinutesLeftAndLate() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        XCTAssertEqual(LeadSLA.minutesLeft(dueAt: now + 600, respondedAt: nil, now: now), 10)
        XCTAssertEqual(LeadSLA.minutesLeft(dueAt: now - 90, respondedAt: nil, now: now), -2)
        XCTAssertNil(LeadSLA.minutesLeft(dueAt: now - 90, respondedAt: now - 200, now: now), "answered: no clock")
        XCTAssertEqual(LeadSLA.describe(minutesLeft: -2), "first response 2 min late")
        XCTAssertEqual(LeadSLA.describe(minutesLeft: 10), "answer within 10 min")
    }

    func testMoneyInWholeUnits() {
        XCTAssertEqual(Money.whole(3_150_000), "31,500")
        XCTAssertEqual(Money.whole(99), "0")
        XCTAssertEqual(Money.whole(-123_456_700), "-1,234,567")
    }
}
