import TorqueDomain
import XCTest

/// Activity rates and meeting remarks (SALES-4), with plain values.
final class SalesActivityTests: XCTestCase {
    func testRatesAndRemarks() {
        var sara = SalesActivity(userId: 1, name: "Sara", unitName: "D")
        sara.calls = 4; sara.won = 3; sara.lost = 1; sara.quotes = 4; sara.contracts = 2; sara.discountPerMillionSum = 4 * 25_000
        XCTAssertEqual(sara.winRate, 75)
        XCTAssertEqual(sara.quoteToContract, 50)
        XCTAssertEqual(sara.averageDiscount, Percentage(perMillion: 25_000))
        var luca = SalesActivity(userId: 2, name: "Luca", unitName: "D")
        luca.quotes = 3; luca.discountPerMillionSum = 3 * 60_000
        XCTAssertNil(luca.winRate, "nothing closed, no rate")
        XCTAssertEqual(SalesActivity.remarks([sara, luca]), ["Luca logged no call or visit.", "Luca made 3 quotes and closed none.",
                                                            "Luca gives the highest average discount: 6.00 %."])
        var total = SalesActivity(userId: nil, name: "All", unitName: "")
        total.add(sara); total.add(luca)
        XCTAssertEqual(total.quotes, 7)
        XCTAssertEqual(total.averageDiscount, Percentage(perMillion: (100_000 + 180_000 + 3) / 7))
    }
}
