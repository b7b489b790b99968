import Foundation
import TorqueApp
import TorqueDomain
import TorqueTestSupport
import XCTest

/// CUS-5: log a contact in two clicks; a follow-up date lands on the work list.
final class ContactTests: XCTestCase {
    func today() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Europe/Rome")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }

    func testLoggingAContactWithAFollowUpPutsItOnTheHomeWorkList() async throws {
        try await TestApp.each { client, _ in
            let t = try await client.token("sales1")
            let c = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"first_name":"Carla","last_name":"Moretti","phone":"3401234567"}"#)
            let id = c.json["id"] as! Int
            let s = try await client.session("sales1")
            let bad = try await client.request(.post, "/customers/\(id)/contacts", form: [("_csrf", s.csrf), ("channel", "phone"), ("direction", "outbound"), ("outcome", "Call back Friday"), ("follow_up_on", "2001-01-01")], cookie: s.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("Follow-up date is in the past"))
            XCTAssertTrue(bad.text.contains(#"value="Call back Friday""#), "the outcome typed is kept")
            let ok = try await client.request(.post, "/customers/\(id)/contacts", form: [("_csrf", s.csrf), ("channel", "phone"), ("direction", "outbound"), ("outcome", "Call back Friday"), ("note", "Prefers mornings"), ("follow_up_on", self.today())], cookie: s.cookie)
            XCTAssertEqual(ok.status, .seeOther)
            let page = try await client.request(.get, "/customers/\(id)", cookie: s.cookie)
            XCTAssertTrue(page.text.contains("Prefers mornings"))
            let home = try await client.request(.get, "/", cookie: s.cookie)
            XCTAssertTrue(home.text.contains("Follow up with Carla Moretti: Call back Friday"))
            XCTAssertFalse(home.text.contains("Nothing needs you right now"))
            // someone else's work list does not show it
            let other = try await client.session("manager1")
            let otherHome = try await client.request(.get, "/", cookie: other.cookie)
            XCTAssertFalse(otherHome.text.contains("Carla Moretti"))
            // tick it off
            let tasks = try await client.request(.get, "/api/v1/tasks", token: t)
            let taskID = tasks.list.first!["id"] as! Int
            let done = try await client.request(.post, "/tasks/\(taskID)/done", form: [("_csrf", s.csrf)], cookie: s.cookie)
            XCTAssertEqual(done.status, .seeOther)
            let after = try await client.request(.get, "/", cookie: s.cookie)
            XCTAssertTrue(after.text.contains("Nothing needs you right now"))
        }
    }

    func testContactsThroughTheAPINewestFirstWithFieldErrors() async throws {
        try await TestApp.each { client, _ in
            let t = try await client.token("agent1")
            let c = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"last_name":"Sala","email":"sala@example.it"}"#)
            let id = c.json["id"] as! Int
            let first = try await client.request(.post, "/api/v1/customers/\(id)/contacts", token: t, json: #"{"channel":"email","outcome":"brochure sent"}"#)
            XCTAssertEqual(first.status, .created, first.text)
            _ = try await client.request(.post, "/api/v1/customers/\(id)/contacts", token: t, json: #"{"channel":"phone","direction":"outbound","outcome":"booked test drive"}"#)
            let list = try await client.request(.get, "/api/v1/customers/\(id)/contacts", token: t)
            XCTAssertEqual(list.list.map { $0["outcome"] as! String }, ["booked test drive", "brochure sent"])
            XCTAssertEqual(list.list.first?["user_name"] as? String, "Valentina Bruno")
            let bad = try await client.request(.post, "/api/v1/customers/\(id)/contacts", token: t, json: #"{"channel":"pigeon","direction":"sideways","follow_up_on":"2026-02-30"}"#)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertEqual(Set(bad.errorFields.keys), ["channel", "direction", "follow_up_on"])
            XCTAssertEqual(bad.errorFields["follow_up_on"], "must be a date like 2026-12-01")
            let notMine = try await client.request(.post, "/api/v1/tasks/999999/done", token: t)
            XCTAssertEqual(notMine.status, .notFound)
        }
    }

    func testTheTimelineListsEveryContactNewestFirstAndIsScoped() async throws {
        try await TestApp.each { client, _ in
            let t = try await client.token("sales1")
            let id = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"last_name":"Ferri","phone":"3405556667"}"#).json["id"] as! Int
            for outcome in ["first", "second", "third"] {
                _ = try await client.request(.post, "/api/v1/customers/\(id)/contacts", token: t, json: #"{"channel":"sms","direction":"outbound","outcome":"\#(outcome)","note":"n"}"#)
            }
            let page1 = try await client.request(.get, "/api/v1/customers/\(id)/timeline?limit=2", token: t)
            XCTAssertEqual(page1.status, .ok, page1.text)
            XCTAssertEqual(page1.list.map { $0["detail"] as! String }, ["third — n", "second — n"])
            XCTAssertEqual(page1.list.first?["title"] as? String, "SMS, us to customer")
            XCTAssertEqual(page1.list.first?["ref_type"] as? String, "contact")
            let cursor = try XCTUnwrap(page1.json["next_cursor"] as? String)
            let page2 = try await client.request(.get, "/api/v1/customers/\(id)/timeline?limit=2&cursor=\(cursor)", token: t)
            XCTAssertEqual(page2.list.map { $0["detail"] as! String }, ["first — n"])
            let badKind = try await client.request(.get, "/api/v1/customers/\(id)/timeline?kind=telegram", token: t)
            XCTAssertEqual(badKind.status, .unprocessableContent)
            XCTAssertNotNil(badKind.errorFields["kind"])
            let otherDealer = try await client.request(.get, "/api/v1/customers/\(id)/timeline", token: try await client.token("sales2"))
            XCTAssertEqual(otherDealer.status, .notFound)
            let s = try await client.session("sales1")
            let page = try await client.request(.get, "/customers/\(id)", cookie: s.cookie)
            XCTAssertTrue(page.text.contains("SMS, us to customer"))
        }
    }
}

/// CUS-6: the profile on the 360 page and in the API, kept fresh by the job.
final class ProfileTests: XCTestCase {
    func testTheProfileIsExplainedAndFollowsTheTimeline() async throws {
        try await TestApp.each { client, app in
            let t = try await client.token("sales1")
            let id = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"last_name":"Profilo","phone":"3405550001"}"#).json["id"] as! Int
            let fresh = try await client.request(.get, "/api/v1/customers/\(id)/profile", token: t)
            XCTAssertEqual(fresh.status, .ok, fresh.text)
            XCTAssertEqual(fresh.json["state"] as? String, "new")
            XCTAssertEqual(fresh.json["reasons"] as? [String], ["No purchases or workshop visits recorded yet", "New: known for less than 90 days, no activity yet"])
            // a contact grows the timeline: the job computes the stored profile again
            let worker = JobWorker(services: app.services, recurring: [RecurringJob(kind: "customers.profiles", every: 300)])
            _ = try await worker.runOnce()  // the first run marks where it starts
            _ = try await client.request(.post, "/api/v1/customers/\(id)/contacts", token: t, json: #"{"channel":"phone","outcome":"interested"}"#)
            let before = try await app.services.profiles.get(customerID: id)
            XCTAssertEqual(before?.profile.state, .new, "stored, not yet refreshed")
            let refreshed = try await app.services.profiles.refreshChanged()
            XCTAssertEqual(refreshed, 1)
            let after = try await app.services.profiles.get(customerID: id)
            XCTAssertEqual(after?.profile.state, .active)
            let again = try await app.services.profiles.refreshChanged()
            XCTAssertEqual(again, 0, "nothing new on the timeline")
            // a customer created after the first run gets a stored profile from the job, unviewed
            let later = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"last_name":"Nuovo","phone":"3405550002"}"#).json["id"] as! Int
            let profiled = try await app.services.profiles.profileNewCustomers()
            XCTAssertEqual(profiled, 1)
            let stored = try await app.services.profiles.get(customerID: later)
            XCTAssertEqual(stored?.profile.state, .new)
            let active = try await client.request(.get, "/api/v1/customers/\(id)/profile", token: t)
            XCTAssertEqual(active.json["state"] as? String, "active")
            let s = try await client.session("sales1")
            let page = try await client.request(.get, "/customers/\(id)", cookie: s.cookie)
            XCTAssertTrue(page.text.contains("Why this profile"))
            XCTAssertTrue(page.text.contains("Active: last purchase, visit or contact within 12 months"))
            let other = try await client.request(.get, "/api/v1/customers/\(id)/profile", token: try await client.token("sales2"))
            XCTAssertEqual(other.status, .notFound)
        }
    }
}
