import TorqueDomain
import XCTest

/// When a job's parts are there (SVC-3), how kits are written, what the contact center may book,
/// and what an uploaded image is.
final class PartsAvailabilityTests: XCTestCase {
    let supplies = [
        "PAD": PartSupply(partNumber: "PAD", name: "Brake pads", onHand: 4, incoming: []),
        "DISC": PartSupply(partNumber: "DISC", name: "Brake disc", onHand: 1, incoming: [(day: "2026-12-09", quantity: 1), (day: "2026-12-03", quantity: 1)]),
        "OIL": PartSupply(partNumber: "OIL", name: "Oil", onHand: -2, incoming: [(day: "2026-12-01", quantity: 3), (day: "2026-12-02", quantity: 10)]),
    ]

    func testInStockNeedsNoWait() {
        let checks = PartsAvailability.check(kits: [KitPart(partNumber: "PAD", quantity: 2), KitPart(partNumber: "PAD", quantity: 2)], supplies: supplies)
        XCTAssertEqual(checks.map(\.needed), [4], "two kits of the same part add up")
        XCTAssertEqual(try PartsAvailability.firstDay(checks).get(), nil)
    }

    func testTheFirstOrderThatCoversTheNeedIsTheDay() {
        let checks = PartsAvailability.check(kits: [KitPart(partNumber: "DISC", quantity: 2), KitPart(partNumber: "PAD", quantity: 1)], supplies: supplies)
        XCTAssertEqual(checks.first { $0.partNumber == "DISC" }?.availableFrom, "2026-12-03", "orders are read soonest first, whatever their order in the list")
        XCTAssertEqual(try PartsAvailability.firstDay(checks).get(), "2026-12-03")
        let three = PartsAvailability.check(kits: [KitPart(partNumber: "DISC", quantity: 3)], supplies: supplies)
        XCTAssertEqual(try PartsAvailability.firstDay(three).get(), "2026-12-09", "both orders are needed")
    }

    func testStockBelowZeroCountsAsNone() {
        // a count taken below zero by an override is owed already: only orders can cover the job
        let checks = PartsAvailability.check(kits: [KitPart(partNumber: "OIL", quantity: 4)], supplies: supplies)
        XCTAssertEqual(checks[0].availableFrom, "2026-12-02")
    }

    func testNothingOnOrderIsRefusedNamingThePart() {
        let checks = PartsAvailability.check(kits: [KitPart(partNumber: "DISC", quantity: 5), KitPart(partNumber: "GHOST", quantity: 1)], supplies: supplies)
        guard case .failure(let problem) = PartsAvailability.firstDay(checks) else { return XCTFail("a part nothing covers must refuse") }
        XCTAssertTrue(problem.message.contains("DISC Brake disc: 5 needed, 1 in stock and no receipt expected that covers it"), problem.message)
        XCTAssertTrue(problem.message.contains("GHOST (not stocked here): 1 needed, 0 in stock"), problem.message)
    }

    func testKitsAreWrittenAsPeopleTypeThem() {
        XCTAssertEqual(try KitPart.parse("brk-pad x2, oil-5w30 x4; BRK-PAD").get(), [KitPart(partNumber: "BRK-PAD", quantity: 3), KitPart(partNumber: "OIL-5W30", quantity: 4)])
        XCTAssertEqual(try KitPart.parse("  ").get(), [])
        if case .success = KitPart.parse("PAD two") { XCTFail("a quantity in words is refused") }
        if case .success = KitPart.parse("PAD x0") { XCTFail("zero is refused") }
        XCTAssertEqual(KitPart.text([KitPart(partNumber: "A", quantity: 1), KitPart(partNumber: "B", quantity: 2)]), "A, B x2")
    }

    func testTheContactCenterBooksSimpleJobs() {
        let s = WorkshopSettings.defaults
        XCTAssertNil(s.notSimple(minutes: 120, skills: ["tyres": 1]))
        XCTAssertEqual(s.notSimple(minutes: 121, skills: [:]), "takes 121 minutes; the contact center books jobs up to 120 minutes: pass it to a service advisor")
        XCTAssertEqual(s.notSimple(minutes: 30, skills: ["brakes": 2]), "needs brakes at level 2; the contact center books jobs up to level 1: pass it to a service advisor")
        XCTAssertEqual(Set(WorkshopSettings(labourRateMinor: -1, simpleJobMinutes: 99_999, simpleJobLevel: 0).problems.keys), ["labour_rate", "simple_job_minutes", "simple_job_level"])
    }

    func testImagesAreKnownByTheirBytes() {
        XCTAssertEqual(ImageSniffer.contentType([0xFF, 0xD8, 0xFF, 0xE1]), "image/jpeg")
        XCTAssertEqual(ImageSniffer.contentType([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]), "image/png")
        XCTAssertEqual(ImageSniffer.contentType(Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)), "image/webp")
        XCTAssertNil(ImageSniffer.contentType(Array("<svg onload=alert(1)>".utf8)), "SVG (which can carry script) is not an image here")
        XCTAssertNil(ImageSniffer.contentType([]))
    }
}

/// A work-order file checked row by row (INT-3).
final class WorkOrderImportCheckTests: XCTestCase {
    func testLinesGroupIntoOrdersAndMistakesAreNamed() {
        let vin = "1M8GDM9AXKP042788"
        let rows: [(rowNo: Int, cells: [String: String])] = [
            (2, ["number": "A1", "vin": vin, "day": "2026-01-10", "mileage_km": "30.000", "code": "srv-a", "minutes": "90"]),
            (3, ["number": "A1", "vin": vin, "day": "2026-01-10", "mileage_km": "30000", "kind": "ricambio", "code": "TM-OF-1200", "quantity": "2", "unit_price": "14,50"]),
        ]
        guard case .success(let orders) = WorkOrderImport.check(rows, today: "2026-11-26") else { return XCTFail("a good file") }
        XCTAssertEqual(orders.count, 1)
        XCTAssertEqual(orders[0].mileageKm, 30000, "a thousands dot is read")
        XCTAssertEqual(orders[0].lines.map(\.kind), [.labour, .part])
        XCTAssertEqual(orders[0].lines[0].code, "SRV-A")
        XCTAssertEqual(orders[0].lines[1].unitPriceMinor, 14_50)
        let bad: [(rowNo: Int, cells: [String: String])] = [
            (2, ["number": "A1", "vin": vin, "day": "2027-01-10", "mileage_km": "1", "description": "Wash", "minutes": "0"]),
            (3, ["number": "", "vin": "123", "day": "yesterday", "mileage_km": "-4", "kind": "paint"]),
        ]
        guard case .failure(let errors) = WorkOrderImport.check(bad, today: "2026-11-26") else { return XCTFail("mistakes must be refused") }
        XCTAssertEqual(Set(errors.rows.map { "\($0.rowNo) \($0.field)" }), ["2 day", "2 minutes", "3 number", "3 vin", "3 day", "3 mileage_km", "3 kind", "3 description"])
    }
}

/// Stock promised to other bookings is not free (SVC-3).
final class PromisedPartsTests: XCTestCase {
    func testPromisedStockWaitsForAnOrder() {
        var disc = PartSupply(partNumber: "DISC", name: "Brake disc", onHand: 4, incoming: [(day: "2026-12-05", quantity: 6)])
        disc.promised = 3
        let checks = PartsAvailability.check(kits: [KitPart(partNumber: "DISC", quantity: 2)], supplies: ["DISC": disc])
        XCTAssertEqual(checks[0].availableFrom, "2026-12-05", "one free now, two needed: the order")
        XCTAssertEqual(checks[0].sentence, "DISC Brake disc: 2 needed, 4 in stock (3 promised to other bookings), enough from 2026-12-05 (expected receipt)")
        disc.promised = 2
        XCTAssertNil(PartsAvailability.check(kits: [KitPart(partNumber: "DISC", quantity: 2)], supplies: ["DISC": disc])[0].availableFrom)
    }
}
