import TorqueDomain
import XCTest

/// CUS-8 import rules with plain values: header guessing, full names, vCards.
final class ImportReadingTests: XCTestCase {
    func testHeadersAreRecognisedInEnglishAndItalian() {
        XCTAssertEqual(ImportColumn.guess(["Nome", "Cognome", "Cellulare", "E-mail", "CAP", "Città", "Ragione sociale", "Note"]),
                       [.firstName, .lastName, .phone, .email, .postcode, .city, .companyName, .ignore])
        XCTAssertEqual(ImportColumn.guess(["Full Name", "Phone", "Mobile", "ZIP"]), [.fullName, .phone, .ignore, .postcode], "a field takes its first column only")
    }

    func testAFullNameIsSplitAtItsLastWord() {
        let f = ImportedFields(row: ["Anna Maria De Luca ", "x"], mapping: [.fullName, .ignore])
        XCTAssertEqual(f[.firstName], "Anna Maria De")
        XCTAssertEqual(f[.lastName], "Luca")
        XCTAssertEqual(ImportedFields.flag("Sì"), .some(true))
        XCTAssertEqual(ImportedFields.flag("maybe"), .none)
        XCTAssertEqual(ImportedFields.flag(nil), .some(nil))
    }

    func testVCardsOfEveryVersion() {
        let text = """
            BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Nicol=C3=B2;Pia;;;\r\nTEL;CELL:+39 333 1234567\r\nEND:VCARD\r\n\
            BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nADR:;;Via Po 1\\, int. 2;Torino;;10121;it\r\nEND:VCARD\r\n\
            BEGIN:VCARD\r\nVERSION:3.0\r\nN:Senza;Fine;;;\r\n
            """
        let cards = VCardReader.read(text)
        XCTAssertEqual(cards.count, 3)
        XCTAssertEqual(cards[0].fields[.lastName], "Nicolò", "quoted-printable UTF-8")
        XCTAssertEqual(cards[0].fields[.phone], "+39 333 1234567")
        XCTAssertEqual(cards[1].fields[.firstName], "Ada")
        XCTAssertEqual(cards[1].fields[.address], "Via Po 1, int. 2", "escaped comma")
        XCTAssertEqual(cards[1].fields[.country], "IT")
        XCTAssertEqual(cards[2].problem, "ends without END:VCARD")
    }
}
