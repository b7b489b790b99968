import TorqueDomain
import XCTest

/// CAT-4: VIN check digit (49 CFR 565 weights) and decoding, with published example VINs.
final class VINTests: XCTestCase {
    func testTheTextbookNorthAmericanVINPassesWithItsXCheckDigit() throws {
        let vin = try VIN.parse("1M8GDM9AXKP042788").get()
        XCTAssertEqual(vin.expectedCheckDigit, "X", "sum 351 mod 11 = 10, written X")
        XCTAssertEqual(try VIN.parse(" 1m8-gdm9axkp042788 ").get().value, "1M8GDM9AXKP042788", "case, spaces and dashes are forgiven")
    }

    func testEachKindOfBadVINIsNamedPlainly() {
        func problem(_ raw: String) -> String {
            if case .failure(let p) = VIN.parse(raw) { return p.message }
            return "accepted"
        }
        XCTAssertEqual(problem("1M8GDM9AXKP04278"), "must have 17 characters; this one has 16")
        XCTAssertTrue(problem("1M8GDM9AXKP04278O").contains("I, O or Q"), problem("1M8GDM9AXKP04278O"))
        XCTAssertTrue(problem("1M8GDM9A*KP042788").contains("never has: *"))
        XCTAssertEqual(problem("1M8GDM9A1KP042788"), "check digit (9th character) is 1 but should be X: a character was probably mistyped")
        XCTAssertEqual(problem(""), "is required")
    }

    func testEuropeanVINsNeedNoCheckDigitButOwnMakesDo() throws {
        // A Volkswagen Golf VIN: position 9 is the filler Z, legal in Europe.
        let golf = try VINDecoder().decode("WVWZZZ1JZ3W386752", currentYear: 2026).get()
        XCTAssertEqual(golf.checkDigit, .notApplicable)
        XCTAssertEqual(golf.manufacturer, "Volkswagen")
        XCTAssertEqual(golf.country, "Germany")
        XCTAssertEqual(golf.region, "Europe")
        XCTAssertTrue(golf.notes.contains { $0.contains("could not be verified") })
        // The demo OEM's own WMI always carries a check digit, so a typo is caught.
        let own = VIN.withCheckDigit("ZTM21A1R0SD000123")
        XCTAssertNoThrow(try VINDecoder.demo.decode(own.value, currentYear: 2026).get())
        var typo = Array(own.value); typo[16] = "4"
        guard case .failure(let p) = VINDecoder.demo.decode(String(typo), currentYear: 2026) else { return XCTFail("typo accepted") }
        XCTAssertTrue(p.message.contains("check digit"))
    }

    func testModelYearAndPlantAreRead() throws {
        let us = try VINDecoder().decode("1M8GDM9AXKP042788", currentYear: 2026).get()
        XCTAssertEqual(us.modelYear, 1989, "position 7 is a digit: the 1980–2009 cycle")
        XCTAssertEqual(us.plantCode, "P")
        XCTAssertEqual(us.serial, "042788")
        let own = try VINDecoder.demo.decode(VIN.withCheckDigit("ZTM21A1R0ST000123").value, currentYear: 2026).get()
        XCTAssertEqual(own.manufacturer, "Torque Motors")
        XCTAssertEqual(own.modelYear, 2025, "S = 1995 or 2025; the latest not after next year")
        XCTAssertEqual(own.plantName, "Torino Assembly Plant")
        XCTAssertEqual(own.checkDigit, .valid)
        let next = try VINDecoder.demo.decode(VIN.withCheckDigit("ZTM21A1R0VT000123").value, currentYear: 2026).get()
        XCTAssertEqual(next.modelYear, 2027, "V = 2027 is next year's model, already on sale")
    }

    func testWithCheckDigitAlwaysProducesAValidVIN() throws {
        for serial in 0..<200 {
            let vin = VIN.withCheckDigit("1FTEW1EP0PK" + String(format: "%06d", serial * 37))
            XCTAssertTrue(vin.checkDigitMatches)
            XCTAssertNoThrow(try VIN.parse(vin.value).get())
        }
    }
}

extension VINTests {
    func testOwnMakesAndPlantsComeFromTheSettings() throws {
        let decoder = try VINDecoder.configured(makes: "ztm = Torque Motors, ZTN=Torque Vans", plants: "T=Torino Assembly Plant,n=Nola").get()
        XCTAssertEqual(decoder.ownMakes, ["ZTM": "Torque Motors", "ZTN": "Torque Vans"])
        XCTAssertEqual(decoder.ownPlants, ["T": "Torino Assembly Plant", "N": "Nola"])
        XCTAssertEqual(try VINDecoder.configured(makes: "", plants: "").get().ownMakes, [:], "no own makes: only the general rules")
        guard case .failure(let p) = VINDecoder.configured(makes: "ZQM=Bad", plants: "") else { return XCTFail("accepted a Q") }
        XCTAssertTrue(p.message.contains("ZQM=Bad"))
        guard case .failure = VINDecoder.configured(makes: "", plants: "TT=Two letters") else { return XCTFail("accepted a two-letter plant") }
    }
}
