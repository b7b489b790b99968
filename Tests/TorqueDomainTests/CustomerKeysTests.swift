import Foundation
import XCTest
@testable import TorqueDomain

final class CustomerKeysTests: XCTestCase {
    func testItalianNumbersKeepTheirLeadingZero() throws {
        XCTAssertEqual(try PhoneNumber.normalize("02 1234 5678", defaultCountry: "IT").get(), "+390212345678")
        XCTAssertEqual(try PhoneNumber.normalize("347-123.4567", defaultCountry: "it").get(), "+393471234567")
        XCTAssertEqual(try PhoneNumber.normalize("0039 347 1234567", defaultCountry: "DE").get(), "+393471234567")
        XCTAssertEqual(try PhoneNumber.normalize("+39 (347) 123 4567", defaultCountry: "US").get(), "+393471234567")
    }

    func testOtherCountriesDropTheTrunkPrefix() throws {
        XCTAssertEqual(try PhoneNumber.normalize("030 1234567", defaultCountry: "DE").get(), "+49301234567")
        XCTAssertEqual(try PhoneNumber.normalize("01 23 45 67 89", defaultCountry: "FR").get(), "+33123456789")
        XCTAssertEqual(try PhoneNumber.normalize("1 (415) 555-0100", defaultCountry: "US").get(), "+14155550100")
        XCTAssertEqual(try PhoneNumber.normalize("(415) 555-0100", defaultCountry: "US").get(), "+14155550100")
    }

    func testBadPhonesSayWhy() {
        func problem(_ raw: String, _ country: String = "IT") -> String? {
            if case let .failure(p) = PhoneNumber.normalize(raw, defaultCountry: country) { return p.message }
            return nil
        }
        XCTAssertEqual(problem("call me"), "may contain only digits, spaces and + - . / ( )")
        XCTAssertEqual(problem("123"), "is too short to be a phone number")
        XCTAssertEqual(problem("+39 1234567890123456"), "is too long to be a phone number (15 digits at most)")
        XCTAssertEqual(problem("0212345678", "XX"), "needs an international prefix (+…) for country XX")
        XCTAssertEqual(problem("+0 212345678"), "has no valid country code after the international prefix")
    }

    func testNameKeysIgnoreCaseAccentsPunctuationAndOrder() {
        XCTAssertEqual(SearchKey.name("  Müller-Lüdenscheidt,  Jörg "), "muller ludenscheidt jorg")
        XCTAssertEqual(SearchKey.name("Niccolò D'Amico"), "niccolo d amico")
        XCTAssertEqual(SearchKey.name("Straße"), "strasse")
        XCTAssertEqual(SearchKey.nameWords("Rossi Mario"), SearchKey.nameWords("mario ROSSI"))
        XCTAssertEqual(SearchKey.postcode("sw1a 1aa"), "SW1A1AA")
        XCTAssertEqual(SearchKey.code("zfa-312 000 0123456"), "ZFA3120000123456")
    }

    func testDuplicatesAreRankedAndExplained() {
        let new = DedupeKeys(phones: ["+393471234567"], emails: ["Mario.Rossi@Example.it"], name: "Mario Rossi", postcode: "20138")
        let samePhone = DedupeKeys(phones: ["+393471234567"], name: "M. Rossi")
        let sameEmailAndName = DedupeKeys(emails: ["mario.rossi@example.it"], name: "Rossi Mario", postcode: "20138")
        let sameNameElsewhere = DedupeKeys(name: "Mario Rossi", postcode: "00156")
        let ranked = DuplicateCheck.rank(new, candidates: [(1, samePhone), (2, sameEmailAndName), (3, sameNameElsewhere)])
        XCTAssertEqual(ranked.map(\.candidateID), [2, 1], "a namesake in another town is not offered")
        XCTAssertEqual(ranked[0].reasons, ["same e-mail mario.rossi@example.it", "same name and postcode 20138"])
        XCTAssertEqual(ranked[1].reasons, ["same phone +393471234567"])
    }

    func testAnInitialMatchesTheWrittenOutNameAtTheSamePostcode() {
        XCTAssertTrue(DuplicateCheck.similarNames("m rossi", "mario rossi"))
        XCTAssertTrue(DuplicateCheck.similarNames("anna bianchi", "a bianchi"))
        XCTAssertFalse(DuplicateCheck.similarNames("m r", "mario rossi"), "initials alone prove nothing")
        XCTAssertFalse(DuplicateCheck.similarNames("luca rossi", "mario rossi"))
        XCTAssertFalse(DuplicateCheck.similarNames("m rossi", "mario giuseppe rossi"))
        let near = DuplicateCheck.match(DedupeKeys(phone: nil, email: nil, name: "M. Rossi", postcode: "20121"), candidateID: 7,
                                        DedupeKeys(phone: "+393471112223", email: nil, name: "Mario Rossi", postcode: "20121"))
        XCTAssertEqual(near?.reasons, ["similar name and same postcode 20121"])
        XCTAssertNil(DuplicateCheck.match(DedupeKeys(phone: nil, email: nil, name: "M. Rossi", postcode: "00184"), candidateID: 7,
                                          DedupeKeys(phone: nil, email: nil, name: "Mario Rossi", postcode: "20121")), "elsewhere it is too weak")
    }

    func testAVehicleAloneIsEnough() {
        let match = DuplicateCheck.match(DedupeKeys(name: "Anna", vins: ["zfa31200000123456"]), candidateID: 9, DedupeKeys(name: "Bruno", vins: ["ZFA31200000123456"]))
        XCTAssertEqual(match?.reasons, ["owns the same vehicle (VIN ZFA31200000123456)"])
    }

    func testSearchWordsCoverPunctuatedNames() {
        let input = CustomerInput(kind: .person, firstName: "Niccolò", lastName: "D'Amico-Lüders", email: "Nicco@Example.it", city: "Sesto San Giovanni")
        XCTAssertEqual(input.searchWords, ["niccolo", "d", "amico", "luders", "damicoluders", "sesto", "san", "giovanni"])
    }
}

final class VCardTests: XCTestCase {
    func customer(kind: String = "person", first: String = "Niccolò", last: String = "D'Amico; Jr, II", company: String = "", address: String = "Via Roma 1\nScala B") -> Customer {
        let json = """
        {"id":7,"orgUnitId":1,"kind":"\(kind)","firstName":"\(first)","lastName":"\(last)","companyName":"\(company)","displayName":"\(kind == "company" ? company : first + " " + last)",
         "email":"n@example.it","phone":"+393471234567","address":\(String(reflecting: address)),"postcode":"20138","city":"Milano","country":"IT","consentMarketing":false,"createdAt":"x","updatedAt":"x"}
        """
        return try! JSONDecoder().decode(Customer.self, from: Data(json.utf8))
    }

    func testPersonCardEscapesAndStructures() {
        let card = VCard.card(for: customer())
        XCTAssertTrue(card.hasPrefix("BEGIN:VCARD\r\nVERSION:4.0\r\n"))
        XCTAssertTrue(card.contains("N:D'Amico\\; Jr\\, II;Niccolò;;;\r\n"))
        XCTAssertTrue(card.contains("TEL;VALUE=uri:tel:+393471234567\r\n"))
        XCTAssertTrue(card.contains("ADR:;;Via Roma 1\\nScala B;Milano;;20138;IT\r\n"))
        XCTAssertTrue(card.contains("UID:urn:torque:customer:7\r\n"))
        XCTAssertTrue(card.hasSuffix("END:VCARD\r\n"))
    }

    func testCompanyCardAndLongLinesFold() {
        let long = String(repeating: "Flotte Lombarde ", count: 8)
        let card = VCard.card(for: customer(kind: "company", first: "", last: "", company: long))
        XCTAssertTrue(card.contains("KIND:org"))
        for line in card.components(separatedBy: "\r\n") { XCTAssertLessThanOrEqual(line.utf8.count, 75) }
        XCTAssertTrue(card.contains("\r\n "), "a long line is folded")
    }
}
