import TorqueTestSupport
import XCTest

/// The pipeline in the browser (SALES-1): open an opportunity from the customer's page, move
/// it on the board, lose it with a reason, and the form keeping what was typed.
final class PipelinePageTests: XCTestCase {
    func testOpenMoveAndLoseFromThePages() async throws {
        try await TestApp.each { client, _ in
            let s = try await client.session("sales1")
            let anna = try await client.request(.post, "/api/v1/customers", token: try await client.token("sales1"),
                                                json: #"{"first_name":"Anna","last_name":"Boardi","phone":"3471110099"}"#).json["id"] as! Int
            let page = try await client.request(.get, "/customers/\(anna)", cookie: s.cookie)
            XCTAssertTrue(page.text.contains("/sales/opportunities/new?customer_id=\(anna)"))
            let form = try await client.request(.get, "/sales/opportunities/new?customer_id=\(anna)", cookie: s.cookie)
            XCTAssertTrue(form.text.contains("For <strong>Anna Boardi</strong>"))
            // bad input comes back beside the fields, with what was typed
            let bad = try await client.request(.post, "/sales/opportunities", form: [("_csrf", s.csrf), ("customer_id", "\(anna)"), ("title", ""), ("value", "lots"), ("close_on", "soon"), ("stage", "new")], cookie: s.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("Value must be a whole number"), bad.text)
            XCTAssertTrue(bad.text.contains(#"value="lots""#))
            let noTitle = try await client.request(.post, "/sales/opportunities", form: [("_csrf", s.csrf), ("customer_id", "\(anna)"), ("title", " "), ("value", "28000"), ("close_on", "2027-02-01"), ("stage", "new")], cookie: s.cookie)
            XCTAssertTrue(noTitle.text.contains("Title is required"))
            XCTAssertTrue(noTitle.text.contains(#"value="2027-02-01""#))
            let created = try await client.request(.post, "/sales/opportunities", form: [("_csrf", s.csrf), ("customer_id", "\(anna)"), ("title", "Tonale <hybrid>"), ("value", "28000"), ("close_on", "2027-02-01"), ("stage", "new")], cookie: s.cookie)
            XCTAssertEqual(created.status, .seeOther)
            let location = created.headers[.location]!
            let id = Int(location.split(separator: "/").last!)!
            // the board shows it under New with a button to the next stage
            var board = try await client.request(.get, "/sales/pipeline", cookie: s.cookie)
            XCTAssertTrue(board.text.contains("Tonale &lt;hybrid&gt;"), "escaped")
            XCTAssertTrue(board.text.contains("→ Contacted"))
            XCTAssertFalse(board.text.contains(">0 stale<"), "no stale tag without stale deals")
            XCTAssertFalse(board.text.contains("0 more"))
            let moved = try await client.request(.post, "/sales/opportunities/\(id)/stage", form: [("_csrf", s.csrf), ("stage", "contacted"), ("back", "pipeline")], cookie: s.cookie)
            XCTAssertEqual(moved.headers[.location], "/sales/pipeline")
            board = try await client.request(.get, "/sales/pipeline", cookie: s.cookie)
            XCTAssertTrue(board.text.contains("→ Test drive"))
            // lost needs a reason: the page says so beside the field
            let noReason = try await client.request(.post, "/sales/opportunities/\(id)/stage", form: [("_csrf", s.csrf), ("stage", "lost"), ("lost_reason", "")], cookie: s.cookie)
            XCTAssertEqual(noReason.status, .unprocessableContent)
            XCTAssertTrue(noReason.text.contains("Reason is required when an opportunity is lost"))
            let lost = try await client.request(.post, "/sales/opportunities/\(id)/stage", form: [("_csrf", s.csrf), ("stage", "lost"), ("lost_reason", "Price too high")], cookie: s.cookie)
            XCTAssertEqual(lost.status, .seeOther)
            let negotiating = try await client.request(.post, "/api/v1/opportunities", token: try await client.token("sales1"),
                                                       json: #"{"customer_id":\#(anna),"title":"Last open stage","stage":"negotiating"}"#)
            XCTAssertEqual(negotiating.status, .created)
            board = try await client.request(.get, "/sales/pipeline", cookie: s.cookie)
            XCTAssertFalse(board.text.contains("→ </button>"), "no move button after the last open stage")
            let shown = try await client.request(.get, "/sales/opportunities/\(id)", cookie: s.cookie)
            XCTAssertTrue(shown.text.contains("Price too high"))
            let list = try await client.request(.get, "/sales/opportunities?stage=lost", cookie: s.cookie)
            XCTAssertTrue(list.text.contains("/sales/opportunities/\(id)"))
            // another dealer's salesperson gets 404
            let other = try await client.session("sales2")
            let foreign = try await client.request(.get, "/sales/opportunities/\(id)", cookie: other.cookie)
            XCTAssertEqual(foreign.status, .notFound)
        }
    }

    func testAManagerEditsTheStagesOnTheirPage() async throws {
        try await TestApp.each { client, _ in
            let m = try await client.session("manager1")
            let page = try await client.request(.get, "/sales/stages", cookie: m.cookie)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains(#"value="test_drive""#))
            let sales = try await client.session("sales1")
            let forbidden = try await client.request(.get, "/sales/stages", cookie: sales.cookie)
            XCTAssertEqual(forbidden.status, .forbidden)
            func form(_ rows: [(String, String, String, String)]) -> [(String, String)] {
                [("_csrf", m.csrf)] + rows.flatMap { [("code", $0.0), ("label", $0.1), ("probability", $0.2), ("outcome", $0.3)] }
            }
            let bad = try await client.request(.post, "/sales/stages", form: form([("new", "New", "10", "open"), ("won", "Won", "lots", "won"), ("lost", "Lost", "0", "lost")]), cookie: m.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("must be a whole number from 0 to 100"))
            XCTAssertTrue(bad.text.contains(#"value="lots""#), "what was typed stays")
            let noLost = try await client.request(.post, "/sales/stages", form: form([("new", "New", "10", "open"), ("won", "Won", "100", "won")]), cookie: m.cookie)
            XCTAssertTrue(noLost.text.contains("must have exactly one lost stage"))
            let saved = try await client.request(.post, "/sales/stages", form: form([("new", "New", "10", "open"), ("visit", "Showroom visit", "35", "open"),
                                                                                      ("won", "Won", "100", "won"), ("lost", "Lost", "0", "lost"), ("", "", "", "open")]), cookie: m.cookie)
            XCTAssertEqual(saved.status, .seeOther, saved.text)
            let board = try await client.request(.get, "/sales/pipeline", cookie: sales.cookie)
            XCTAssertTrue(board.text.contains("aria-label=\"Showroom visit\""))
            XCTAssertFalse(board.text.contains("aria-label=\"Negotiating\""))
        }
    }

    func testASavedConfigurationForACustomerBecomesAnOpportunity() async throws {
        try await TestApp.each { client, _ in
            let token = try await client.token("sales1")
            let s = try await client.session("sales1")
            let anna = try await client.request(.post, "/api/v1/customers", token: token, json: #"{"first_name":"Anna","last_name":"Configurata","phone":"3471110077"}"#).json["id"] as! Int
            let dama = try await client.request(.get, "/api/v1/catalog/models?q=dama", token: token).list[0]["id"] as! Int
            let cfg = try await client.request(.post, "/api/v1/configurations", token: token,
                                               json: #"{"model_id":\#(dama),"trim":"BASE","engine":"P12","colour":"WHITE","customer_id":\#(anna)}"#)
            XCTAssertEqual(cfg.status, .created, cfg.text)
            let id = cfg.json["id"] as! Int
            let page = try await client.request(.get, "/configurations/\(id)", cookie: s.cookie)
            XCTAssertTrue(page.text.contains("/sales/opportunities/new?customer_id=\(anna)&amp;configuration_id=\(id)&amp;title="), page.text)
            let form = try await client.request(.get, "/sales/opportunities/new?customer_id=\(anna)&configuration_id=\(id)&title=Dama%20for%20Anna", cookie: s.cookie)
            XCTAssertTrue(form.text.contains(#"value="Dama for Anna""#))
            XCTAssertTrue(form.text.contains(#"name="configuration_id" value="\#(id)""#))
            let created = try await client.request(.post, "/sales/opportunities", form: [("_csrf", s.csrf), ("customer_id", "\(anna)"), ("title", "Dama for Anna"), ("value", ""),
                                                                                       ("close_on", ""), ("stage", "new"), ("configuration_id", "\(id)")], cookie: s.cookie)
            XCTAssertEqual(created.status, .seeOther, created.text)
            let opp = try await client.request(.get, created.headers[.location]!, cookie: s.cookie)
            XCTAssertTrue(opp.text.contains("/configurations/\(id)"), "the opportunity links its configuration")
        }
    }
}
