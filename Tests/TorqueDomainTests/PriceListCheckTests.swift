import TorqueDomain
import XCTest

/// CAT-5: price-list files are checked for unknown items, bad amounts, gaps and overlaps.
final class PriceListCheckTests: XCTestCase {
    let known: Set<String> = ["SUV/BASE", "SUV/TOW"]

    func row(_ n: Int, _ code: String, _ price: String, _ from: String, _ to: String = "") -> PriceListRow {
        PriceListRow(rowNo: n, model: "suv", code: code, price: price, validFrom: from, validTo: to)
    }

    func testAmountsInTheFormatsPeopleType() {
        XCTAssertEqual(Money.minorUnits("32500"), 3_250_000)
        XCTAssertEqual(Money.minorUnits("32,500.00"), 3_250_000)
        XCTAssertEqual(Money.minorUnits("32.500,50"), 3_250_050)
        XCTAssertEqual(Money.minorUnits("€ 900.5"), 90_050)
        XCTAssertNil(Money.minorUnits("-5"))
        XCTAssertNil(Money.minorUnits("ten"))
        XCTAssertNil(Money.minorUnits(""))
    }

    func testTwoConsecutiveListsInOneFileAreAccepted() throws {
        let checked = try PriceListCheck.check([
            row(2, "BASE", "25000", "2027-01-01", "2027-07-01"), row(3, "TOW", "900", "2027-01-01", "2027-07-01"),
            row(4, "BASE", "25900", "2027-07-01"), row(5, "tow", "950", "2027-07-01"),
        ], known: known, stored: [PricePeriod(from: "2026-01-01", to: "")]).get()
        XCTAssertEqual(checked.periods.count, 2)
        XCTAssertEqual(checked.periods[PricePeriod(from: "2027-07-01", to: "")]?.map(\.minor).sorted(), [95_000, 2_590_000])
    }

    func testGapsOverlapsAndBadRowsAreReportedByRow() {
        guard case .failure(let e) = PriceListCheck.check([
            row(2, "BASE", "25000", "2027-01-01", "2027-06-01"),
            row(3, "BASE", "26000", "2027-07-01"),
            row(4, "ROOF", "100", "2027-07-01"),
            row(5, "TOW", "abc", "2027-07-01"),
            row(6, "TOW", "1", "2027-13-01"),
            row(7, "BASE", "1", "2027-07-01"),
        ], known: known, stored: []) else { return XCTFail("accepted") }
        let errors = e.rows
        let byRow = Dictionary(grouping: errors, by: \.rowNo).mapValues { $0.map(\.message) }
        XCTAssertEqual(byRow[3], ["leaves a gap after the list 2027-01-01 to 2027-06-01: nothing would be priced from 2027-06-01 to 2027-07-01"])
        XCTAssertEqual(byRow[4], ["is not an item of model SUV in the catalog"])
        XCTAssertEqual(byRow[5], ["must be an amount of at least 0, like 32500.00"])
        XCTAssertEqual(byRow[6], ["must be a date like 2027-01-01"])
        XCTAssertEqual(byRow[7], ["is priced twice for the list from 2027-07-01 (also row 3)"])
    }

    func testANewListMustStartAfterTheStoredOnes() {
        guard case .failure(let e) = PriceListCheck.check([row(2, "BASE", "1", "2027-01-01")], known: known, stored: [PricePeriod(from: "2027-03-01", to: "")]) else { return XCTFail("accepted") }
        XCTAssertEqual(e.rows.map(\.message), ["the stored list from 2027-03-01 already covers 2027-01-01; a new list must start after 2027-03-01"])
        guard case .failure(let gapErrors) = PriceListCheck.check([row(2, "BASE", "1", "2027-09-01")], known: known, stored: [PricePeriod(from: "2027-01-01", to: "2027-07-01")]) else { return XCTFail("accepted") }
        XCTAssertTrue(gapErrors.rows[0].message.hasPrefix("leaves a gap after the stored list"))
        guard case .failure(let overlapErrors) = PriceListCheck.check([row(2, "BASE", "1", "2027-01-01", "2027-08-01"), row(3, "BASE", "2", "2027-07-01")], known: known, stored: []) else { return XCTFail("accepted") }
        XCTAssertEqual(overlapErrors.rows.map(\.message), ["the list from 2027-07-01 overlaps the list 2027-01-01 to 2027-08-01"])
    }
}
