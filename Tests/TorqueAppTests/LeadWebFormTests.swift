import Foundation
import TorqueDomain
import TorqueTestSupport
import XCTest

/// LEAD-1 from a dealer's website, and the lead rules page (LEAD-3).
final class LeadWebFormTests: XCTestCase {
    func testTheWebFormTakesInquiriesWithoutAnAccount() async throws {
        try await TestApp.each { client, app in
            let m = try await client.token("manager1")
            let mi1 = try await app.unitID("D-MI1")
            let settings = try await client.request(.get, "/api/v1/org-units/\(mi1)/lead-settings", token: m)
            XCTAssertEqual(settings.status, .ok, settings.text)
            let key = settings.json["form_key"] as! String
            // act: a visitor posts the HTML form
            let posted = try await client.request(.post, "/api/v1/public/leads/\(key)", form: [("name", "Giorgio De Santis"), ("phone", "02 8765 4321"), ("interest_model", "Giulia"), ("message", "<b>call me</b>"), ("campaign", "xmas-2026"), ("website", "")])
            // check
            XCTAssertEqual(posted.status, .ok, posted.text)
            XCTAssertTrue(posted.text.contains("We received your request (reference L-"))
            let leads = try await client.request(.get, "/api/v1/leads?source=web_form", token: m)
            XCTAssertEqual(leads.list.count, 1)
            let lead = leads.list[0]
            XCTAssertEqual(lead["first_name"] as? String, "Giorgio De")
            XCTAssertEqual(lead["last_name"] as? String, "Santis")
            XCTAssertEqual(lead["phone"] as? String, "+390287654321", "read in the dealer's country")
            XCTAssertEqual(lead["campaign"] as? String, "xmas-2026")
            XCTAssertEqual(lead["org_unit_id"] as? Int, mi1)
            XCTAssertEqual(lead["assigned_user_name"] as? String, "Sara Colombo")
            // JSON from a script; it may not pick the unit; answers reveal nothing stored
            let json = try await client.request(.post, "/api/v1/public/leads/\(key)", json: #"{"last_name":"Script","email":"script@example.it"}"#)
            XCTAssertEqual(json.status, .accepted, json.text)
            XCTAssertEqual(json.headers[.accessControlAllowOrigin], "*", "scripts on the dealer's site may read the answer")
            let preflight = try await client.request(.options, "/api/v1/public/leads/\(key)")
            XCTAssertEqual(preflight.status, .noContent)
            XCTAssertEqual(preflight.headers[.accessControlAllowMethods], "POST")
            XCTAssertEqual(Set(json.json.keys), ["received", "reference"])
            let steer = try await client.request(.post, "/api/v1/public/leads/\(key)", json: #"{"last_name":"Script","email":"s2@example.it","org_unit_id":1}"#)
            XCTAssertEqual(steer.errorFields["org_unit_id"], "is set by the form key")
            let badForm = try await client.request(.post, "/api/v1/public/leads/\(key)", form: [("name", "<script>x</script>"), ("phone", "12")])
            XCTAssertEqual(badForm.status, .unprocessableContent)
            XCTAssertTrue(badForm.text.contains("phone: is too short"))
            XCTAssertFalse(badForm.text.contains("<script>"))
            // a bot fills the hidden field: thanked, nothing stored
            let bot = try await client.request(.post, "/api/v1/public/leads/\(key)", form: [("name", "Bot"), ("email", "bot@example.com"), ("website", "http://spam")])
            XCTAssertEqual(bot.status, .ok)
            let unknown = try await client.request(.post, "/api/v1/public/leads/wf_unknownkey", json: #"{"last_name":"X","email":"x@example.it"}"#)
            XCTAssertEqual(unknown.status, .notFound)
            let stored = try await client.request(.get, "/api/v1/leads", token: m)
            XCTAssertEqual(stored.list.count, 2)
            // a signed-in browser posting the form is not held to its session's CSRF token
            let s = try await client.session("sales1")
            let fromBrowser = try await client.request(.post, "/api/v1/public/leads/\(key)", form: [("name", "Eva Riva"), ("email", "eva@example.it")], cookie: s.cookie)
            XCTAssertEqual(fromBrowser.status, .ok)
        }
    }

    func testLeadRulesByBrandAndANewFormKey() async throws {
        try await TestApp.each { client, app in
            let admin = try await client.token("admin")
            let mi1 = try await app.unitID("D-MI1")
            _ = try await client.request(.post, "/api/v1/users", token: admin, json: #"{"login":"alfa1","name":"Alfa Seller","email":"a@x.it","org_unit_id":\#(mi1),"roles":["salesperson"],"password":"alfa-seller-pw"}"#)
            let alfa = try await app.userID("alfa1")
            let s = try await client.session("manager1")
            let page = try await client.request(.get, "/lead-settings", cookie: s.cookie)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("&lt;form method=&quot;post&quot; action=&quot;"), "the snippet is shown as text")
            let oldKey = try await client.request(.get, "/api/v1/org-units/\(mi1)/lead-settings", token: try await client.token("manager1")).json["form_key"] as! String
            let bad = try await client.request(.post, "/lead-settings", form: [("_csrf", s.csrf), ("rule", "by_brand"), ("sla_minutes", "0"), ("brands_\(alfa)", "Alfa Romeo")], cookie: s.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("must be from 1 to 10080"))
            XCTAssertTrue(bad.text.contains(#"value="Alfa Romeo""#), "what was typed is kept")
            let ok = try await client.request(.post, "/lead-settings", form: [("_csrf", s.csrf), ("rule", "by_brand"), ("sla_minutes", "30"), ("brands_\(alfa)", "Alfa Romeo"), ("new_form_key", "on")], cookie: s.cookie)
            XCTAssertEqual(ok.status, .seeOther)
            let t = try await client.token("manager1")
            let alfaLead = try await client.request(.post, "/api/v1/leads", token: t, json: #"{"last_name":"Uno","email":"uno@example.it","interest_brand":"alfa romeo"}"#)
            XCTAssertEqual(alfaLead.json["assigned_user_name"] as? String, "Alfa Seller")
            let other = try await client.request(.post, "/api/v1/leads", token: t, json: #"{"last_name":"Due","email":"due@example.it","interest_brand":"Fiat"}"#)
            XCTAssertNotNil(other.json["assigned_user_name"], "a brand nobody is named for goes round robin")
            let old = try await client.request(.post, "/api/v1/public/leads/\(oldKey)", json: #"{"last_name":"Tre","email":"tre@example.it"}"#)
            XCTAssertEqual(old.status, .notFound, "the old form key stops working")
            let api = try await client.request(.put, "/api/v1/org-units/\(mi1)/lead-settings", token: t, json: #"{"rule":"by_brand","sla_minutes":20,"brand_rules":[{"brand":"Jeep","user_id":1}]}"#)
            XCTAssertEqual(api.errorFields["brand_rules"], "user 1 is not an active salesperson of this unit")
            let salesSession = try await client.session("sales1")
            let salesperson = try await client.request(.get, "/lead-settings", cookie: salesSession.cookie)
            XCTAssertEqual(salesperson.status, .forbidden, "salespeople do not change the rules")
            let list = try await client.request(.get, "/leads", cookie: salesSession.cookie)
            XCTAssertFalse(list.text.contains(#"href="/lead-settings""#), "nor see a button to them")
            let managerList = try await client.request(.get, "/leads", cookie: s.cookie)
            XCTAssertTrue(managerList.text.contains(#"href="/lead-settings""#))
        }
    }
}
