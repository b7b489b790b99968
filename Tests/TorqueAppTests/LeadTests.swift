import Foundation
import SQLKit
import TorqueDomain
import TorqueStore
import TorqueTestSupport
import XCTest

/// LEAD-1…4: intake on every path, scoring, assignment, first-response SLA, conversion.
final class LeadTests: XCTestCase {
    func testIntakeIsScoredAssignedInTurnAndARepeatJoinsTheOpenLead() async throws {
        try await TestApp.each { client, app in
            // setup: a second salesperson at D-MI1
            let admin = try await client.token("admin")
            let mi1 = try await app.unitID("D-MI1")
            let added = try await client.request(.post, "/api/v1/users", token: admin, json: #"{"login":"sales1b","name":"Bruno Sala","email":"bs@x.it","org_unit_id":\#(mi1),"roles":["salesperson"],"password":"sales-b-password"}"#)
            XCTAssertEqual(added.status, .created, added.text)
            let t = try await client.token("manager1")
            // act: three leads under the default round-robin rule
            var assignees: [String] = []
            for (i, name) in ["Rossi", "Bianchi", "Gallo"].enumerated() {
                let r = try await client.request(.post, "/api/v1/leads", token: t, json: #"{"last_name":"\#(name)","phone":"34700000\#(i)0","interest_model":"Tonale","timeframe":"now","payment":"finance"}"#)
                XCTAssertEqual(r.status, .created, r.text)
                assignees.append(r.json["assigned_user_name"] as? String ?? "nobody")
                XCTAssertEqual(r.json["score"] as? Int, 55, "phone 10 + model 10 + within a month 25 + finance 10")
                XCTAssertEqual(r.json["score_band"] as? String, "warm")
                XCTAssertEqual((r.json["score_reasons"] as? [String])?.first, "+10 phone number given")
            }
            XCTAssertEqual(assignees, ["Sara Colombo", "Bruno Sala", "Sara Colombo"], "salespeople take turns")
            // the same person asks again: no twin, the inquiry joins the open lead
            let again = try await client.request(.post, "/api/v1/leads", token: t, json: #"{"last_name":"Rossi","phone":"+39 347 000 0000","source":"phone","message":"any news?"}"#)
            XCTAssertEqual(again.status, .ok, again.text)
            XCTAssertEqual(again.json["repeat"] as? Bool, true)
            XCTAssertTrue((again.json["message"] as? String ?? "").contains("any news?"))
            let all = try await client.request(.get, "/api/v1/leads", token: t)
            XCTAssertEqual(all.list.count, 3)
            // filters
            let mine = try await client.request(.get, "/api/v1/leads?assigned_to=me", token: try await client.token("sales1"))
            XCTAssertEqual(Set(mine.list.map { $0["last_name"] as! String }), ["Rossi", "Gallo"])
            let byPhone = try await client.request(.get, "/api/v1/leads?q=347%20000%200010", token: t)
            XCTAssertEqual(byPhone.list.map { $0["last_name"] as! String }, ["Bianchi"])
            let byName = try await client.request(.get, "/api/v1/leads?q=gal", token: t)
            XCTAssertEqual(byName.list.map { $0["last_name"] as! String }, ["Gallo"])
            // sorted by score, page by page; and most urgent first
            _ = try await client.request(.patch, "/api/v1/leads/\(all.list.last!["id"] as! Int)", token: t, json: #"{"trade_in":true}"#)
            let top = try await client.request(.get, "/api/v1/leads?sort=score&limit=2", token: t)
            XCTAssertEqual(top.list.map { $0["last_name"] as! String }, ["Rossi", "Gallo"], "Rossi scores 60 with the trade-in, then the newest of the 55s")
            let rest = try await client.request(.get, "/api/v1/leads?sort=score&limit=2&cursor=\(top.json["next_cursor"] as! String)", token: t)
            XCTAssertEqual(rest.list.map { $0["last_name"] as! String }, ["Bianchi"])
            _ = try await client.request(.patch, "/api/v1/leads/\(all.list.first!["id"] as! Int)", token: t, json: #"{"status":"contacted"}"#)
            let urgent = try await client.request(.get, "/api/v1/leads?sort=due", token: t)
            XCTAssertEqual(urgent.list.map { $0["last_name"] as! String }, ["Rossi", "Bianchi", "Gallo"], "answered leads come last")
            let badSort = try await client.request(.get, "/api/v1/leads?sort=size", token: t)
            XCTAssertEqual(badSort.errorFields["sort"], "must be one of: newest, score, due")
            // the assignee finds it on the work list
            let tasks = try await client.request(.get, "/api/v1/tasks", token: try await client.token("sales1"))
            XCTAssertTrue(tasks.list.contains { ($0["title"] as? String ?? "").hasPrefix("Answer new lead L-") && ($0["title"] as? String ?? "").contains("Rossi") })
            // another dealer sees none of them
            let other = try await client.request(.get, "/api/v1/leads", token: try await client.token("sales2"))
            XCTAssertTrue(other.list.isEmpty)
        }
    }

    func testBadLeadInputIsNamedAndTheFormKeepsWhatWasTyped() async throws {
        try await TestApp.each { client, _ in
            let t = try await client.token("sales1")
            let bad = try await client.request(.post, "/api/v1/leads", token: t, json: #"{"last_name":"","phone":"12","source":"pigeon","timeframe":"soon","budget":-5}"#)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertEqual(Set(bad.errorFields.keys), ["last_name", "phone", "source", "timeframe", "budget"])
            let unknown = try await client.request(.post, "/api/v1/leads", token: t, json: #"{"last_name":"X","phone":"3471234567","colour":"red"}"#)
            XCTAssertEqual(unknown.status, .badRequest)
            let s = try await client.session("sales1")
            let form = try await client.request(.post, "/leads", form: [("_csrf", s.csrf), ("first_name", "Lia"), ("last_name", "Conti"), ("phone", "12"), ("message", "Wants the red one"), ("source", "walk_in")], cookie: s.cookie)
            XCTAssertEqual(form.status, .unprocessableContent)
            XCTAssertTrue(form.text.contains("Phone is too short"), form.text)
            XCTAssertTrue(form.text.contains("Wants the red one"), "the message typed is kept")
            XCTAssertTrue(form.text.contains(#"value="Conti""#))
            let ok = try await client.request(.post, "/leads", form: [("_csrf", s.csrf), ("first_name", "Lia"), ("last_name", "Conti"), ("phone", "3471234567"), ("source", "walk_in"), ("timeframe", "three_months")], cookie: s.cookie)
            XCTAssertEqual(ok.status, .seeOther)
            let page = try await client.request(.get, ok.headers[.location]!, cookie: s.cookie)
            XCTAssertTrue(page.text.contains("+20 came to the showroom"), "the score is explained on the page")
            XCTAssertTrue(page.text.contains("answer within") || page.text.contains("answer by"), "the first-response clock is shown")
            let list = try await client.request(.get, "/leads?status=new", cookie: s.cookie)
            XCTAssertTrue(list.text.contains("Lia Conti"))
            let badFilter = try await client.request(.get, "/api/v1/leads?status=lost", token: t)
            XCTAssertEqual(badFilter.errorFields["status"], "must be one of: new, contacted, qualified, disqualified, converted")
        }
    }

    func testTheContactCenterTakesALeadForADealer() async throws {
        try await TestApp.each { client, app in
            let s = try await client.session("agent1")
            let form = try await client.request(.get, "/leads/new", cookie: s.cookie)
            XCTAssertTrue(form.text.contains("For the dealer"), "an OEM agent picks the dealer")
            let mi1 = try await app.unitID("D-MI1")
            let noDealer = try await client.request(.post, "/leads", form: [("_csrf", s.csrf), ("last_name", "Centro"), ("phone", "3471239876"), ("source", "phone")], cookie: s.cookie)
            XCTAssertEqual(noDealer.status, .seeOther, "without a dealer the lead stays at the agent's unit, unassigned")
            let done = try await client.request(.post, "/leads", form: [("_csrf", s.csrf), ("org_unit_id", "\(mi1)"), ("last_name", "Chiamata"), ("phone", "3471239875"), ("source", "phone")], cookie: s.cookie)
            XCTAssertEqual(done.status, .seeOther)
            let lead = try await client.request(.get, "/api/v1/leads?q=chiamata", token: try await client.token("manager1")).list.first
            XCTAssertEqual(lead?["org_unit_id"] as? Int, mi1)
            XCTAssertEqual(lead?["assigned_user_name"] as? String, "Sara Colombo")
            let bad = try await client.request(.post, "/leads", form: [("_csrf", s.csrf), ("org_unit_id", "999999"), ("last_name", "Nessuno"), ("phone", "3471239874")], cookie: s.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("Unit is not a unit you can see"), bad.text)
        }
    }

    func testQualifyingAndDisqualifying() async throws {
        try await TestApp.each { client, _ in
            let t = try await client.token("sales1")
            let id = try await client.request(.post, "/api/v1/leads", token: t, json: #"{"last_name":"Neri","email":"neri@example.it"}"#).json["id"] as! Int
            let q = try await client.request(.patch, "/api/v1/leads/\(id)", token: t, json: #"{"status":"contacted","timeframe":"three_months","trade_in":true}"#)
            XCTAssertEqual(q.status, .ok, q.text)
            XCTAssertNotNil(q.json["first_response_at"], "moving past new is the first response")
            XCTAssertTrue((q.json["score_reasons"] as! [String]).contains("+10 answered our contact"))
            XCTAssertEqual(q.json["score"] as? Int, 5 + 15 + 5 + 10)
            let closed = try await client.request(.patch, "/api/v1/leads/\(id)", token: t, json: #"{"status":"converted"}"#)
            XCTAssertEqual(closed.status, .unprocessableContent)
            let noReason = try await client.request(.post, "/api/v1/leads/\(id)/disqualify", token: t, json: #"{"reason":"other"}"#)
            XCTAssertEqual(noReason.errorFields["note"], "is required")
            let s = try await client.session("sales1")
            let formNoReason = try await client.request(.post, "/leads/\(id)/disqualify", form: [("_csrf", s.csrf), ("note", "changed mind")], cookie: s.cookie)
            XCTAssertEqual(formNoReason.status, .unprocessableContent)
            XCTAssertTrue(formNoReason.text.contains("changed mind"), "the note typed is kept")
            let done = try await client.request(.post, "/leads/\(id)/disqualify", form: [("_csrf", s.csrf), ("reason", "bought_elsewhere"), ("note", "bought a used one")], cookie: s.cookie)
            XCTAssertEqual(done.status, .seeOther)
            let after = try await client.request(.get, "/api/v1/leads/\(id)", token: t)
            XCTAssertEqual(after.json["status"] as? String, "disqualified")
            XCTAssertEqual(after.json["disqualify_reason"] as? String, "bought_elsewhere")
            let again = try await client.request(.post, "/api/v1/leads/\(id)/disqualify", token: t, json: #"{"reason":"spam"}"#)
            XCTAssertEqual(again.status, .conflict)
            let page = try await client.request(.get, "/leads/\(id)", cookie: s.cookie)
            XCTAssertTrue(page.text.contains("Bought elsewhere: bought a used one"))
            XCTAssertFalse(page.text.contains("/leads/\(id)/convert"), "a closed lead offers no conversion")
        }
    }

    func testConversionOffersTheKnownCustomerAndOpensAnOpportunity() async throws {
        try await TestApp.each { client, _ in
            // setup: the person is a customer of the sibling dealer
            let other = try await client.request(.post, "/api/v1/customers", token: try await client.token("sales2"), json: #"{"first_name":"Ada","last_name":"Greco","phone":"3339990001","city":"Monza"}"#).json["id"] as! Int
            let t = try await client.token("sales1")
            let lead = try await client.request(.post, "/api/v1/leads", token: t, json: #"{"first_name":"Ada","last_name":"Greco","phone":"333 999 0001","interest_brand":"Alfa Romeo","interest_model":"Junior","message":"Test drive Saturday?"}"#)
            let id = lead.json["id"] as! Int
            XCTAssertEqual(lead.json["matched_customer_id"] as? Int, other)
            XCTAssertTrue((lead.json["score_reasons"] as! [String]).contains("+10 already a customer of the network"))
            // act: convert without choosing → the twin is proposed
            let ask = try await client.request(.post, "/api/v1/leads/\(id)/convert", token: t, json: "{}")
            XCTAssertEqual(ask.status, .conflict, ask.text)
            XCTAssertEqual((ask.json["candidates"] as? [[String: Any]])?.first?["id"] as? Int, other)
            let stranger = try await client.request(.post, "/api/v1/leads/\(id)/convert", token: t, json: #"{"customer_id":999999}"#)
            XCTAssertEqual(stranger.errorFields["customer_id"], "is neither a customer you can see nor a probable duplicate of the lead")
            let badDate = try await client.request(.post, "/api/v1/leads/\(id)/convert", token: t, json: #"{"customer_id":\#(other),"close_on":"2001-01-01"}"#)
            XCTAssertEqual(badDate.errorFields["close_on"], "is in the past")
            let done = try await client.request(.post, "/api/v1/leads/\(id)/convert", token: t, json: #"{"customer_id":\#(other),"expected_value":31500}"#)
            // check
            XCTAssertEqual(done.status, .created, done.text)
            let opportunity = done.json["opportunity"] as! [String: Any]
            XCTAssertEqual(opportunity["title"] as? String, "Alfa Romeo Junior for Ada Greco")
            XCTAssertEqual(opportunity["expected_value_minor"] as? Int, 3_150_000)
            XCTAssertEqual((done.json["lead"] as! [String: Any])["status"] as? String, "converted")
            let shared = try await client.request(.get, "/api/v1/customers/\(other)", token: t)
            XCTAssertEqual(shared.status, .ok, "the customer is now shared with the converting dealer")
            let timeline = try await client.request(.get, "/api/v1/customers/\(other)/timeline", token: t)
            XCTAssertEqual(timeline.list.map { $0["kind"] as! String }, ["opportunity", "lead"])
            let s = try await client.session("sales1")
            let page = try await client.request(.get, "/customers/\(other)", cookie: s.cookie)
            XCTAssertTrue(page.text.contains("Alfa Romeo Junior for Ada Greco"))
            XCTAssertTrue(page.text.contains("31,500"))
            let twice = try await client.request(.post, "/api/v1/leads/\(id)/convert", token: t, json: #"{"on_duplicate":"create"}"#)
            XCTAssertEqual(twice.status, .conflict)
            let greco = try await client.request(.get, "/api/v1/customers?q=greco", token: t)
            XCTAssertEqual(greco.list.count, 1, "no twin was created")
        }
    }

    func testConvertingFromThePageCreatesTheCustomerWithoutRetyping() async throws {
        try await TestApp.each { client, _ in
            let t = try await client.token("sales1")
            let id = try await client.request(.post, "/api/v1/leads", token: t, json: #"{"first_name":"Ivo","last_name":"Sartori","email":"ivo@example.it","postcode":"20121","city":"Milano"}"#).json["id"] as! Int
            let s = try await client.session("sales1")
            let form = try await client.request(.get, "/leads/\(id)/convert", cookie: s.cookie)
            XCTAssertTrue(form.text.contains("Create the customer (no existing record matches)"))
            XCTAssertTrue(form.text.contains(#"value="New vehicle for Ivo Sartori""#))
            let bad = try await client.request(.post, "/leads/\(id)/convert", form: [("_csrf", s.csrf), ("customer", "create"), ("title", "Estate"), ("expected_value", "lots")], cookie: s.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains(#"value="Estate""#), "the title typed is kept")
            let done = try await client.request(.post, "/leads/\(id)/convert", form: [("_csrf", s.csrf), ("customer", "create"), ("title", "Estate for the family")], cookie: s.cookie)
            XCTAssertEqual(done.status, .seeOther)
            let customerPath = done.headers[.location]!
            XCTAssertTrue(customerPath.hasPrefix("/customers/"))
            let customer = try await client.request(.get, "/api/v1" + customerPath, token: t)
            XCTAssertEqual(customer.json["email"] as? String, "ivo@example.it")
            XCTAssertEqual(customer.json["postcode"] as? String, "20121")
            XCTAssertEqual(customer.json["city"] as? String, "Milano")
        }
    }

    func testANeglectedLeadGoesToTheSalesManagerOnce() async throws {
        try await TestApp.each { client, app in
            let t = try await client.token("sales1")
            let id = try await client.request(.post, "/api/v1/leads", token: t, json: #"{"last_name":"Attesa","phone":"3478887766"}"#).json["id"] as! Int
            let answered = try await client.request(.post, "/api/v1/leads", token: t, json: #"{"last_name":"Risposto","phone":"3478887755"}"#).json["id"] as! Int
            _ = try await client.request(.patch, "/api/v1/leads/\(answered)", token: t, json: #"{"status":"contacted"}"#)
            let none = try await app.services.leads.escalateOverdue(now: Date())
            XCTAssertEqual(none, 0, "nothing is late yet")
            // act: a week later (the deadline counts the dealer's opening hours, so "later" must pass an opening)
            let escalated = try await app.services.leads.escalateOverdue(now: Date() + 7 * 86400)
            // check
            XCTAssertEqual(escalated, 1)
            let managerTasks = try await client.request(.get, "/api/v1/tasks", token: try await client.token("manager1"))
            let titles = managerTasks.list.map { $0["title"] as! String }
            XCTAssertEqual(titles.filter { $0.contains("has no first response") }.count, 1, "\(titles)")
            XCTAssertTrue(titles.contains { $0.contains("Attesa") && $0.contains("from Sara Colombo") })
            let again = try await app.services.leads.escalateOverdue(now: Date() + 8 * 86400)
            XCTAssertEqual(again, 0, "once per lead")
            let late = try await client.request(.get, "/api/v1/leads?overdue=true", token: t)
            XCTAssertEqual(late.list.map { $0["id"] as! Int }, [])  // not late yet by the real clock
            let lead = try await client.request(.get, "/api/v1/leads/\(id)", token: t)
            XCTAssertNotNil(lead.json["escalated_at"])
            // answering closes the manager's reminder too
            _ = try await client.request(.patch, "/api/v1/leads/\(id)", token: t, json: #"{"status":"contacted"}"#)
            let after = try await client.request(.get, "/api/v1/tasks", token: try await client.token("manager1"))
            XCTAssertFalse(after.list.contains { ($0["title"] as! String).contains("Attesa") })
        }
    }

    func testConcurrentIntakeStillTakesTurns() async throws {
        try await TestApp.each { client, app in
            let admin = try await client.token("admin")
            let mi1 = try await app.unitID("D-MI1")
            _ = try await client.request(.post, "/api/v1/users", token: admin, json: #"{"login":"sales1b","name":"Bruno Sala","email":"bs@x.it","org_unit_id":\#(mi1),"roles":["salesperson"],"password":"sales-b-password"}"#)
            let leads = app.services.leads
            // act: 20 inquiries at once (the turn counter is advanced atomically per dealer)
            let assignees = try await withThrowingTaskGroup(of: Int?.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        let person = CustomerInput(kind: .person, lastName: "Parallelo\(i)", email: "p\(i)@example.it")
                        return try await leads.create(LeadInput(person: person, source: .api), unitID: mi1, assignTo: nil, scope: .everything, actor: .system).lead.assignedUserId
                    }
                }
                var all: [Int?] = []
                for try await a in group { all.append(a) }
                return all
            }
            // check
            let counts = Dictionary(grouping: assignees.compactMap { $0 }, by: { $0 }).mapValues(\.count)
            XCTAssertEqual(counts.values.sorted(), [10, 10], "\(counts)")
        }
    }

    func testInABurstOfIntakesAWrongOneFailsAloneAndTheOthersAreSaved() async throws {
        try await TestApp.each { client, app in
            let mi1 = try await app.unitID("D-MI1")
            let stranger = try await app.userID("sales2")  // another dealer's salesperson
            let leads = app.services.leads
            let known = try await app.services.customers.create(CustomerInput(kind: .person, firstName: "Ugo", lastName: "Noto", email: "ugo.noto@example.it"),
                                                                unitID: mi1, scope: .everything, actor: .system)
            // act: 30 inquiries at once (they share transactions), one assigned to someone the
            // dealer does not have, the same person twice, and one from a known customer
            let outcomes = try await withThrowingTaskGroup(of: (Int, Result<LeadIntake, any Error>).self) { group in
                for i in 0..<30 {
                    group.addTask {
                        let person = i == 12 ? CustomerInput(kind: .person, firstName: "Ugo", lastName: "Noto", email: "ugo.noto@example.it")
                            : CustomerInput(kind: .person, lastName: "Raffica\(i)", email: i == 29 ? "raffica0@example.it" : "raffica\(i)@example.it")
                        do {
                            return (i, .success(try await leads.create(LeadInput(person: person, source: .api), unitID: mi1, assignTo: i == 7 ? stranger : nil,
                                                                      scope: .everything, actor: .system)))
                        } catch { return (i, .failure(error)) }
                    }
                }
                var all: [Int: Result<LeadIntake, any Error>] = [:]
                for try await (i, r) in group { all[i] = r }
                return all
            }
            // check: only the wrong one failed, with its field named
            guard case .failure(StoreError.invalid(let errors)) = outcomes[7]! else { return XCTFail("the wrong assignment must be refused: \(outcomes[7]!)") }
            XCTAssertNotNil(errors.fields["assigned_user_id"])
            let saved = outcomes.filter { $0.key != 7 }.compactMap { try? $0.value.get() }
            XCTAssertEqual(saved.count, 29)
            XCTAssertEqual(saved.filter(\.isRepeat).count, 1, "the second inquiry of raffica0 is added to the first")
            let count = try await app.services.db.sql.raw("SELECT COUNT(*) AS n FROM leads WHERE last_name LIKE 'Raffica%'").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(count, 27)
            // every new lead has its first-response task and audit entry; the known customer's is
            // matched and on the customer's timeline
            let new = saved.filter { !$0.isRepeat }.map(\.lead)
            XCTAssertEqual(new.count, 28)
            let ids = new.map(\.id)
            let tasks = try await app.services.db.sql.raw("SELECT COUNT(*) AS n FROM tasks WHERE lead_id IN \(SQLBind.group(ids))").first()!.decode(column: "n", as: Int.self)
            let audits = try await app.services.db.sql.raw("SELECT COUNT(*) AS n FROM audit_events WHERE record_type = 'lead' AND action = 'create' AND record_id IN \(SQLBind.group(ids))").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(tasks, new.filter { $0.assignedUserId != nil }.count)
            XCTAssertEqual(audits, 28)
            XCTAssertTrue(new.allSatisfy { $0.assignedUserId != nil && $0.assignedUserName != nil }, "every lead of the burst is given to a named salesperson")
            let ugo = try XCTUnwrap(new.first { $0.lastName == "Noto" })
            XCTAssertEqual(ugo.matchedCustomerId, known.id)
            let timeline = try await app.services.timeline.list(customerID: known.id, scope: .everything)
            XCTAssertTrue(timeline.items.contains { $0.refType == "lead" && $0.refId == ugo.id }, "the known customer's timeline shows the lead")
        }
    }

    func testAMergeTakesTheLeadsAndOpportunitiesAlongAndItsUndoBringsThemBack() async throws {
        try await TestApp.each { client, app in
            let t = try await client.token("sales1")
            let a = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"first_name":"Aldo","last_name":"Fumagalli","phone":"3489990001"}"#).json["id"] as! Int
            let b = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"first_name":"Aldo","last_name":"Fumagalli","email":"aldo@example.it","on_duplicate":"create"}"#).json["id"] as! Int
            let lead = try await client.request(.post, "/api/v1/leads", token: t, json: #"{"first_name":"Aldo","last_name":"Fumagalli","email":"aldo@example.it"}"#).json
            XCTAssertEqual(lead["matched_customer_id"] as? Int, b)
            let converted = try await client.request(.post, "/api/v1/leads/\(lead["id"] as! Int)/convert", token: t, json: #"{"customer_id":\#(b)}"#)
            XCTAssertEqual(converted.status, .created, converted.text)
            // act
            let merged = try await client.request(.post, "/api/v1/customers/merge", token: t, json: #"{"survivor_id":\#(a),"merged_id":\#(b)}"#)
            XCTAssertEqual(merged.status, .ok, merged.text)
            // check: the converted lead and its opportunity now belong to the survivor
            let moved = try await client.request(.get, "/api/v1/leads/\(lead["id"] as! Int)", token: t).json
            XCTAssertEqual(moved["customer_id"] as? Int, a)
            XCTAssertEqual(moved["matched_customer_id"] as? Int, a)
            let s = try await client.session("sales1")
            let page = try await client.request(.get, "/customers/\(a)", cookie: s.cookie)
            XCTAssertTrue(page.text.contains("New vehicle for Aldo Fumagalli"), "the opportunity is on the survivor's page")
            let eventID = try await app.services.db.sql.raw("SELECT id FROM audit_events WHERE action = 'merge' ORDER BY id DESC").first()!.decode(column: "id", as: Int.self)
            let undo = try await client.request(.post, "/api/v1/customers/merge/undo", token: t, json: #"{"audit_event_id":\#(eventID)}"#)
            XCTAssertEqual(undo.status, .ok, undo.text)
            let back = try await client.request(.get, "/api/v1/leads/\(lead["id"] as! Int)", token: t).json
            XCTAssertEqual(back["customer_id"] as? Int, b)
        }
    }
}
