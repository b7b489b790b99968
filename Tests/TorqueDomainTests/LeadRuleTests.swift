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

/// LEAD-3: the first-response promise counts opening hours.
final class WorkingTimeTests: XCTestCase {
    let rome = TimeZone(identifier: "Europe/Rome")!
    func at(_ text: String) -> Date {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = rome
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.date(from: text)!
    }
    let hours = try! WorkingHours.parse("mon-fri 09:00-13:00; mon-fri 14:00-18:00; sat 09:00-12:00").get()

    func testInsideOpeningHoursItIsPlainMinutes() {
        XCTAssertEqual(hours.deadline(from: at("2026-11-25 10:00"), addingMinutes: 15, timeZone: rome), at("2026-11-25 10:15"))
    }

    func testAcrossTheLunchBreakAndTheNight() {
        XCTAssertEqual(hours.deadline(from: at("2026-11-25 12:50"), addingMinutes: 15, timeZone: rome), at("2026-11-25 14:05"))
        XCTAssertEqual(hours.deadline(from: at("2026-11-25 21:00"), addingMinutes: 15, timeZone: rome), at("2026-11-26 09:15"))
    }

    func testSaturdayAfternoonWaitsForMonday() {
        XCTAssertEqual(hours.deadline(from: at("2026-11-28 11:50"), addingMinutes: 30, timeZone: rome), at("2026-11-30 09:20"), "Wednesday 25 Nov 2026 → Saturday 28, Monday 30")
    }

    func testNoOpeningHoursMeansClockMinutes() {
        XCTAssertEqual(try! WorkingHours.parse("").get().deadline(from: at("2026-11-25 21:00"), addingMinutes: 15, timeZone: rome), at("2026-11-25 21:15"))
    }
}
