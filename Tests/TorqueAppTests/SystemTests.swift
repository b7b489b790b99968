import Foundation
import Hummingbird
import HummingbirdTesting
import TorqueApp
import TorqueTestSupport
import XCTest

final class SystemTests: XCTestCase {
    func testHealthNamesTheDatabase() async throws {
        try await TestApp.each { client, app in
            let r = try await client.request(.get, "/health")
            XCTAssertEqual(r.status, .ok)
            XCTAssertEqual(r.json["status"] as? String, "ok")
            XCTAssertEqual(r.json["database"] as? String, app.services.db.kind.rawValue)
        }
    }

    func testHealthIs503WhenTheDatabaseIsGone() async throws {
        let db = try await TestDatabases.fresh(.sqlite)
        let app = try await TestApp.make(on: db, demo: false)
        await db.shutdown()
        let application = Hummingbird.Application(router: buildRouter(app.services))
        try await application.test(.router) { raw in
            let r = try await TestClient(client: raw).request(.get, "/health")
            XCTAssertEqual(r.status, .serviceUnavailable)
            XCTAssertEqual(r.json["status"] as? String, "unavailable")
        }
    }

    func testEveryAPIRouteIsInTheOpenAPIDocument() async throws {
        try await TestApp.each(demo: false) { client, app in
            let doc = try await client.request(.get, "/openapi.json")
            XCTAssertEqual(doc.json["openapi"] as? String, "3.1.0")
            let paths = doc.json["paths"] as! [String: [String: Any]]
            let documented = Set(paths.flatMap { path, ops in ops.keys.map { "\($0.uppercased()) \(path)" } })
            let registered = Set(buildRouter(app.services).routes.map { "\($0.method.rawValue) \($0.path)" }.filter { $0.contains(" /api/") })
            XCTAssertFalse(registered.isEmpty)
            XCTAssertEqual(registered.subtracting(documented), [], "API routes missing from openapi.json")
            XCTAssertEqual(documented.subtracting(registered), [], "openapi.json documents routes that do not exist")
        }
    }

    func testSecurityHeadersAndMetrics() async throws {
        try await TestApp.each { client, _ in
            let page = try await client.request(.get, "/login")
            XCTAssertEqual(page.headers[.init("X-Frame-Options")!], "DENY")
            XCTAssertEqual(page.headers[.init("X-Content-Type-Options")!], "nosniff")
            XCTAssertTrue(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") ?? false)
            let s = try await client.session("sales1")
            XCTAssertTrue(s.cookie.hasPrefix("torque_session="))
            let login = try await client.anonymousPost("/login", form: [("login", "sales1"), ("password", "torque-demo")])
            let setCookie = login.headers[values: .setCookie].first { $0.hasPrefix("torque_session=") } ?? ""
            XCTAssertTrue(setCookie.contains("HttpOnly"))
            XCTAssertTrue(setCookie.contains("SameSite=Lax"))
            _ = try await client.request(.get, "/health")
            let m = try await client.request(.get, "/metrics")
            XCTAssertTrue(m.text.contains(#"http_requests_total{method="GET",route="/health",status="200"}"#), m.text)
            XCTAssertTrue(m.text.contains("http_request_duration_seconds_bucket"))
        }
    }

    func testHTMLIsEscaped() async throws {
        try await TestApp.each { client, app in
            let admin = try await client.token("admin")
            let r = try await client.request(.patch, "/api/v1/org-units/\(try await app.unitID("D-MI1"))", token: admin, json: #"{"name":"<script>alert(1)</script> & Co"}"#)
            XCTAssertEqual(r.status, .ok)
            let s = try await client.session("admin")
            let page = try await client.request(.get, "/admin/units", cookie: s.cookie)
            XCTAssertFalse(page.text.contains("<script>alert(1)</script>"))
            XCTAssertTrue(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"))
        }
    }

    func testUnknownPagesGetAUsefulPageAndJSONUnderAPI() async throws {
        try await TestApp.each { client, _ in
            let s = try await client.session("sales1")
            let page = try await client.request(.get, "/no/such/page", cookie: s.cookie)
            XCTAssertEqual(page.status, .notFound)
            XCTAssertTrue(page.text.contains("Back to your home page"))
            let api = try await client.request(.get, "/api/v1/nothing", token: try await client.token("sales1"))
            XCTAssertEqual(api.status, .notFound)
            XCTAssertEqual(api.errorCode, "not_found")
        }
    }
}
