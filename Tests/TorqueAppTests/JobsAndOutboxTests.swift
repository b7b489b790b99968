import Foundation
@testable import TorqueApp
import TorqueDomain
import TorqueStore
import TorqueTestSupport
import XCTest

/// A handler that fails until told otherwise, to exercise retries and the dead letters.
struct AlwaysFails: JobHandler {
    var kind: String { "test.always_fails" }
    func run(_ job: Job, services: AppServices) async throws { throw TestError("the printer is on fire") }
}

final class JobsAndOutboxTests: XCTestCase {
    func testPasswordResetMailWaitsInTheOutboxAndItsLinkWorksOnce() async throws {
        try await TestApp.each { client, app in
            // act: ask for a link (no SMTP configured), let the worker run
            let r = try await client.anonymousPost("/password/forgot", form: [("login", "sales1")])
            XCTAssertEqual(r.status, .seeOther)
            let unknown = try await client.anonymousPost("/password/forgot", form: [("login", "nobody")])
            XCTAssertEqual(unknown.headers[.location], r.headers[.location], "same answer for unknown logins")
            let ran = try await JobWorker(services: app.services, recurring: []).runOnce()
            XCTAssertEqual(ran, 1)
            // check: the message is stored, readable by an admin, with a working link
            let admin = try await client.token("admin")
            let messages = try await client.request(.get, "/api/v1/outbox-messages", token: admin).list
            XCTAssertEqual(messages.count, 1)
            XCTAssertEqual(messages[0]["state"] as? String, "stored")
            XCTAssertEqual(messages[0]["recipient"] as? String, "sales1@demo.torque.example")
            let body = messages[0]["body"] as! String
            let token = String(body[body.range(of: "token=")!.upperBound...].prefix { !$0.isWhitespace })
            let s = try await client.session("admin")
            let page = try await client.request(.get, "/admin/outbox/\(messages[0]["id"] as! Int)", cookie: s.cookie)
            XCTAssertTrue(page.text.contains("/password/reset?token="))
            let form = try await client.request(.get, "/password/reset?token=\(token)")
            XCTAssertEqual(form.status, .ok)
            let mismatch = try await client.anonymousPost("/password/reset", form: [("token", token), ("new_password", "brand-new-secret"), ("confirm_password", "other")])
            XCTAssertEqual(mismatch.status, .unprocessableContent)
            let done = try await client.anonymousPost("/password/reset", form: [("token", token), ("new_password", "brand-new-secret"), ("confirm_password", "brand-new-secret")])
            XCTAssertEqual(done.status, .seeOther)
            _ = try await client.token("sales1", password: "brand-new-secret")
            let reused = try await client.anonymousPost("/password/reset", form: [("token", token), ("new_password", "third-secret-xx"), ("confirm_password", "third-secret-xx")])
            XCTAssertEqual(reused.status, .notFound)
            // the job that delivered it is done, and running again changes nothing
            let jobs = try await client.request(.get, "/api/v1/jobs?state=done", token: admin).list
            XCTAssertEqual(jobs.map { $0["kind"] as! String }, ["outbox.deliver"])
        }
    }

    func testAFailingJobRetriesThenShowsInTheDeadLettersAndCanBeRetried() async throws {
        try await TestApp.each { client, app in
            let worker = JobWorker(services: app.services, handlers: [AlwaysFails()], recurring: [], policy: RetryPolicy(maxAttempts: 3, baseSeconds: 1, capSeconds: 1))
            let id = try await app.services.jobs.enqueue(kind: "test.always_fails", maxAttempts: 3)!
            var now = Date()
            for _ in 0..<3 {
                try await worker.runOnce(now: now)
                now += 2
            }
            let admin = try await client.token("admin")
            let dead = try await client.request(.get, "/api/v1/jobs?state=dead", token: admin).list
            XCTAssertEqual(dead.map { $0["id"] as! Int }, [id])
            XCTAssertEqual(dead.first?["last_error"] as? String, "the printer is on fire")
            XCTAssertEqual(dead.first?["attempts"] as? Int, 3)
            let s = try await client.session("admin")
            let page = try await client.request(.get, "/admin/jobs?state=dead", cookie: s.cookie)
            XCTAssertTrue(page.text.contains("the printer is on fire"))
            let retry = try await client.request(.post, "/admin/jobs/\(id)/retry", form: [("_csrf", s.csrf)], cookie: s.cookie)
            XCTAssertEqual(retry.status, .seeOther)
            let job = try await app.services.jobs.get(id)
            XCTAssertEqual(job.state, "queued")
            let badState = try await client.request(.get, "/api/v1/jobs?state=zombie", token: admin)
            XCTAssertEqual(badState.errorFields["state"], "must be one of: queued, running, done, dead")
            let forbidden = try await client.request(.get, "/api/v1/jobs", token: try await client.token("exec"))
            XCTAssertEqual(forbidden.status, .forbidden)
        }
    }

    func testRecurringJobsAreScheduledOncePerSlot() async throws {
        try await TestApp.each(demo: false) { _, app in
            let worker = JobWorker(services: app.services, recurring: [RecurringJob(kind: "maintenance.housekeeping", every: 3600)])
            let now = Date()
            try await worker.runOnce(now: now)
            try await worker.runOnce(now: now + 1)
            let done = try await app.services.jobs.list(state: "done")
            XCTAssertEqual(done.items.filter { $0.kind == "maintenance.housekeeping" }.count, 1)
        }
    }

    func testSMTPMessageRendering() {
        let text = SMTPClient.render(from: "a@b.c", to: "d@e.f", subject: "Grüße", body: "line one\n.hidden dot\nend")
        XCTAssertTrue(text.contains("Subject: =?UTF-8?B?"))
        XCTAssertTrue(text.contains("\r\n..hidden dot\r\n"))
        XCTAssertEqual(SMTPSettings(url: "smtp://u%40x:p@mail.example:2525"), SMTPSettings(url: "smtp://u%40x:p@mail.example:2525"))
        let s = SMTPSettings(url: "smtp://u%40x:p@mail.example:2525")!
        XCTAssertEqual(s.username, "u@x")
        XCTAssertEqual(s.port, 2525)
        XCTAssertNil(SMTPSettings(url: "http://mail.example"))
    }
}
