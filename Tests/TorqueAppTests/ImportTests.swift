import Foundation
import TorqueApp
import TorqueDomain
import TorqueTestSupport
import XCTest

/// CUS-8 import: CSV and vCard, checked row by row, all or nothing or valid rows only.
final class ImportTests: XCTestCase {
    /// Posts a file to the API and runs the import job.
    func importFile(_ client: TestClient, _ app: TestApp, token: String, _ content: String, query: String) async throws -> (start: TestClient.Reply, result: [String: Any], errors: [[String: Any]]) {
        let start = try await client.request(.post, "/api/v1/imports?\(query)", token: token, json: nil, rawBody: content, contentType: "text/csv")
        guard let id = start.json["id"] as? Int else { return (start, [:], []) }
        _ = try await JobWorker(services: app.services, recurring: []).runOnce()
        let result = try await client.request(.get, "/api/v1/imports/\(id)", token: token).json
        let errors = try await client.request(.get, "/api/v1/imports/\(id)/errors", token: token).list
        return (start, result, errors)
    }

    static let mixed = """
        Nome;Cognome;Telefono;Email;CAP;Città;Consenso
        Mario;Rossi;347 111 2233;mario@example.it;20100;Milano;si
        "Anna Maria";"Bianchi; Jr";"02 1234 5678";;20121;"Milano
        centro";no
        Luca;Verdi;12;;;;forse
        Pia;Neri;347 111 2233;;;;
        """

    func testAllOrNothingRejectsAFileWithBadRowsAndNamesThem() async throws {
        try await TestApp.each { client, app in
            let t = try await client.token("sales1")
            let (start, result, errors) = try await self.importFile(client, app, token: t, Self.mixed, query: "filename=customers.csv")
            XCTAssertEqual(start.status, .accepted, start.text)
            XCTAssertEqual(start.json["mapping"] as? [String], ["first_name", "last_name", "phone", "email", "postcode", "city", "consent_marketing"], "Italian headers are recognised")
            XCTAssertEqual(result["status"] as? String, "rejected")
            XCTAssertEqual(result["created_rows"] as? Int, 0)
            XCTAssertEqual(result["error_rows"] as? Int, 2)
            XCTAssertTrue((result["message"] as? String ?? "").hasPrefix("Nothing was imported: 2 of 4 rows need correcting."))
            XCTAssertEqual(errors.map { "\($0["row_no"]!) \($0["field"]!)" }, ["4 consent_marketing", "4 phone", "5 phone"], "rows counted as a spreadsheet shows them; a quoted newline stays in its row")
            XCTAssertEqual(errors.last?["message"] as? String, "is the same as row 2 in this file")
            let none = try await client.request(.get, "/api/v1/customers?q=rossi", token: t)
            XCTAssertTrue(none.list.isEmpty, "nothing half-imported")
        }
    }

    func testValidRowsOnlyImportsTheRestAndUsesKnownCustomers() async throws {
        try await TestApp.each { client, app in
            // setup: Mario is already a customer of the sibling dealer
            let known = try await client.request(.post, "/api/v1/customers", token: try await client.token("sales2"), json: #"{"first_name":"Mario","last_name":"Rossi","email":"MARIO@example.it"}"#).json["id"] as! Int
            let t = try await client.token("sales1")
            let (_, result, errors) = try await self.importFile(client, app, token: t, Self.mixed, query: "filename=customers.csv&mode=valid_only")
            XCTAssertEqual(result["status"] as? String, "done", "\(result)")
            XCTAssertEqual(result["created_rows"] as? Int, 1)
            XCTAssertEqual(result["existing_rows"] as? Int, 1)
            XCTAssertEqual(errors.count, 3)
            let mario = try await client.request(.get, "/api/v1/customers/\(known)", token: t)
            XCTAssertEqual(mario.status, .ok, "the known customer is shared, not duplicated")
            let anna = try await client.request(.get, "/api/v1/customers?q=bianchi", token: t).list
            XCTAssertEqual(anna.count, 1)
            XCTAssertEqual(anna.first?["last_name"] as? String, "Bianchi; Jr")
            XCTAssertEqual(anna.first?["city"] as? String, "Milano\ncentro")
            XCTAssertEqual(anna.first?["phone"] as? String, "+390212345678")
            let timeline = try await client.request(.get, "/api/v1/customers/\(anna.first!["id"] as! Int)/timeline", token: t)
            XCTAssertEqual(timeline.list.first?["title"] as? String, "Imported from customers.csv")
        }
    }

    func testFileProblemsAreClearErrors() async throws {
        try await TestApp.each { client, app in
            let t = try await client.token("sales1")
            var bytes = Array("first_name,last_name,phone\n".utf8)
            bytes += [0x4A, 0x6F, 0x73, 0xE9] + Array(",P,3471234001\n".utf8)  // "José" in Latin-1
            let bad = try await client.request(.post, "/api/v1/imports?filename=l.csv", token: t, rawBytes: bytes, contentType: "text/csv")
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.errorFields["file"]?.contains("not UTF-8") ?? false, bad.text)
            let noContact = try await self.importFile(client, app, token: t, "name,city\nUgo Foscolo,Milano\n", query: "")
            XCTAssertEqual(noContact.start.status, .unprocessableContent)
            XCTAssertTrue(noContact.start.errorFields["mapping"]?.hasPrefix("Map a column to Phone or E-mail") ?? false, noContact.start.text)
            let wrongCount = try await self.importFile(client, app, token: t, "a,b\nx,y\n", query: "mapping=last_name")
            XCTAssertEqual(wrongCount.start.errorFields["mapping"], "names 1 columns but the file has 2: a, b")
            let badMode = try await self.importFile(client, app, token: t, "a\n", query: "mode=some")
            XCTAssertNotNil(badMode.start.errorFields["mode"])
            let ragged = try await self.importFile(client, app, token: t, "last_name,phone\nRossi,347 000 1111,extra\nBruni,347 000 2222\n", query: "mode=valid_only")
            XCTAssertEqual(ragged.errors.first?["message"] as? String, "has 3 cells but the header names 2 columns (an unquoted comma?)")
            XCTAssertEqual(ragged.result["created_rows"] as? Int, 1)
            let empty = try await client.request(.post, "/api/v1/imports", token: t, rawBytes: [], contentType: "text/csv")
            XCTAssertEqual(empty.errorFields["file"], "is empty")
        }
    }

    func testVCardsWithOddFields() async throws {
        try await TestApp.each { client, app in
            let t = try await client.token("sales1")
            let cards = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Gallo;Marta;;;\r\nFN:Marta Gallo\r\nitem1.TEL;TYPE=CELL:+39 340 555\r\n 1212\r\nEMAIL;TYPE=INTERNET:marta@example.it\r\nADR;TYPE=HOME:;;Via Roma 1;Monza;;20900;IT\r\nX-FOO;BAR=1:odd\r\nEND:VCARD\r\n"
                + "BEGIN:VCARD\r\nVERSION:2.1\r\nORG:Officina Blu\r\nTEL:02 999 8888\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:nobody\r\nEND:VCARD\r\n"
            let (start, result, errors) = try await self.importFile(client, app, token: t, cards, query: "filename=phone.vcf&mode=valid_only")
            XCTAssertEqual(start.json["format"] as? String, "vcard")
            XCTAssertEqual(result["created_rows"] as? Int, 2, "\(result)")
            XCTAssertEqual(errors.map { $0["message"] as! String }, ["has no name (N, FN or ORG)"])
            let marta = try await client.request(.get, "/api/v1/customers?q=marta@example.it", token: t).list.first
            XCTAssertEqual(marta?["phone"] as? String, "+393405551212", "a folded line is unfolded")
            XCTAssertEqual(marta?["city"] as? String, "Monza")
            let blu = try await client.request(.get, "/api/v1/customers?q=officina", token: t).list.first
            XCTAssertEqual(blu?["kind"] as? String, "company")
        }
    }

    func testTheImportPagesMapPreviewAndReport() async throws {
        try await TestApp.each { client, app in
            let s = try await client.session("sales1")
            let bad = try await client.request(.post, "/imports/upload", form: [("_csrf", s.csrf), ("content", "")], cookie: s.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("The file is empty"))
            let up = try await client.request(.post, "/imports/upload", form: [("_csrf", s.csrf), ("content", "Cliente,Cellulare,Note\nRiva,347 222 3344,vip\nSala,99,\n")], cookie: s.cookie)
            XCTAssertEqual(up.status, .seeOther, up.text)
            let page = try await client.request(.get, up.headers[.location]!, cookie: s.cookie)
            XCTAssertTrue(page.text.contains(#"<option value="phone" selected>"#), "Cellulare is recognised as the phone")
            XCTAssertTrue(page.text.contains("phone is too short"), "the preview shows the row's problem")
            let id = Int(up.headers[.location]!.split(separator: "/").last!)!
            // the name column was not recognised: starting without it is refused, the choices kept
            let refused = try await client.request(.post, "/imports/\(id)/start", form: [("_csrf", s.csrf), ("col_0", "ignore"), ("col_1", "phone"), ("col_2", "ignore"), ("mode", "valid_only")], cookie: s.cookie)
            XCTAssertEqual(refused.status, .unprocessableContent)
            XCTAssertTrue(refused.text.contains("Map a column to Last name, Full name or Company."))
            XCTAssertTrue(refused.text.contains(#"<input type="radio" name="mode" value="valid_only" checked>"#))
            let started = try await client.request(.post, "/imports/\(id)/start", form: [("_csrf", s.csrf), ("col_0", "last_name"), ("col_1", "phone"), ("col_2", "ignore"), ("mode", "valid_only")], cookie: s.cookie)
            XCTAssertEqual(started.status, .seeOther)
            let waiting = try await client.request(.get, "/imports/\(id)", cookie: s.cookie)
            XCTAssertTrue(waiting.text.contains(#"http-equiv="refresh""#), "the progress page refreshes itself")
            _ = try await JobWorker(services: app.services, recurring: []).runOnce()
            let done = try await client.request(.get, "/imports/\(id)", cookie: s.cookie)
            XCTAssertTrue(done.text.contains("1 customer created, 0 already known and shared with your unit, 1 row skipped"), done.text)
            let report = try await client.request(.get, "/imports/\(id)/errors.csv", cookie: s.cookie)
            XCTAssertEqual(report.headers[.contentType], "text/csv; charset=utf-8")
            XCTAssertEqual(report.text, "row,field,problem,value\r\n3,phone,is too short to be a phone number,99\r\n")
            let other = try await client.request(.get, "/imports/\(id)", cookie: try await client.session("sales2").cookie)
            XCTAssertEqual(other.status, .notFound)
        }
    }
}
