import TorqueDomain
import TorqueTestSupport
import XCTest

/// The admin pages as a person uses them: forms keep what was typed and say what is wrong.
final class AdminPagesTests: XCTestCase {
    func testInvalidUnitFormIsShownAgainWithInputAndMessages() async throws {
        try await TestApp.each { client, app in
            let s = try await client.session("admin")
            let north = try await app.unitID("R-N")
            let r = try await client.request(.post, "/admin/units", form: [("_csrf", s.csrf), ("name", "Lario Motori"), ("code", "D-MI1"), ("kind", "dealer"), ("parent_id", "\(north)"),
                                                                           ("latitude", "north-ish"), ("longitude", ""), ("time_zone", "Europe/Rome"), ("working_hours", "mon-fri 9-18")], cookie: s.cookie)
            XCTAssertEqual(r.status, .unprocessableContent)
            XCTAssertTrue(r.text.contains(#"value="Lario Motori""#))
            XCTAssertTrue(r.text.contains("Latitude must be a number like 45.4642"))
            XCTAssertTrue(r.text.contains("Working hours: "))
            // fix the input; now the code clash is reported beside the code field
            let r2 = try await client.request(.post, "/admin/units", form: [("_csrf", s.csrf), ("name", "Lario Motori"), ("code", "D-MI1"), ("kind", "dealer"), ("parent_id", "\(north)"),
                                                                            ("time_zone", "Europe/Rome"), ("working_hours", "mon-fri 09:00-18:00")], cookie: s.cookie)
            XCTAssertEqual(r2.status, .unprocessableContent)
            XCTAssertTrue(r2.text.contains("Code is already used by another unit"))
            let r3 = try await client.request(.post, "/admin/units", form: [("_csrf", s.csrf), ("name", "Lario Motori"), ("code", "D-CO1"), ("kind", "dealer"), ("parent_id", "\(north)"),
                                                                            ("time_zone", "Europe/Rome"), ("working_hours", "mon-fri 09:00-18:00")], cookie: s.cookie)
            XCTAssertEqual(r3.status, .seeOther)
            let page = try await client.request(.get, r3.headers[.location]!, cookie: s.cookie + "; " + "torque_flash=\(r3.cookie("torque_flash") ?? "")")
            XCTAssertTrue(page.text.contains("Lario Motori"))
            XCTAssertTrue(page.text.contains("Unit created."))
        }
    }

    func testAdminCreatesAPersonWhoCanSignInAndResetsTheirPassword() async throws {
        try await TestApp.each { client, app in
            let s = try await client.session("admin")
            let unit = try await app.unitID("D-RM1")
            let bad = try await client.request(.post, "/admin/users", form: [("_csrf", s.csrf), ("name", "Giorgio Neri"), ("login", "g neri"), ("email", "giorgio"), ("org_unit_id", "\(unit)"), ("password", "short")], cookie: s.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains(#"value="Giorgio Neri""#))
            XCTAssertTrue(bad.text.contains("E-mail is not a valid e-mail address"))
            XCTAssertTrue(bad.text.contains("Roles: choose at least one role"))
            XCTAssertTrue(bad.text.contains("Login may contain only"))
            let ok = try await client.request(.post, "/admin/users", form: [("_csrf", s.csrf), ("name", "Giorgio Neri"), ("login", "gneri"), ("email", "giorgio@capitale.it"), ("org_unit_id", "\(unit)"), ("roles", "salesperson"), ("password", "first-password")], cookie: s.cookie)
            XCTAssertEqual(ok.status, .seeOther)
            _ = try await client.token("gneri", password: "first-password")
            let id = try await app.userID("gneri")
            let reset = try await client.request(.post, "/admin/users/\(id)/password", form: [("_csrf", s.csrf), ("password", "second-password")], cookie: s.cookie)
            XCTAssertEqual(reset.status, .seeOther)
            _ = try await client.token("gneri", password: "second-password")
            let old = try await client.request(.post, "/api/v1/auth/token", json: #"{"username":"gneri","password":"first-password"}"#)
            XCTAssertEqual(old.status, .unauthorized)
        }
    }

    func testCustomRoleCanBeCreatedFromACopyAndAssigned() async throws {
        try await TestApp.each { client, _ in
            let s = try await client.session("admin")
            let copy = try await client.request(.get, "/admin/roles/new?copy=salesperson", cookie: s.cookie)
            XCTAssertTrue(copy.text.contains(#"value="salesperson_custom""#))
            let r = try await client.request(.post, "/admin/roles", form: [("_csrf", s.csrf), ("name", "Fleet rep"), ("key", "fleet_rep"), ("permissions", "customers.read"), ("permissions", "sales.read"), ("permissions", "sales.write")], cookie: s.cookie)
            XCTAssertEqual(r.status, .seeOther)
            let admin = try await client.token("admin")
            let roles = try await client.request(.get, "/api/v1/roles", token: admin)
            let fleet = roles.list.first { $0["key"] as? String == "fleet_rep" }
            XCTAssertEqual(fleet?["permissions"] as? [String], ["customers.read", "sales.read", "sales.write"])
            let builtIn = roles.list.first { $0["key"] as? String == "salesperson" }!["id"] as! Int
            let refused = try await client.request(.patch, "/api/v1/roles/\(builtIn)", token: admin, json: #"{"name":"Renamed"}"#)
            XCTAssertEqual(refused.status, .unprocessableContent)
            let unknown = try await client.request(.post, "/api/v1/roles", token: admin, json: #"{"key":"x_role","name":"X","permissions":["rockets.launch"]}"#)
            XCTAssertEqual(unknown.errorFields["permissions"], "'rockets.launch' is not a known permission")
        }
    }

    func testEachDemoRoleSeesItsOwnNavigation() async throws {
        try await TestApp.each { client, _ in
            let expectations: [(String, [String], [String])] = [
                ("admin", ["/admin", "/distribution", "/sales"], []),
                ("tech1", ["/service"], ["/admin", "/sales"]),
                ("qa1", ["/production"], ["/sales", "/customers"]),
                ("agent1", ["/care", "/customers"], ["/admin"]),
            ]
            for (login, visible, hidden) in expectations {
                let s = try await client.session(login)
                let home = try await client.request(.get, "/", cookie: s.cookie)
                for path in visible { XCTAssertTrue(home.text.contains(#"href="\#(path)""#), "\(login) should see \(path)") }
                for path in hidden { XCTAssertFalse(home.text.contains(#"href="\#(path)""#), "\(login) should not see \(path)") }
            }
        }
    }

    func testNetworkPageListsSiblingsByNameUnderTheirParent() async throws {
        try await TestApp.each { client, _ in
            let s = try await client.session("admin")
            let page = try await client.request(.get, "/admin/units", cookie: s.cookie).text
            let order = ["Region Centre", "Arno Automobili", "Arno Automobili Service", "Region North", "Autorama Milano", "Autorama Milano Service", "Brianza Motori"]
            let positions = order.map { page.range(of: ">\($0)<")?.lowerBound }
            XCTAssertFalse(positions.contains(nil), "all units listed")
            XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted())
        }
    }

    func testPeopleListPagesKeepTheirFilters() async throws {
        try await TestApp.each { client, _ in
            let s = try await client.session("admin")
            let first = try await client.request(.get, "/admin/users?limit=4&active=true&q=a", cookie: s.cookie)
            guard let range = first.text.range(of: #"href="/admin/users?cursor="#) else { return XCTFail("no next page link") }
            let link = String(first.text[first.text.index(range.lowerBound, offsetBy: 6)...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
            XCTAssertTrue(link.contains("&q=a"))
            XCTAssertTrue(link.contains("&active=true"))
            let second = try await client.request(.get, link + "&limit=4", cookie: s.cookie)
            XCTAssertEqual(second.status, .ok)
            XCTAssertTrue(second.text.contains("<table"))
        }
    }

    func testAFormSentAfterTheSessionEndedIsKeptThroughSigningInAgain() async throws {
        try await TestApp.each { client, app in
            let s = try await client.session("admin")
            let north = try await app.unitID("R-N")
            try await app.services.db.sql.raw("UPDATE auth_tokens SET expires_at = '2000-01-01T00:00:00Z' WHERE kind = 'session'").run()
            let typed: [(String, String)] = [("name", "Lario Motori & Figli"), ("code", "D-CO2"), ("kind", "dealer"), ("parent_id", "\(north)"), ("time_zone", "Europe/Rome"), ("working_hours", "")]
            // act: the form arrives with a dead session
            let ended = try await client.request(.post, "/admin/units", form: [("_csrf", s.csrf)] + typed, cookie: s.cookie)
            XCTAssertEqual(ended.status, .unauthorized)
            XCTAssertTrue(ended.text.contains("Your session ended"))
            XCTAssertTrue(ended.text.contains(#"name="resume:name" value="Lario Motori &amp; Figli""#))
            // sign in again, carrying the typed fields
            let login = try await client.anonymousPost("/login", form: [("login", "admin"), ("password", DemoNetwork.password), ("resume_action", "/admin/units")] + typed.map { ("resume:" + $0.0, $0.1) })
            XCTAssertEqual(login.status, .ok)
            XCTAssertTrue(login.text.contains("Send what you typed"))
            XCTAssertTrue(login.text.contains(#"value="Lario Motori &amp; Figli""#))
            let cookie = "torque_session=" + login.cookie("torque_session")!
            let csrf = TestClient.csrf(in: login.text)!
            // send it
            let sent = try await client.request(.post, "/admin/units", form: [("_csrf", csrf)] + typed, cookie: cookie)
            XCTAssertEqual(sent.status, .seeOther)
            let unit = try await app.services.orgUnits.findByCode("D-CO2")
            XCTAssertEqual(unit?.name, "Lario Motori & Figli")
        }
    }
}
