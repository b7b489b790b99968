import SQLKit
import TorqueStore
import TorqueTestSupport
import XCTest

/// Opportunities through the API (SALES-1): create, edit, move on the board, stale detection,
/// the pipeline stages of a unit, and scoping.
final class OpportunityTests: XCTestCase {
    static func customer(_ client: TestClient, token: String, name: String, phone: String) async throws -> Int {
        let r = try await client.request(.post, "/api/v1/customers", token: token, json: #"{"first_name":"Anna","last_name":"\#(name)","phone":"\#(phone)","on_duplicate":"create"}"#)
        XCTAssertEqual(r.status, .created, r.text)
        return r.json["id"] as! Int
    }

    func testCreateMoveAndLoseAnOpportunityOnTheBoard() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1")
            let anna = try await Self.customer(client, token: sales, name: "Pipeline", phone: "3471110001")
            let created = try await client.request(.post, "/api/v1/opportunities", token: sales,
                                                   json: #"{"customer_id":\#(anna),"title":"Dama Lusso for the family","expected_value_minor":3150000,"close_on":"2027-01-31"}"#)
            XCTAssertEqual(created.status, .created, created.text)
            XCTAssertEqual(created.json["stage"] as? String, "new")
            XCTAssertEqual(created.json["customer_name"] as? String, "Anna Pipeline")
            let id = created.json["id"] as! Int
            XCTAssertEqual(created.headers[.location], "/api/v1/opportunities/\(id)")
            var board = try await client.request(.get, "/api/v1/opportunities/board", token: sales).list
            let newColumn = board.first { ($0["stage"] as? [String: Any])?["code"] as? String == "new" }!
            XCTAssertEqual(newColumn["count"] as? Int, 1)
            XCTAssertEqual(newColumn["value_minor"] as? Int, 3_150_000)
            XCTAssertEqual(newColumn["weighted_minor"] as? Int, 315_000, "10 % at the New stage")
            XCTAssertEqual(((newColumn["opportunities"] as? [[String: Any]])?.first)?["id"] as? Int, id)
            // move along, then lose it with a reason
            let quoted = try await client.request(.post, "/api/v1/opportunities/\(id)/stage", token: sales, json: #"{"stage":"quoted"}"#)
            XCTAssertEqual(quoted.json["stage"] as? String, "quoted")
            let noReason = try await client.request(.post, "/api/v1/opportunities/\(id)/stage", token: sales, json: #"{"stage":"lost"}"#)
            XCTAssertEqual(noReason.status, .unprocessableContent)
            XCTAssertEqual(noReason.errorFields["lost_reason"], "is required when an opportunity is lost")
            let lost = try await client.request(.post, "/api/v1/opportunities/\(id)/stage", token: sales, json: #"{"stage":"lost","lost_reason":"Bought a used car elsewhere"}"#)
            XCTAssertEqual(lost.json["lost_reason"] as? String, "Bought a used car elsewhere")
            board = try await client.request(.get, "/api/v1/opportunities/board", token: sales).list
            XCTAssertEqual(board.first { ($0["stage"] as? [String: Any])?["code"] as? String == "lost" }?["count"] as? Int, 1)
            XCTAssertEqual(board.first { ($0["stage"] as? [String: Any])?["code"] as? String == "new" }?["count"] as? Int, 0)
            let reopened = try await client.request(.patch, "/api/v1/opportunities/\(id)", token: sales, json: #"{"stage":"negotiating"}"#)
            XCTAssertEqual(reopened.json["lost_reason"] as? String, "", "the reason goes when it is open again")
            let timeline = try await client.request(.get, "/api/v1/customers/\(anna)/timeline?kind=opportunity", token: sales).list.map { $0["title"] as! String }
            XCTAssertEqual(timeline, ["Dama Lusso for the family: Negotiating", "Dama Lusso for the family: Lost", "Dama Lusso for the family: Quoted",
                                      "Opportunity opened: Dama Lusso for the family"])
            // stale: unmoved for more than two weeks (an opportunity whose stage moved 20 days ago)
            let unit = try await app.unitID("D-MI1")
            try await SalesSeed(db: app.services.db).opportunities([.init(customerID: anna, ownerID: nil, deal: .init(customer: 0, title: "Old deal", stage: "negotiating",
                                                                             valueMinor: 1_000_000, stageDaysAgo: 20, closeInDays: 5, lostReason: ""))],
                                                                   unitID: unit, today: Clock.today(), userName: "test")
            let stale = try await client.request(.get, "/api/v1/opportunities?stale=true", token: sales).list.map { $0["title"] as! String }
            XCTAssertEqual(stale, ["Old deal"])
            board = try await client.request(.get, "/api/v1/opportunities/board", token: sales).list
            let negotiating = board.first { ($0["stage"] as? [String: Any])?["code"] as? String == "negotiating" }!
            XCTAssertEqual(negotiating["count"] as? Int, 2)
            XCTAssertEqual(negotiating["stale"] as? Int, 1)
            XCTAssertEqual(negotiating["value_minor"] as? Int, 3_150_000 + 1_000_000)
            // the kept counts equal the opportunities, unit by unit and stage by stage
            let kept = try await app.services.db.sql.raw("SELECT org_unit_id, stage, CAST(SUM(n) AS BIGINT) AS n, CAST(SUM(value_minor) AS BIGINT) AS v FROM opportunity_counts WHERE n > 0 GROUP BY org_unit_id, stage ORDER BY 1, 2").all()
                .map { "\(try $0.decode(column: "org_unit_id", as: Int.self)) \(try $0.decode(column: "stage", as: String.self)) \(try $0.decode(column: "n", as: Int.self)) \(try $0.decode(column: "v", as: Int.self))" }
            let actual = try await app.services.db.sql.raw("SELECT org_unit_id, stage, COUNT(*) AS n, CAST(COALESCE(SUM(expected_value_minor), 0) AS BIGINT) AS v FROM opportunities GROUP BY org_unit_id, stage ORDER BY 1, 2").all()
                .map { "\(try $0.decode(column: "org_unit_id", as: Int.self)) \(try $0.decode(column: "stage", as: String.self)) \(try $0.decode(column: "n", as: Int.self)) \(try $0.decode(column: "v", as: Int.self))" }
            XCTAssertEqual(kept, actual)
            // another dealer neither sees nor moves it; the region sees it
            let sales2 = try await client.token("sales2")
            let foreign = try await client.request(.get, "/api/v1/opportunities/\(id)", token: sales2)
            XCTAssertEqual(foreign.status, .notFound)
            let foreignMove = try await client.request(.post, "/api/v1/opportunities/\(id)/stage", token: sales2, json: #"{"stage":"won"}"#)
            XCTAssertEqual(foreignMove.status, .notFound)
            let foreignBoard = try await client.request(.get, "/api/v1/opportunities/board?org_unit_id=\(try await app.unitID("D-MI2"))", token: sales)
            XCTAssertEqual(foreignBoard.status, .notFound, "another dealer's pipeline is not shown")
            let regional = try await client.request(.get, "/api/v1/opportunities", token: try await client.token("regional1")).list.map { $0["id"] as! Int }
            XCTAssertTrue(regional.contains(id))
        }
    }

    func testBadOpportunityInputIsNamed() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1"), sales2 = try await client.token("sales2")
            let mine = try await Self.customer(client, token: sales, name: "Mine", phone: "3471110002")
            let theirs = try await Self.customer(client, token: sales2, name: "Theirs", phone: "3471110003")
            let otherOwner = try await app.userID("sales2")
            let cases: [(String, String, String)] = [
                (#"{"customer_id":\#(mine)}"#, "title", "is required, e.g. “Dama Lusso for the family”"),
                (#"{"customer_id":\#(theirs),"title":"x"}"#, "customer_id", "is not a customer you can see"),
                (#"{"customer_id":\#(mine),"title":"x","owner_user_id":\#(otherOwner)}"#, "owner_user_id", "is not an active user of this opportunity's unit"),
                (#"{"customer_id":\#(mine),"title":"x","stage":"bogus"}"#, "stage", "must be one of: new, contacted, test_drive, quoted, negotiating, won, lost"),
                (#"{"customer_id":\#(mine),"title":"x","close_on":"31/01/2027"}"#, "close_on", "must be a date like 2027-03-15"),
                (#"{"customer_id":\#(mine),"title":"x","expected_value_minor":-5}"#, "expected_value_minor", "must be from 0 to 100,000,000.00"),
                (#"{"customer_id":\#(mine),"title":"x","vehicle_id":999999}"#, "vehicle_id", "is not a vehicle you can see"),
                (#"{"title":"x"}"#, "customer_id", "is required"),
            ]
            for (body, field, message) in cases {
                let r = try await client.request(.post, "/api/v1/opportunities", token: sales, json: body)
                XCTAssertEqual(r.status, .unprocessableContent, body)
                XCTAssertEqual(r.errorFields[field], message, body)
            }
            let count = try await app.services.db.sql.raw("SELECT COUNT(*) AS n FROM opportunities").first()!.decode(column: "n", as: Int.self)
            let seeded = try await app.services.db.sql.raw("SELECT COUNT(*) AS n FROM opportunities WHERE title = 'x'").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(seeded, 0, "nothing half-saved (of \(count))")
        }
    }

    func testAManagerSetsTheStagesOfTheDealer() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1"), manager = try await client.token("manager1")
            let defaults = try await client.request(.get, "/api/v1/sales-stages", token: sales).list.map { $0["code"] as! String }
            XCTAssertEqual(defaults, ["new", "contacted", "test_drive", "quoted", "negotiating", "won", "lost"])
            let anna = try await Self.customer(client, token: sales, name: "Stages", phone: "3471110004")
            let opp = try await client.request(.post, "/api/v1/opportunities", token: sales, json: #"{"customer_id":\#(anna),"title":"Tonale","stage":"contacted"}"#).json["id"] as! Int
            let unit = try await app.unitID("D-MI1")
            let custom = #"{"stages":[{"code":"new","label":"New","probability":10,"outcome":"open"},{"code":"visit","label":"Showroom visit","probability":30,"outcome":"open"},{"code":"won","label":"Won","probability":100,"outcome":"won"},{"code":"lost","label":"Lost","probability":0,"outcome":"lost"}]}"#
            let refused = try await client.request(.put, "/api/v1/sales-stages?org_unit_id=\(unit)", token: manager, json: custom)
            XCTAssertEqual(refused.status, .unprocessableContent)
            XCTAssertEqual(refused.errorFields["stages"], "“Contacted” still holds 1 opportunity: move them first")
            _ = try await client.request(.post, "/api/v1/opportunities/\(opp)/stage", token: sales, json: #"{"stage":"new"}"#)
            let saved = try await client.request(.put, "/api/v1/sales-stages?org_unit_id=\(unit)", token: manager, json: custom)
            XCTAssertEqual(saved.status, .ok, saved.text)
            let board = try await client.request(.get, "/api/v1/opportunities/board", token: sales).list.map { ($0["stage"] as! [String: Any])["label"] as! String }
            XCTAssertEqual(board, ["New", "Showroom visit", "Won", "Lost"])
            let twoWon = try await client.request(.put, "/api/v1/sales-stages?org_unit_id=\(unit)", token: manager,
                                                  json: #"{"stages":[{"code":"a","label":"A","probability":10,"outcome":"open"},{"code":"w","label":"W","probability":100,"outcome":"won"},{"code":"w2","label":"W2","probability":100,"outcome":"won"},{"code":"l","label":"L","probability":0,"outcome":"lost"}]}"#)
            XCTAssertEqual(twoWon.errorFields["stages"], "must have exactly one won stage")
            let bySalesperson = try await client.request(.put, "/api/v1/sales-stages?org_unit_id=\(unit)", token: sales, json: custom)
            XCTAssertEqual(bySalesperson.status, .forbidden)
            let otherDealer = try await client.request(.put, "/api/v1/sales-stages?org_unit_id=\(try await app.unitID("D-NA1"))", token: manager, json: custom)
            XCTAssertEqual(otherDealer.status, .notFound)
        }
    }
}
