import TorqueTestSupport
import XCTest

final class ApiKeyTests: XCTestCase {
    func testKeyActsWithItsRoleInItsUnitAndStopsWhenRevoked() async throws {
        try await TestApp.each { client, app in
            let admin = try await client.token("admin")
            let mi1 = try await app.unitID("D-MI1")
            let created = try await client.request(.post, "/api/v1/api-keys", token: admin, json: #"{"name":"DMS sync","role":"dealer_principal","org_unit_id":\#(mi1)}"#)
            XCTAssertEqual(created.status, .created, created.text)
            let secret = created.json["key"] as! String
            XCTAssertTrue(secret.hasPrefix("tqk_"))
            let id = (created.json["api_key"] as! [String: Any])["id"] as! Int
            // the list never shows the secret again
            let list = try await client.request(.get, "/api/v1/api-keys", token: admin)
            XCTAssertFalse(list.text.contains(secret))
            XCTAssertTrue(list.text.contains(String(secret.prefix(10))))
            // it acts as a dealer principal of D-MI1
            let me = try await client.request(.get, "/api/v1/me", token: secret)
            XCTAssertEqual(me.json["api_key"] as? Bool, true)
            XCTAssertEqual(me.json["roles"] as? [String], ["dealer_principal"])
            let own = try await client.request(.get, "/api/v1/users/\(try await app.userID("sales1"))", token: secret)
            XCTAssertEqual(own.status, .ok)
            let other = try await client.request(.get, "/api/v1/users/\(try await app.userID("sales2"))", token: secret)
            XCTAssertEqual(other.status, .notFound)
            let forbidden = try await client.request(.post, "/api/v1/org-units", token: secret, json: "{}")
            XCTAssertEqual(forbidden.status, .forbidden)
            // changes made with it are audited under the key's name
            let renamed = try await client.request(.patch, "/api/v1/users/\(try await app.userID("sales1"))", token: secret, json: #"{"name":"Sara Colombo-Rossi"}"#)
            XCTAssertEqual(renamed.status, .ok, renamed.text)
            let history = try await client.request(.get, "/api/v1/audit-events?record_type=user&record_id=\(try await app.userID("sales1"))", token: admin)
            XCTAssertEqual(history.list.first?["actor_label"] as? String, "api key DMS sync")
            // revoke
            let revoked = try await client.request(.post, "/api/v1/api-keys/\(id)/revoke", token: admin)
            XCTAssertNotNil(revoked.json["revoked_at"] as? String)
            let after = try await client.request(.get, "/api/v1/me", token: secret)
            XCTAssertEqual(after.status, .unauthorized)
        }
    }

    func testAKeyCannotCarryMoreThanItsCreatorHolds() async throws {
        try await TestApp.each { client, _ in
            let admin = try await client.token("admin")
            let bad = try await client.request(.post, "/api/v1/api-keys", token: admin, json: #"{"name":"","role":"nope"}"#)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertEqual(bad.errorFields["name"], "is required")
            XCTAssertEqual(bad.errorFields["role"], "is not a role")
        }
    }

    func testTheKeyIsShownOnceOnTheAdminPage() async throws {
        try await TestApp.each { client, _ in
            let s = try await client.session("admin")
            let r = try await client.request(.post, "/admin/api-keys", form: [("_csrf", s.csrf), ("name", "Carrier feed"), ("role", "oem_logistics")], cookie: s.cookie)
            XCTAssertEqual(r.status, .created)
            XCTAssertTrue(r.text.contains("shown only this once"))
            XCTAssertTrue(r.text.contains("tqk_"))
            let again = try await client.request(.get, "/admin/api-keys", cookie: s.cookie)
            XCTAssertTrue(again.text.contains("Carrier feed"))
            XCTAssertFalse(again.text.contains("shown only this once"))
        }
    }
}
