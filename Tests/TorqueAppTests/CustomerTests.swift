import TorqueDomain
import TorqueTestSupport
import XCTest

/// CUS-1, CUS-2, CUS-7: one customer across the network, found before a twin is made.
final class CustomerTests: XCTestCase {
    func testAWalkInKnownAtTheSiblingDealerIsOfferedAndSharedNotDuplicated() async throws {
        try await TestApp.each { client, app in
            let sales1 = try await client.token("sales1"), sales2 = try await client.token("sales2")
            // setup: Mario is a customer of Autorama Milano
            let first = try await client.request(.post, "/api/v1/customers", token: sales1, json: #"{"first_name":"Mario","last_name":"Rossi","phone":"347 123 4567","email":"mario.rossi@example.it","postcode":"20138","city":"Milano"}"#)
            XCTAssertEqual(first.status, .created, first.text)
            let id = first.json["id"] as! Int
            XCTAssertEqual(first.json["phone"] as? String, "+393471234567")
            XCTAssertEqual(first.json["number"] as? String, "C-\(10000 + id)")
            // act: Brianza Motori types him in again, differently
            let again = try await client.request(.post, "/api/v1/customers", token: sales2, json: #"{"first_name":"mario","last_name":"ROSSI","phone":"+39 347-1234567"}"#)
            // check: a 409 with the candidate, without his contact details
            XCTAssertEqual(again.status, .conflict)
            XCTAssertEqual(again.errorCode, "duplicate_found")
            let candidates = again.json["candidates"] as! [[String: Any]]
            XCTAssertEqual(candidates.map { $0["id"] as! Int }, [id])
            XCTAssertEqual(candidates[0]["visible"] as? Bool, false)
            XCTAssertEqual(candidates[0]["reasons"] as? [String], ["same phone +393471234567", "same name"])
            XCTAssertFalse(again.text.contains("mario.rossi@example.it"))
            let hidden = try await client.request(.get, "/api/v1/customers/\(id)", token: sales2)
            XCTAssertEqual(hidden.status, .notFound)
            // an arbitrary id cannot be taken over
            let grab = try await client.request(.post, "/api/v1/customers", token: sales2, json: #"{"last_name":"Bianchi","phone":"3330000000","use_customer_id":\#(id)}"#)
            XCTAssertEqual(grab.status, .unprocessableContent)
            XCTAssertEqual(grab.errorFields["use_customer_id"], "is not one of the probable duplicates of what you entered")
            // "use this customer": shared with Brianza Motori, still one record
            let use = try await client.request(.post, "/api/v1/customers", token: sales2, json: #"{"first_name":"mario","last_name":"ROSSI","phone":"+39 347-1234567","use_customer_id":\#(id)}"#)
            XCTAssertEqual(use.status, .ok, use.text)
            XCTAssertEqual(use.json["id"] as? Int, id)
            let visible = try await client.request(.get, "/api/v1/customers/\(id)", token: sales2)
            XCTAssertEqual(visible.status, .ok)
            let count = try await app.services.db.sql.raw("SELECT COUNT(*) AS n FROM customers").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(count, 1)
            // creating anyway is possible when it really is someone else
            let namesake = try await client.request(.post, "/api/v1/customers", token: sales2, json: #"{"first_name":"Mario","last_name":"Rossi","email":"altro.mario@example.it","on_duplicate":"create"}"#)
            XCTAssertEqual(namesake.status, .created)
        }
    }

    func testSearchByNamePhoneEmailAndNumberWithinScope() async throws {
        try await TestApp.each { client, _ in
            let sales1 = try await client.token("sales1"), sales2 = try await client.token("sales2")
            let c = try await client.request(.post, "/api/v1/customers", token: sales1, json: #"{"first_name":"Niccolò","last_name":"D'Amico-Lüders","phone":"02 4567 8910","email":"nicco@damico.example","city":"Sesto San Giovanni"}"#)
            XCTAssertEqual(c.status, .created, c.text)
            _ = try await client.request(.post, "/api/v1/customers", token: sales1, json: #"{"kind":"company","company_name":"Flotte Lombarde S.r.l.","email":"fleet@flotte.example"}"#)
            let number = c.json["number"] as! String
            for q in ["nicc", "NICCOLO", "luders", "damico", "d'amico", "amico nicc", "sesto", "02/45678910", "+39 02 4567 8910", "nicco@", number, number.lowercased()] {
                let r = try await client.request(.get, "/api/v1/customers?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", token: sales1)
                XCTAssertEqual(r.list.map { $0["number"] as! String }, [number], "search for \(q)")
            }
            let company = try await client.request(.get, "/api/v1/customers?q=flotte", token: sales1)
            XCTAssertEqual(company.list.map { $0["display_name"] as! String }, ["Flotte Lombarde S.r.l."])
            let none = try await client.request(.get, "/api/v1/customers?q=zzz", token: sales1)
            XCTAssertTrue(none.list.isEmpty)
            let otherDealer = try await client.request(.get, "/api/v1/customers?q=nicc", token: sales2)
            XCTAssertTrue(otherDealer.list.isEmpty, "the sibling dealer does not find it")
            let region = try await client.request(.get, "/api/v1/customers?q=nicc", token: try await client.token("regional1"))
            XCTAssertEqual(region.list.count, 1, "the regional manager does")
        }
    }

    func testBadCustomerInputIsNamed() async throws {
        try await TestApp.each { client, _ in
            let t = try await client.token("sales1")
            let r = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"first_name":"X","phone":"call me maybe","email":"nope","country":"ZZ"}"#)
            XCTAssertEqual(r.status, .unprocessableContent)
            XCTAssertEqual(r.errorFields["last_name"], "is required")
            XCTAssertEqual(r.errorFields["email"], "is not a valid e-mail address")
            XCTAssertEqual(r.errorFields["country"], "is not a country code we know (e.g. IT, DE, FR)")
            let unreachable = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"last_name":"Solo"}"#)
            XCTAssertEqual(unreachable.errorFields["phone"], "give a phone number or an e-mail address, so the customer can be reached")
            let company = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"kind":"company","email":"a@b.it"}"#)
            XCTAssertEqual(company.errorFields["company_name"], "is required")
            let technician = try await client.request(.post, "/api/v1/customers", token: try await client.token("tech1"), json: #"{"last_name":"X","email":"x@y.it"}"#)
            XCTAssertEqual(technician.status, .forbidden)
        }
    }

    func testTheWalkInFormOffersTheExistingCustomerAndKeepsWhatWasTyped() async throws {
        try await TestApp.each { client, _ in
            let t = try await client.token("sales1")
            let existing = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"first_name":"Giulia","last_name":"Conti","phone":"3389876543"}"#)
            let id = existing.json["id"] as! Int
            let s = try await client.session("sales1")
            let typed: [(String, String)] = [("_csrf", s.csrf), ("kind", "person"), ("first_name", "Giulia"), ("last_name", "Conti"), ("phone", "338 987 6543"), ("email", "giulia@conti.example")]
            let offered = try await client.request(.post, "/customers", form: typed, cookie: s.cookie)
            XCTAssertEqual(offered.status, .conflict)
            XCTAssertTrue(offered.text.contains("This customer is probably known already"))
            XCTAssertTrue(offered.text.contains(#"name="use_customer_id" value="\#(id)""#))
            XCTAssertTrue(offered.text.contains(#"value="giulia@conti.example""#), "typed input is kept")
            let used = try await client.request(.post, "/customers", form: typed + [("use_customer_id", "\(id)")], cookie: s.cookie)
            XCTAssertEqual(used.status, .seeOther)
            XCTAssertEqual(used.headers[.location], "/customers/\(id)")
            let list = try await client.request(.get, "/customers?q=giulia", cookie: s.cookie)
            XCTAssertEqual(list.text.components(separatedBy: "/customers/\(id)\"").count - 1, 1)
            let page = try await client.request(.get, "/customers/\(id)", cookie: s.cookie)
            XCTAssertTrue(page.text.contains("C-\(10000 + id)"))
            let card = try await client.request(.get, "/api/v1/customers/\(id)/vcard", cookie: s.cookie)
            XCTAssertEqual(card.headers[.contentType], "text/vcard; charset=utf-8")
            XCTAssertTrue(card.text.contains("N:Conti;Giulia;;;"))
            XCTAssertTrue(card.text.contains("TEL;VALUE=uri:tel:+393389876543"))
            XCTAssertTrue(page.text.contains(#"action="/customers""#), "the top-bar search is wired to customers")
            // edit: a bad phone is shown beside the field, a good one saved and audited
            let bad = try await client.request(.post, "/customers/\(id)", form: [("_csrf", s.csrf), ("kind", "person"), ("first_name", "Giulia"), ("last_name", "Conti"), ("phone", "ring ring")], cookie: s.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("Phone may contain only digits"))
            XCTAssertTrue(bad.text.contains(#"value="ring ring""#))
            let good = try await client.request(.post, "/customers/\(id)", form: [("_csrf", s.csrf), ("kind", "person"), ("first_name", "Giulia"), ("last_name", "Conti-Bassi"), ("phone", "338 987 6543")], cookie: s.cookie)
            XCTAssertEqual(good.status, .seeOther)
            let found = try await client.request(.get, "/api/v1/customers?q=bassi", token: t)
            XCTAssertEqual(found.list.map { $0["id"] as! Int }, [id], "search words follow the edit")
        }
    }

    func testNamePrefixesFindEveryMatchNewestFirstPageByPage() async throws {
        try await TestApp.each { client, _ in
            let t = try await client.token("sales1")
            for (i, (first, last)) in [("Mario", "Rossi"), ("Marta", "Rossini"), ("Mario", "Bianchi"), ("Luca", "Rossi"), ("Matilde", "Rosso")].enumerated() {
                _ = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"first_name":"\#(first)","last_name":"\#(last)","phone":"34712300\#(i)0"}"#)
            }
            let names = { (q: String) async throws -> [String] in
                try await client.request(.get, "/api/v1/customers?q=\(q)", token: t).list.map { $0["display_name"] as! String }
            }
            let rossMa = try await names("ross%20ma")
            XCTAssertEqual(rossMa, ["Matilde Rosso", "Marta Rossini", "Mario Rossi"])
            let broad = try await names("m")
            XCTAssertEqual(broad, ["Matilde Rosso", "Mario Bianchi", "Marta Rossini", "Mario Rossi"], "a one-letter prefix still works")
            let page1 = try await client.request(.get, "/api/v1/customers?q=ross&limit=2", token: t)
            XCTAssertEqual(page1.list.map { $0["display_name"] as! String }, ["Matilde Rosso", "Luca Rossi"])
            let page2 = try await client.request(.get, "/api/v1/customers?q=ross&limit=2&cursor=\(page1.json["next_cursor"] as! String)", token: t)
            XCTAssertEqual(page2.list.map { $0["display_name"] as! String }, ["Marta Rossini", "Mario Rossi"])
            let none = try await names("zzz")
            XCTAssertEqual(none, [])
            let longWord = try await names("rossini")
            XCTAssertEqual(longWord, ["Marta Rossini"], "a word longer than the indexed prefixes is matched in full")
            let longBoth = try await names("mario%20rossi")
            XCTAssertEqual(longBoth, ["Mario Rossi"])
            let other = try await client.request(.get, "/api/v1/customers?q=ross", token: try await client.token("sales2"))
            XCTAssertTrue(other.list.isEmpty, "another dealer's customers stay out")
        }
    }

    func testAnInitialAtTheSamePostcodeIsOffered() async throws {
        try await TestApp.each { client, _ in
            let t = try await client.token("sales1")
            let mario = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"first_name":"Mario","last_name":"Rossi","phone":"3471112223","postcode":"20121"}"#).json["id"] as! Int
            let twin = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"first_name":"M.","last_name":"Rossi","email":"mr@example.it","postcode":"20121"}"#)
            XCTAssertEqual(twin.status, .conflict, twin.text)
            let candidate = (twin.json["candidates"] as? [[String: Any]])?.first
            XCTAssertEqual(candidate?["id"] as? Int, mario)
            XCTAssertEqual(candidate?["reasons"] as? [String], ["similar name and same postcode 20121"])
        }
    }

    func testPhonesAreReadInTheDealersCountry() async throws {
        try await TestApp.each { client, app in
            let admin = try await client.token("admin")
            let moved = try await client.request(.patch, "/api/v1/org-units/\(try await app.unitID("D-MI2"))", token: admin, json: #"{"country":"CH"}"#)
            XCTAssertEqual(moved.json["country"] as? String, "CH")
            let bad = try await client.request(.patch, "/api/v1/org-units/\(try await app.unitID("D-MI2"))", token: admin, json: #"{"country":"XX"}"#)
            XCTAssertEqual(bad.errorFields["country"], "is not a country code we know (e.g. IT, DE, FR)")
            let swiss = try await client.request(.post, "/api/v1/customers", token: try await client.token("sales2"), json: #"{"last_name":"Keller","phone":"044 123 45 67"}"#)
            XCTAssertEqual(swiss.json["phone"] as? String, "+41441234567")
            let italian = try await client.request(.post, "/api/v1/customers", token: try await client.token("sales1"), json: #"{"last_name":"Galli","phone":"02 1234 5678"}"#)
            XCTAssertEqual(italian.json["phone"] as? String, "+390212345678")
        }
    }

    func testMergeKeepsTheChosenValuesAndEveryContact() async throws {
        try await TestApp.each { client, app in
            let t = try await client.token("sales1")
            let a = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"first_name":"Enzo","last_name":"Bruni","phone":"3471112223"}"#).json["id"] as! Int
            let b = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"first_name":"Vincenzo","last_name":"Bruni","email":"enzo.bruni@example.it","city":"Monza"}"#).json["id"] as! Int
            _ = try await client.request(.post, "/api/v1/customers/\(b)/contacts", token: t, json: #"{"channel":"email","outcome":"asked for brochure"}"#)
            let same = try await client.request(.post, "/api/v1/customers/merge", token: t, json: #"{"survivor_id":\#(a),"merged_id":\#(a)}"#)
            XCTAssertEqual(same.status, .unprocessableContent)
            XCTAssertEqual(same.errorFields["merged_id"], "is the same customer as survivor_id")
            let badField = try await client.request(.post, "/api/v1/customers/merge", token: t, json: #"{"survivor_id":\#(a),"merged_id":\#(b),"take":{"password":"merged"}}"#)
            XCTAssertEqual(badField.errorFields["take.password"], "is not a field that can be chosen")
            let other = try await client.request(.post, "/api/v1/customers", token: try await client.token("sales2"), json: #"{"last_name":"Altro","phone":"3479998887"}"#).json["id"] as! Int
            let outOfScope = try await client.request(.post, "/api/v1/customers/merge", token: t, json: #"{"survivor_id":\#(a),"merged_id":\#(other)}"#)
            XCTAssertEqual(outOfScope.status, .notFound)
            // act
            let merged = try await client.request(.post, "/api/v1/customers/merge", token: t, json: #"{"survivor_id":\#(a),"merged_id":\#(b),"take":{"email":"merged","city":"merged"}}"#)
            // check
            XCTAssertEqual(merged.status, .ok, merged.text)
            XCTAssertEqual(merged.json["first_name"] as? String, "Enzo")
            XCTAssertEqual(merged.json["email"] as? String, "enzo.bruni@example.it")
            XCTAssertEqual(merged.json["phone"] as? String, "+393471112223")
            XCTAssertEqual(merged.json["city"] as? String, "Monza")
            let gone = try await client.request(.get, "/api/v1/customers/\(b)", token: t)
            XCTAssertEqual(gone.status, .notFound)
            let contacts = try await client.request(.get, "/api/v1/customers/\(a)/contacts", token: t)
            XCTAssertEqual(contacts.list.map { $0["outcome"] as! String }, ["asked for brochure"])
            let timeline = try await client.request(.get, "/api/v1/customers/\(a)/timeline", token: t)
            XCTAssertEqual(timeline.list.map { $0["kind"] as! String }, ["merge", "contact"], "the merged record's timeline moved to the survivor")
            XCTAssertTrue((timeline.list[0]["title"] as! String).contains("Vincenzo Bruni"))
            let found = try await client.request(.get, "/api/v1/customers?q=enzo.bruni@", token: t)
            XCTAssertEqual(found.list.map { $0["id"] as! Int }, [a])
            let byMergedName = try await client.request(.get, "/api/v1/customers?q=vincenzo", token: t)
            XCTAssertEqual(byMergedName.list.map { $0["id"] as! Int }, [], "the merged record's name no longer finds anyone")
            let history = try await client.request(.get, "/api/v1/audit-events?record_type=customer&record_id=\(a)", token: try await client.token("admin"))
            XCTAssertEqual(history.list.first?["action"] as? String, "merge")
            // undo from the audit entry: both records as before, the contact back where it was
            let eventID = history.list.first!["id"] as! Int
            let undo = try await client.request(.post, "/api/v1/customers/merge/undo", token: t, json: #"{"audit_event_id":\#(eventID)}"#)
            XCTAssertEqual(undo.status, .ok, undo.text)
            let back = try await client.request(.get, "/api/v1/customers/\(b)", token: t)
            XCTAssertEqual(back.json["email"] as? String, "enzo.bruni@example.it")
            let byRestoredName = try await client.request(.get, "/api/v1/customers?q=vincenzo%20bru", token: t)
            XCTAssertEqual(byRestoredName.list.map { $0["id"] as! Int }, [b], "the restored customer is found by name again")
            XCTAssertEqual(back.json["first_name"] as? String, "Vincenzo")
            let survivorAgain = try await client.request(.get, "/api/v1/customers/\(a)", token: t)
            XCTAssertNil(survivorAgain.json["email"] as? String)
            XCTAssertEqual(survivorAgain.json["city"] as? String, "")
            let bContacts = try await client.request(.get, "/api/v1/customers/\(b)/contacts", token: t)
            XCTAssertEqual(bContacts.list.count, 1)
            let aContacts = try await client.request(.get, "/api/v1/customers/\(a)/contacts", token: t)
            XCTAssertTrue(aContacts.list.isEmpty)
            let bTimeline = try await client.request(.get, "/api/v1/customers/\(b)/timeline?kind=contact", token: t)
            XCTAssertEqual(bTimeline.list.map { $0["detail"] as! String }, ["asked for brochure"], "the contact is back on the restored customer's timeline")
            let aTimeline = try await client.request(.get, "/api/v1/customers/\(a)/timeline", token: t)
            XCTAssertEqual(aTimeline.list.map { $0["kind"] as! String }, ["merge", "merge"], "merge and its undo stay on the survivor's timeline")
            let twice = try await client.request(.post, "/api/v1/customers/merge/undo", token: t, json: #"{"audit_event_id":\#(eventID)}"#)
            XCTAssertEqual(twice.status, .conflict)
            let newCustomer = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"last_name":"Nuovo","phone":"3475550000"}"#)
            XCTAssertEqual(newCustomer.status, .created, "ids keep working after an id was restored")
            _ = app
        }
    }

    func testMergeFromTheCustomerPage() async throws {
        try await TestApp.each { client, _ in
            let t = try await client.token("manager1")
            let a = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"first_name":"Rita","last_name":"Serra","phone":"3401010101"}"#)
            let b = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"first_name":"Rita","last_name":"Serra","email":"rita@serra.example","on_duplicate":"create"}"#)
            let (aID, bID, bNumber) = (a.json["id"] as! Int, b.json["id"] as! Int, b.json["number"] as! String)
            let s = try await client.session("manager1")
            let compare = try await client.request(.get, "/customers/\(aID)/merge?with=\(bNumber)", cookie: s.cookie)
            XCTAssertEqual(compare.status, .ok)
            XCTAssertTrue(compare.text.contains(#"name="take_email" value="merged" checked"#), "an empty field takes the other record's value by default")
            let wrong = try await client.request(.get, "/customers/\(aID)/merge?with=C-99999", cookie: s.cookie)
            XCTAssertEqual(wrong.status, .seeOther)
            let done = try await client.request(.post, "/customers/\(aID)/merge", form: [("_csrf", s.csrf), ("merged_id", "\(bID)"), ("take_email", "merged"), ("confirm", "on")], cookie: s.cookie)
            XCTAssertEqual(done.status, .seeOther)
            let after = try await client.request(.get, "/api/v1/customers/\(aID)", token: t)
            XCTAssertEqual(after.json["email"] as? String, "rita@serra.example")
            XCTAssertEqual(after.json["phone"] as? String, "+393401010101")
            let gone = try await client.request(.get, "/api/v1/customers/\(bID)", token: t)
            XCTAssertEqual(gone.status, .notFound)
            // the history on the page offers the undo
            let page = try await client.request(.get, "/customers/\(aID)", cookie: s.cookie)
            guard let r = page.text.range(of: #"action="/customers/merges/"#) else { return XCTFail("no undo button") }
            let eventID = String(page.text[r.upperBound...].prefix { $0.isNumber })
            let undo = try await client.request(.post, "/customers/merges/\(eventID)/undo", form: [("_csrf", s.csrf)], cookie: s.cookie)
            XCTAssertEqual(undo.status, .seeOther)
            let back = try await client.request(.get, "/api/v1/customers/\(bID)", token: t)
            XCTAssertEqual(back.status, .ok)
        }
    }
}
