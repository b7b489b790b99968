import TorqueDomain
import TorqueTestSupport
import XCTest

final class OrgUnitAPITests: XCTestCase {
    func testCreateMoveDeactivateAndReadHistory() async throws {
        try await TestApp.each { client, app in
            let admin = try await client.token("admin")
            let north = try await app.unitID("R-N"), centre = try await app.unitID("R-C")
            // create
            let c = try await client.request(.post, "/api/v1/org-units", token: admin, json: #"{"parent_id":\#(north),"kind":"dealer","code":"d-bg1","name":"Orobica Auto","address":"Via Borgo Palazzo 200, Bergamo","latitude":45.69,"longitude":9.69,"time_zone":"Europe/Rome","working_hours":"mon-fri 09:00-19:00"}"#)
            XCTAssertEqual(c.status, .created, c.text)
            XCTAssertEqual(c.json["code"] as? String, "D-BG1")
            let id = c.json["id"] as! Int
            XCTAssertEqual(c.headers[.location], "/api/v1/org-units/\(id)")
            // move to another region
            let m = try await client.request(.patch, "/api/v1/org-units/\(id)", token: admin, json: #"{"parent_id":\#(centre)}"#)
            XCTAssertEqual(m.status, .ok, m.text)
            XCTAssertTrue((m.json["path"] as! String).hasSuffix("/\(centre)/\(id)/"))
            XCTAssertEqual(m.json["name"] as? String, "Orobica Auto", "fields not in the PATCH are kept")
            // deactivate: hidden from the default list, still readable
            _ = try await client.request(.post, "/api/v1/org-units/\(id)/deactivate", token: admin)
            let list = try await client.request(.get, "/api/v1/org-units?kind=dealer", token: admin)
            XCTAssertFalse(list.list.contains { $0["id"] as? Int == id })
            let withInactive = try await client.request(.get, "/api/v1/org-units?kind=dealer&include_inactive=true", token: admin)
            XCTAssertTrue(withInactive.list.contains { $0["id"] as? Int == id && $0["active"] as? Bool == false })
            // history: create, move, deactivate, by admin, with before/after
            let h = try await client.request(.get, "/api/v1/audit-events?record_type=org_unit&record_id=\(id)", token: admin)
            XCTAssertEqual(h.list.map { $0["action"] as! String }, ["deactivate", "move", "create"])
            XCTAssertEqual(h.list.first?["actor_label"] as? String, "admin")
            XCTAssertTrue((h.list[1]["before_json"] as! String).contains("\"parent_id\":\(north)"))
            XCTAssertTrue((h.list[1]["after_json"] as! String).contains("\"parent_id\":\(centre)"))
            // and the unit page shows it
            let s = try await client.session("admin")
            let page = try await client.request(.get, "/admin/units/\(id)", cookie: s.cookie)
            XCTAssertTrue(page.text.contains("History"))
            XCTAssertTrue(page.text.contains("deactivate"))
            XCTAssertTrue(page.text.contains(" Europe/Rome</span>"), "history times are shown in the viewer's unit time zone")
        }
    }

    func testBadInputIsNamedAndNothingIsSaved() async throws {
        try await TestApp.each { client, app in
            let admin = try await client.token("admin")
            let north = try await app.unitID("R-N")
            let before = try await app.services.orgUnits.count()
            let malformed = try await client.request(.post, "/api/v1/org-units", token: admin, json: #"{"name": "#)
            XCTAssertEqual(malformed.status, .badRequest)
            XCTAssertEqual(malformed.errorCode, "malformed_request")
            let unknown = try await client.request(.post, "/api/v1/org-units", token: admin, json: #"{"name":"X","colour":"red"}"#)
            XCTAssertEqual(unknown.status, .badRequest)
            XCTAssertEqual(unknown.errorFields["colour"], "is not a known field")
            XCTAssertTrue(unknown.text.contains("colour"))
            let wrongType = try await client.request(.post, "/api/v1/org-units", token: admin, json: #"{"parent_id":"three","kind":"dealer","code":"X","name":"X"}"#)
            XCTAssertEqual(wrongType.status, .unprocessableContent)
            XCTAssertEqual(wrongType.errorFields["parent_id"], "must be an integer")
            let invalid = try await client.request(.post, "/api/v1/org-units", token: admin, json: #"{"parent_id":\#(north),"kind":"spaceport","code":"bad code","name":"\#(String(repeating: "n", count: 201))","latitude":123,"longitude":9,"time_zone":"Mars/Base","working_hours":"someday"}"#)
            XCTAssertEqual(invalid.status, .unprocessableContent)
            XCTAssertEqual(Set(invalid.errorFields.keys), ["kind", "code", "name", "latitude", "time_zone", "working_hours"])
            XCTAssertEqual(invalid.errorFields["name"], "must be at most 200 characters")
            let wrongChild = try await client.request(.post, "/api/v1/org-units", token: admin, json: #"{"parent_id":\#(try await app.unitID("W-MI1")),"kind":"dealer","code":"D-X","name":"X"}"#)
            XCTAssertEqual(wrongChild.status, .unprocessableContent)
            XCTAssertEqual(wrongChild.errorFields["kind"], "a service workshop cannot contain a dealer")
            let taken = try await client.request(.post, "/api/v1/org-units", token: admin, json: #"{"parent_id":\#(north),"kind":"dealer","code":"D-MI1","name":"Twin"}"#)
            XCTAssertEqual(taken.status, .conflict)
            XCTAssertEqual(taken.errorFields["code"], "is already used by another unit")
            let loop = try await client.request(.patch, "/api/v1/org-units/\(north)", token: admin, json: #"{"parent_id":\#(try await app.unitID("D-MI1"))}"#)
            XCTAssertEqual(loop.status, .unprocessableContent)
            XCTAssertEqual(loop.errorFields["parent_id"], "cannot be the unit itself or one of its descendants")
            let inUse = try await client.request(.delete, "/api/v1/org-units/\(north)", token: admin)
            XCTAssertEqual(inUse.status, .conflict)
            let after = try await app.services.orgUnits.count()
            XCTAssertEqual(after, before)
            let notANumber = try await client.request(.get, "/api/v1/org-units/abc", token: admin)
            XCTAssertEqual(notANumber.status, .notFound)
            let badLimit = try await client.request(.get, "/api/v1/users?limit=9999", token: admin)
            XCTAssertEqual(badLimit.errorFields["limit"], "must be a whole number from 1 to 500")
            let badCursor = try await client.request(.get, "/api/v1/users?cursor=zzz", token: admin)
            XCTAssertEqual(badCursor.status, .unprocessableContent)
        }
    }

    func testCursorPaginationWalksTheWholeList() async throws {
        try await TestApp.each { client, _ in
            let admin = try await client.token("admin")
            var seen: [Int] = []
            var cursor: String? = nil
            repeat {
                let r = try await client.request(.get, "/api/v1/users?limit=4" + (cursor.map { "&cursor=\($0)" } ?? ""), token: admin)
                seen += r.list.map { $0["id"] as! Int }
                cursor = r.json["next_cursor"] as? String
            } while cursor != nil
            XCTAssertEqual(seen.count, DemoNetwork.logins.count)
            // sorted by name, descending, across pages
            var names: [String] = []
            cursor = nil
            repeat {
                let r = try await client.request(.get, "/api/v1/users?limit=4&sort=-name" + (cursor.map { "&cursor=\($0)" } ?? ""), token: admin)
                names += r.list.map { $0["name"] as! String }
                cursor = r.json["next_cursor"] as? String
            } while cursor != nil
            XCTAssertEqual(names, DemoNetwork.logins.map(\.name).sorted(by: >))
            let badSort = try await client.request(.get, "/api/v1/users?sort=password_hash", token: admin)
            XCTAssertEqual(badSort.status, .unprocessableContent)
            XCTAssertNotNil(badSort.errorFields["sort"])
            XCTAssertEqual(Set(seen).count, seen.count)
            var units: [String] = []
            cursor = nil
            repeat {
                let r = try await client.request(.get, "/api/v1/org-units?limit=10" + (cursor.map { "&cursor=\($0)" } ?? ""), token: admin)
                units += r.list.map { $0["code"] as! String }
                cursor = r.json["next_cursor"] as? String
            } while cursor != nil
            XCTAssertEqual(units.count, DemoNetwork.units.count)
        }
    }
}
