import Foundation
import Hummingbird
import HummingbirdTesting
import TorqueDomain
import TorqueStore
import TorqueTestSupport
import XCTest

final class AuthTests: XCTestCase {
    func testSignInShowsHomeWithOwnUnitAndOnlyAllowedModules() async throws {
        try await TestApp.each { client, _ in
            let s = try await client.session("sales1")
            let home = try await client.request(.get, "/", cookie: s.cookie)
            XCTAssertEqual(home.status, .ok)
            XCTAssertTrue(home.text.contains("Sara Colombo"))
            XCTAssertTrue(home.text.contains("Autorama Milano"))
            XCTAssertTrue(home.text.contains(#"href="/sales""#))
            XCTAssertFalse(home.text.contains(#"href="/admin""#))
            XCTAssertFalse(home.text.contains(#"href="/distribution""#))
        }
    }

    func testWrongPasswordUnknownUserAndDisabledUserGetTheSameAnswer() async throws {
        try await TestApp.each { client, app in
            let wrong = try await client.anonymousPost("/login", form: [("login", "sales1"), ("password", "nope-nope-nope")])
            let unknown = try await client.anonymousPost("/login", form: [("login", "ghost"), ("password", "nope-nope-nope")])
            XCTAssertEqual(wrong.status, .unauthorized)
            XCTAssertEqual(unknown.status, .unauthorized)
            XCTAssertTrue(wrong.text.contains("The login or password is not right"))
            XCTAssertTrue(wrong.text.contains(#"value="sales1""#), "the typed login is kept")
            // disable sales2 and try the right password
            let admin = try await client.token("admin")
            let id = try await app.userID("sales2")
            let r = try await client.request(.patch, "/api/v1/users/\(id)", token: admin, json: #"{"active":false}"#)
            XCTAssertEqual(r.status, .ok)
            let disabled = try await client.anonymousPost("/login", form: [("login", "sales2"), ("password", DemoNetwork.password)])
            XCTAssertEqual(disabled.status, .unauthorized)
        }
    }

    func testRepeatedFailuresAreRateLimitedEvenWithTheRightPassword() async throws {
        try await TestApp.each { client, _ in
            for _ in 0..<5 { _ = try await client.anonymousPost("/login", form: [("login", "exec"), ("password", "wrong-password")]) }
            let limited = try await client.anonymousPost("/login", form: [("login", "exec"), ("password", DemoNetwork.password)])
            XCTAssertEqual(limited.status, .tooManyRequests)
            XCTAssertTrue(limited.text.contains("Too many failed attempts"))
            let api = try await client.request(.post, "/api/v1/auth/token", json: #"{"username":"exec","password":"torque-demo"}"#)
            XCTAssertEqual(api.status, .tooManyRequests)
            // another login is unaffected
            _ = try await client.token("sales1")
        }
    }

    func testLogoutEndsTheSession() async throws {
        try await TestApp.each { client, _ in
            let s = try await client.session("manager1")
            let out = try await client.request(.post, "/logout", form: [("_csrf", s.csrf)], cookie: s.cookie)
            XCTAssertEqual(out.status, .seeOther)
            let after = try await client.request(.get, "/", cookie: s.cookie)
            XCTAssertEqual(after.status, .seeOther)
            XCTAssertEqual(after.headers[.location], "/login?next=%2F")
        }
    }

    func testFormsWithoutTheCSRFTokenAreRefused() async throws {
        try await TestApp.each { client, _ in
            let s = try await client.session("admin")
            let missing = try await client.request(.post, "/logout", form: [("x", "y")], cookie: s.cookie)
            XCTAssertEqual(missing.status, .forbidden)
            let wrong = try await client.request(.post, "/admin/roles", form: [("_csrf", "forged"), ("key", "x"), ("name", "X"), ("permissions", "org.read")], cookie: s.cookie)
            XCTAssertEqual(wrong.status, .forbidden)
            let api = try await client.request(.post, "/api/v1/roles", json: #"{"key":"x","name":"X","permissions":["org.read"]}"#, cookie: s.cookie)
            XCTAssertEqual(api.status, .forbidden, "session-authenticated API calls need X-CSRF-Token too")
            let roles = try await client.request(.get, "/api/v1/roles", cookie: s.cookie)
            XCTAssertFalse(roles.list.contains { $0["key"] as? String == "x" })
        }
    }

    func testChangePasswordChecksTheCurrentOneAndSignsOutOtherSessions() async throws {
        try await TestApp.each { client, _ in
            let s = try await client.session("advisor1")
            let other = try await client.token("advisor1")
            let bad = try await client.request(.post, "/account/password", form: [("_csrf", s.csrf), ("current_password", "wrong"), ("new_password", "short"), ("confirm_password", "short")], cookie: s.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("is not your current password"))
            XCTAssertTrue(bad.text.contains("must be at least 10 characters"))
            let ok = try await client.request(.post, "/account/password", form: [("_csrf", s.csrf), ("current_password", DemoNetwork.password), ("new_password", "a-better-secret"), ("confirm_password", "a-better-secret")], cookie: s.cookie)
            XCTAssertEqual(ok.status, .seeOther)
            let stillIn = try await client.request(.get, "/", cookie: s.cookie)
            XCTAssertEqual(stillIn.status, .ok, "the session that changed it stays signed in")
            let otherAfter = try await client.request(.get, "/api/v1/me", token: other)
            XCTAssertEqual(otherAfter.status, .unauthorized)
            _ = try await client.token("advisor1", password: "a-better-secret")
        }
    }

    func testBearerTokenWorksAndCanBeRevoked() async throws {
        try await TestApp.each { client, _ in
            let token = try await client.token("regional1")
            let me = try await client.request(.get, "/api/v1/me", token: token)
            XCTAssertEqual(me.status, .ok)
            XCTAssertEqual((me.json["org_unit"] as? [String: Any])?["name"] as? String, "Region North")
            let revoked = try await client.request(.delete, "/api/v1/auth/token", token: token)
            XCTAssertEqual(revoked.status, .noContent)
            let after = try await client.request(.get, "/api/v1/me", token: token)
            XCTAssertEqual(after.status, .unauthorized)
            XCTAssertEqual(after.errorCode, "unauthenticated")
            let garbage = try await client.request(.get, "/api/v1/me", token: "not-a-token")
            XCTAssertEqual(garbage.status, .unauthorized)
            let anonymous = try await client.request(.get, "/api/v1/me")
            XCTAssertEqual(anonymous.status, .unauthorized)
        }
    }

    func testLoginRedirectOnlyGoesToLocalPaths() async throws {
        try await TestApp.each { client, _ in
            let r = try await client.anonymousPost("/login", form: [("login", "sales1"), ("password", DemoNetwork.password), ("next", "//evil.example/")])
            XCTAssertEqual(r.headers[.location], "/")
        }
    }

    func testSignedOutFormsNeedTheirCSRFToken() async throws {
        try await TestApp.each { client, _ in
            let bare = try await client.request(.post, "/login", form: [("login", "sales1"), ("password", DemoNetwork.password)])
            XCTAssertEqual(bare.status, .forbidden)
            XCTAssertTrue(bare.text.contains("This form has expired"))
            let page = try await client.request(.get, "/login")
            let cookie = page.cookie("torque_csrf")!
            let forged = try await client.request(.post, "/login", form: [("_csrf", "guess"), ("login", "sales1"), ("password", DemoNetwork.password)], cookie: "torque_csrf=\(cookie)")
            XCTAssertEqual(forged.status, .forbidden)
            let ok = try await client.anonymousPost("/login", form: [("login", "sales1"), ("password", DemoNetwork.password)])
            XCTAssertEqual(ok.status, .seeOther)
            // API calls carry no cookies, so `curl -d` (form content type) still gets a token
            let status = try await client.client.execute(uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                         body: ByteBuffer(string: #"{"username":"sales1","password":"torque-demo"}"#)) { $0.status }
            XCTAssertEqual(status, .created)
        }
    }

    func testDisablingAPersonEndsTheirTokenAtOnceDespiteTheLookupCache() async throws {
        try await TestApp.each { client, app in
            let token = try await client.token("sales1")
            let before = try await client.request(.get, "/api/v1/me", token: token)
            XCTAssertEqual(before.status, .ok)
            let admin = try await client.token("admin")
            let id = try await app.userID("sales1")
            let r = try await client.request(.patch, "/api/v1/users/\(id)", token: admin, json: #"{"active":false}"#)
            XCTAssertEqual(r.status, .ok)
            let after = try await client.request(.get, "/api/v1/me", token: token)
            XCTAssertEqual(after.status, .unauthorized)
        }
    }

    func testBehindAProxyFailuresAreCountedPerForwardedClient() async throws {
        try await TestApp.each(configure: { $0.trustForwardedFor = true }) { client, _ in
            func attempt(_ login: String, from ip: String, password: String = "wrong-password") async throws -> HTTPResponse.Status {
                try await client.client.execute(uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json", .init("X-Forwarded-For")!: "203.0.113.9, \(ip)"],
                                                body: ByteBuffer(string: #"{"username":"\#(login)","password":"\#(password)"}"#)) { $0.status }
            }
            // 20 failures spread over logins (so no single login is locked) from one client
            for i in 0..<20 { _ = try await attempt("user\(i % 5)", from: "10.0.0.1") }
            let blocked = try await attempt("sales1", from: "10.0.0.1", password: DemoNetwork.password)
            XCTAssertEqual(blocked, .tooManyRequests)
            let other = try await attempt("sales1", from: "10.0.0.2", password: DemoNetwork.password)
            XCTAssertEqual(other, .created, "another client behind the same proxy is not locked out")
        }
    }

    func testASessionInUseSlidesAndAnIdleOneEnds() async throws {
        try await TestApp.each { client, app in
            let s = try await client.session("sales1")
            let sql = app.services.db.sql
            // setup: the session has one minute left
            try await sql.raw("UPDATE auth_tokens SET expires_at = \(bind: Clock.string(Date() + 60)) WHERE kind = 'session'").run()
            // act: it is used
            let stillIn = try await client.request(.get, "/", cookie: s.cookie)
            XCTAssertEqual(stillIn.status, .ok)
            // check: it now lasts a full session lifetime again
            let ends = try await sql.raw("SELECT expires_at FROM auth_tokens WHERE kind = 'session'").first()!.decode(column: "expires_at", as: String.self)
            XCTAssertGreaterThan(Clock.date(ends)!, Date() + app.services.config.sessionLifetime - 60)
            // an idle session that ran out sends the person to sign in
            try await sql.raw("UPDATE auth_tokens SET expires_at = \(bind: Clock.string(Date() - 1)) WHERE kind = 'session'").run()
            let idle = try await client.request(.get, "/", cookie: s.cookie)
            XCTAssertEqual(idle.status, .seeOther)
            XCTAssertTrue(idle.headers[.location]?.hasPrefix("/login") ?? false)
        }
    }
}
