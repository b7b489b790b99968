import TorqueTestSupport
import XCTest

/// A NUL character typed or sent anywhere is a user's mistake, not a server error
/// (PostgreSQL refuses NUL in text, so it must never reach a query).
final class ControlCharacterTests: XCTestCase {
    func testNulInFormsQueriesAndJSONIsHandled() async throws {
        try await TestApp.each { client, _ in
            let login = try await client.anonymousPost("/login", form: [("login", "sales\u{0}1"), ("password", "x\u{0}y")])
            XCTAssertEqual(login.status, .unauthorized)
            let token = try await client.request(.post, "/api/v1/auth/token", json: #"{"username":"sales\u0000","password":"p"}"#)
            XCTAssertEqual(token.status, .unprocessableContent)
            XCTAssertEqual(token.errorFields["username"], "must not contain control characters")
            let t = try await client.token("sales1")
            let search = try await client.request(.get, "/api/v1/customers?q=ros%00si", token: t)
            XCTAssertEqual(search.status, .ok)
            let created = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"last_name":"Ro\u0000ssi","phone":"3471234567"}"#)
            XCTAssertEqual(created.status, .unprocessableContent)
            XCTAssertEqual(created.errorFields["last_name"], "must not contain control characters")
            let s = try await client.session("sales1")
            let form = try await client.request(.post, "/customers", form: [("_csrf", s.csrf), ("last_name", "Bi\u{0}anchi"), ("phone", "3470001111")], cookie: s.cookie)
            XCTAssertEqual(form.status, .seeOther, "a NUL typed into a form is dropped, the rest saved")
        }
    }
}
