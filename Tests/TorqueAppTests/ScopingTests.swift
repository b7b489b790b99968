import Hummingbird
import TorqueApp
import TorqueDomain
import TorqueTestSupport
import XCTest

/// ORG-3: a record of a sibling dealer answers 404 (exactly like a missing one) on every route
/// that takes a record id; a role without the permission gets 403.
final class ScopingTests: XCTestCase {
    /// Every route with an id, and the body it needs. A new id route must be added here (checked below).
    static let idRoutes: [(HTTPRequest.Method, String, String)] = [
        (.get, "/api/v1/org-units/{unit}", ""), (.patch, "/api/v1/org-units/{unit}", #"{"name":"Renamed"}"#),
        (.delete, "/api/v1/org-units/{unit}", ""), (.post, "/api/v1/org-units/{unit}/deactivate", ""), (.post, "/api/v1/org-units/{unit}/reactivate", ""),
        (.get, "/api/v1/users/{user}", ""), (.patch, "/api/v1/users/{user}", #"{"name":"Renamed"}"#), (.post, "/api/v1/users/{user}/password", #"{"password":"another-secret-1"}"#),
        (.post, "/api/v1/api-keys/{key}/revoke", ""),
        (.get, "/admin/units/{unit}", ""), (.get, "/admin/units/{unit}/edit", ""), (.post, "/admin/units/{unit}", "form"),
        (.post, "/admin/units/{unit}/deactivate", "form"), (.post, "/admin/units/{unit}/reactivate", "form"), (.post, "/admin/units/{unit}/delete", "form"),
        (.get, "/admin/users/{user}", ""), (.get, "/admin/users/{user}/edit", ""), (.post, "/admin/users/{user}", "form"), (.post, "/admin/users/{user}/password", "form"),
        (.post, "/admin/api-keys/{key}/revoke", "form"),
        (.get, "/api/v1/outbox-messages/{msg}", ""), (.get, "/admin/outbox/{msg}", ""),
        (.get, "/api/v1/customers/{cust}", ""), (.patch, "/api/v1/customers/{cust}", #"{"city":"Lecco"}"#), (.get, "/customers/{cust}", ""), (.get, "/customers/{cust}/edit", ""), (.post, "/customers/{cust}", "form"),
        (.get, "/api/v1/customers/{cust}/contacts", ""), (.get, "/api/v1/customers/{cust}/timeline", ""), (.get, "/api/v1/customers/{cust}/profile", ""), (.post, "/api/v1/customers/{cust}/contacts", #"{"channel":"phone"}"#), (.post, "/customers/{cust}/contacts", "form"), (.get, "/customers/{cust}/merge", ""), (.get, "/api/v1/customers/{cust}/vcard", ""), (.post, "/customers/merges/{merge}/undo", "form"), (.post, "/customers/{cust}/merge", "form"),
        (.post, "/api/v1/tasks/{task}/done", ""), (.post, "/tasks/{task}/done", "form"),
        (.get, "/api/v1/leads/{lead}", ""), (.patch, "/api/v1/leads/{lead}", #"{"timeframe":"now"}"#), (.post, "/api/v1/leads/{lead}/disqualify", #"{"reason":"spam"}"#),
        (.post, "/api/v1/leads/{lead}/convert", "{}"), (.get, "/leads/{lead}", ""), (.post, "/leads/{lead}", "form"), (.post, "/leads/{lead}/disqualify", "form"),
        (.get, "/leads/{lead}/convert", ""), (.post, "/leads/{lead}/convert", "form"),
        (.get, "/api/v1/imports/{imp}", ""), (.get, "/api/v1/imports/{imp}/errors", ""), (.get, "/imports/{imp}", ""), (.post, "/imports/{imp}/start", "form"), (.get, "/imports/{imp}/errors.csv", ""),
        (.get, "/api/v1/exports/{exp}", ""), (.get, "/api/v1/exports/{exp}/download", ""), (.get, "/admin/exports/{exp}/download", ""),
        (.get, "/api/v1/org-units/{unit}/lead-settings", ""), (.put, "/api/v1/org-units/{unit}/lead-settings", #"{"rule":"manual"}"#),
        (.get, "/api/v1/catalog/models/{model}", ""), (.get, "/api/v1/catalog/models/{model}/rules", ""), (.put, "/api/v1/catalog/models/{model}/rules", #"{"rules":[]}"#),
        (.post, "/api/v1/catalog/models/{model}/items", #"{"code":"X2","name":"X","kind":"option"}"#), (.get, "/catalog/models/{model}", ""),
        (.post, "/catalog/models/{model}/items", "form"), (.post, "/api/v1/catalog/models/{model}/copy", #"{"code":"NEXT","model_year":2027}"#), (.post, "/catalog/models/{model}/copy", "form"), (.post, "/catalog/models/{model}/rules", "form"), (.get, "/configure/{model}", ""), (.post, "/configure/{model}", "form"),
        (.get, "/api/v1/catalog/price-lists/{pl}", ""), (.get, "/catalog/price-lists/{pl}", ""),
        (.get, "/api/v1/configurations/{cfg}", ""), (.get, "/configurations/{cfg}", ""),
        (.get, "/api/v1/vehicles/{veh}", ""), (.patch, "/api/v1/vehicles/{veh}", #"{"location":"Yard C"}"#), (.post, "/api/v1/vehicles/{veh}/reserve", #"{"opportunity_id":1}"#),
        (.post, "/api/v1/vehicles/{veh}/release", ""), (.get, "/stock/vehicles/{veh}", ""), (.get, "/stock/vehicles/{veh}/edit", ""), (.post, "/stock/vehicles/{veh}", "form"),
        (.post, "/stock/vehicles/{veh}/reserve", "form"), (.post, "/stock/vehicles/{veh}/release", "form"),
        (.get, "/api/v1/parts/{part}", ""), (.get, "/api/v1/parts/{part}/movements", ""), (.post, "/api/v1/parts/{part}/movements", #"{"kind":"receipt","quantity":1}"#),
        (.get, "/stock/parts/{part}", ""), (.post, "/stock/parts/{part}/movements", "form"), (.post, "/stock/views/{view}/delete", "form"),
        (.get, "/api/v1/opportunities/{opp}", ""), (.patch, "/api/v1/opportunities/{opp}", #"{"title":"Renamed"}"#), (.post, "/api/v1/opportunities/{opp}/stage", #"{"stage":"contacted"}"#),
        (.get, "/sales/opportunities/{opp}", ""), (.post, "/sales/opportunities/{opp}", "form"), (.post, "/sales/opportunities/{opp}/stage", "form"),
        (.get, "/api/v1/appointments/{appt}", ""), (.patch, "/api/v1/appointments/{appt}", #"{"title":"Renamed"}"#), (.post, "/api/v1/appointments/{appt}/cancel", ""),
        (.post, "/sales/agenda/{appt}/cancel", "form"),
        (.get, "/api/v1/quotes/{quote}", ""), (.get, "/api/v1/quotes/{quote}/versions", ""), (.post, "/api/v1/quotes/{quote}/versions", #"{"note":"x"}"#),
        (.post, "/api/v1/quotes/{quote}/approve", ""), (.post, "/api/v1/quotes/{quote}/decline", "{}"), (.post, "/api/v1/quotes/{quote}/accept", ""),
        (.get, "/sales/quotes/{quote}", ""), (.get, "/sales/quotes/{quote}/edit", ""), (.post, "/sales/quotes/{quote}/versions", "form"),
        (.post, "/sales/quotes/{quote}/approve", "form"), (.post, "/sales/quotes/{quote}/decline", "form"), (.post, "/sales/quotes/{quote}/accept", "form"),
        (.get, "/api/v1/contracts/{ctr}", ""), (.get, "/sales/contracts/{ctr}", ""),
        (.get, "/api/v1/appraisals/{apr}", ""), (.post, "/api/v1/appraisals/{apr}/reports", #"{"stage":"delivery","mileage_km":1}"#),
        (.get, "/sales/appraisals/{apr}", ""), (.post, "/sales/appraisals/{apr}/reports", "form"),
        (.post, "/sales/quotes/{quote}/template", "form"),
        (.get, "/api/v1/workshops/{wshop}/bays", ""), (.post, "/api/v1/workshops/{wshop}/bays", #"{"name":"Lift"}"#),
        (.get, "/api/v1/technicians/{tech}", ""), (.put, "/api/v1/technicians/{tech}", #"{"name":"X","hours":"mon 08:00-12:00"}"#),
        (.post, "/api/v1/technicians/{tech}/absences", #"{"from_day":"2030-01-01"}"#), (.get, "/api/v1/service/appointments/{sbook}", ""), (.patch, "/api/v1/service/appointments/{sbook}", #"{"starts_at":"2030-01-07T10:00"}"#),
        (.get, "/api/v1/repair-orders/{ro}", ""), (.post, "/api/v1/repair-orders/{ro}/lines", #"{"description":"X","minutes":10}"#),
        (.post, "/api/v1/repair-orders/{ro}/lines/{line}/approve", ""), (.post, "/api/v1/repair-orders/{ro}/clock", #"{"line_id":1,"action":"in","technician_id":1}"#),
        (.post, "/api/v1/repair-orders/{ro}/close", ""),
        (.get, "/service/repair-orders/{ro}", ""), (.post, "/service/repair-orders/{ro}/lines", "form"), (.post, "/service/repair-orders/{ro}/approve", "form"),
        (.post, "/service/repair-orders/{ro}/clock", "form"), (.post, "/service/repair-orders/{ro}/close", "form"),
        (.get, "/api/v1/parts/{part}/orders", ""), (.post, "/api/v1/parts/{part}/orders", #"{"quantity":1,"expected_on":"2030-01-01"}"#), (.post, "/stock/parts/{part}/orders", "form"),
        (.get, "/api/v1/part-orders/{porder}", ""), (.post, "/api/v1/part-orders/{porder}/receive", ""), (.post, "/api/v1/part-orders/{porder}/cancel", ""),
        (.post, "/stock/part-orders/{porder}/receive", "form"), (.post, "/stock/part-orders/{porder}/cancel", "form"),
        (.get, "/api/v1/workshops/{wshop}/settings", ""), (.put, "/api/v1/workshops/{wshop}/settings", #"{"simple_job_level":2}"#),
        (.patch, "/api/v1/repair-orders/{ro}", #"{"customer_notes":"x"}"#), (.post, "/service/repair-orders/{ro}/notes", "form"),
        (.get, "/api/v1/repair-orders/{ro}/files", ""), (.post, "/api/v1/repair-orders/{ro}/files", ""), (.get, "/api/v1/repair-orders/{ro}/files/{file}", ""),
        (.get, "/api/v1/accounts/{acct}", ""), (.post, "/api/v1/accounts/{acct}/contacts", #"{"customer_id":1}"#),
        (.get, "/sales/accounts/{acct}", ""), (.post, "/sales/accounts/{acct}/contacts", "form"), (.post, "/sales/accounts/{acct}/instant", "form"),
        (.get, "/api/v1/vehicle-orders/{vorder}", ""), (.post, "/api/v1/vehicle-orders/{vorder}/allocate", ""), (.post, "/api/v1/vehicle-orders/{vorder}/override", #"{"line_id":1,"reason":"x"}"#),
        (.post, "/api/v1/vehicle-orders/{vorder}/cancel", ""), (.get, "/api/v1/vehicle-orders/{vorder}/allocations", ""), (.get, "/api/v1/allocations/{alloc}", ""),
        (.get, "/api/v1/shipments/{ship}", ""), (.post, "/api/v1/shipments/{ship}/events", #"{"status":"in_transit","location":"x"}"#),
        (.post, "/api/v1/settlements/{settle}/paid", ""), (.post, "/api/v1/settlements/{settle}/cancel", ""),
        (.get, "/distribution/orders/{vorder}", ""), (.post, "/distribution/orders/{vorder}/allocate", "form"), (.post, "/distribution/orders/{vorder}/override", "form"),
        (.post, "/distribution/orders/{vorder}/dispatch", "form"), (.post, "/distribution/orders/{vorder}/cancel", "form"), (.post, "/distribution/orders/{vorder}/credits", "form"),
        (.get, "/distribution/shipments/{ship}", ""), (.post, "/distribution/shipments/{ship}/events", "form"),
        (.post, "/distribution/settlements/{settle}/paid", "form"), (.post, "/distribution/settlements/{settle}/cancel", "form"),
        (.post, "/api/v1/flags/{flag}/clear", ""), (.post, "/distribution/flags/{flag}/clear", "form"),
    ]

    /// Roles are network-wide configuration and jobs are system work, not records of a unit,
    /// so they are not scoped (jobs need admin.jobs).
    /// The public web form is addressed by its secret form key, not by a record id.
    static let unscopedIDRoutes: Set<String> = ["/api/v1/public/leads/{key}", "/c/{token}", "/api/v1/vins/{vin}", "/api/v1/roles/{id}", "/admin/roles/{id}/edit", "/admin/roles/{id}", "/admin/roles/{id}/delete", "/api/v1/jobs/{id}/retry", "/admin/jobs/{id}/retry",
                                                    "/api/v1/users/{id}/calendar.ics"]

    func testEveryIDRouteIsCoveredByThisTest() async throws {
        try await TestDatabases.each { db in
            let app = try await TestApp.make(on: db, demo: false)
            let registered = Set(buildRouter(app.services).routes.map { "\($0.method.rawValue) \($0.path)" }.filter { $0.contains("{") || $0.contains(":") })
            let placeholders = ["{unit}", "{user}", "{key}", "{msg}", "{cust}", "{task}", "{merge}", "{lead}", "{imp}", "{exp}", "{model}", "{pl}", "{cfg}", "{veh}", "{part}", "{view}", "{opp}", "{appt}", "{quote}", "{ctr}", "{apr}", "{acct}", "{wshop}", "{tech}", "{sbook}", "{ro}", "{porder}", "{vorder}", "{alloc}", "{ship}", "{settle}", "{flag}", "{plant}", "{alert}"]
            // a plant cannot sit under a dealer: the plants' routes are checked in ProductionTests
            let covered = Set((Self.idRoutes + ProductionTests.plantRoutes).map { route -> String in
                var path = route.1
                for p in placeholders { path = path.replacingOccurrences(of: p, with: "{id}") }
                return "\(route.0.rawValue) \(path)"
            })
            let unscoped = registered.filter { r in Self.unscopedIDRoutes.contains { r.hasSuffix(" " + $0) } }
            let missing = registered.subtracting(covered).subtracting(unscoped).filter { !$0.contains("/static/") }
            XCTAssertEqual(missing, [], "id routes without a scoping check")
        }
    }

    func testSiblingDealersRecordsAreNotFoundEverywhere() async throws {
        try await TestApp.each { client, app in
            // setup: an administrator whose unit is dealer D-MI1 (all permissions, one dealer's scope)
            let admin = try await client.token("admin")
            let mi1 = try await app.unitID("D-MI1"), mi2 = try await app.unitID("D-MI2")
            let created = try await client.request(.post, "/api/v1/users", token: admin, json: #"{"login":"dadmin","name":"Dealer Admin","email":"dadmin@x.it","org_unit_id":\#(mi1),"roles":["administrator"],"password":"dealer-admin-pw"}"#)
            XCTAssertEqual(created.status, .created, created.text)
            let otherKey = try await client.request(.post, "/api/v1/api-keys", token: admin, json: #"{"name":"D-MI2 sync","role":"salesperson","org_unit_id":\#(mi2)}"#)
            let ownKey = try await client.request(.post, "/api/v1/api-keys", token: admin, json: #"{"name":"D-MI1 sync","role":"salesperson","org_unit_id":\#(mi1)}"#)
            // password-reset mails of sales1 and sales2 put one outbox message in each dealer
            _ = try await client.anonymousPost("/password/forgot", form: [("login", "sales1")])
            _ = try await client.anonymousPost("/password/forgot", form: [("login", "sales2")])
            let messages = try await client.request(.get, "/api/v1/outbox-messages", token: admin).list
            let msg = { (to: String) in messages.first { $0["recipient"] as? String == to }!["id"] as! Int }
            let theirs = try await client.request(.post, "/api/v1/customers", token: try await client.token("sales2"), json: #"{"first_name":"Paolo","last_name":"Verdi","phone":"333 111 2222"}"#)
            let ours = try await client.request(.post, "/api/v1/customers", token: try await client.token("sales1"), json: #"{"first_name":"Ugo","last_name":"Neri","phone":"333 444 5555"}"#)
            XCTAssertEqual(theirs.status, .created, theirs.text)
            let theirContact = try await client.request(.post, "/api/v1/customers/\(theirs.json["id"] as! Int)/contacts", token: try await client.token("sales2"), json: #"{"channel":"phone","follow_up_on":"2099-01-01"}"#)
            XCTAssertEqual(theirContact.status, .created, theirContact.text)
            // a merge at Brianza Motori, whose undo the other dealer must not reach
            let s2 = try await client.token("sales2")
            let m1 = try await client.request(.post, "/api/v1/customers", token: s2, json: #"{"last_name":"Doppio","phone":"3331212121"}"#).json["id"] as! Int
            let m2 = try await client.request(.post, "/api/v1/customers", token: s2, json: #"{"last_name":"Doppio","phone":"3331212121","on_duplicate":"create"}"#).json["id"] as! Int
            let merged = try await client.request(.post, "/api/v1/customers/merge", token: s2, json: #"{"survivor_id":\#(m1),"merged_id":\#(m2)}"#)
            XCTAssertEqual(merged.status, .ok)
            let theirLead = try await client.request(.post, "/api/v1/leads", token: s2, json: #"{"last_name":"Lontano","email":"lontano@example.it"}"#).json["id"] as! Int
            let ourLead = try await client.request(.post, "/api/v1/leads", token: try await client.token("sales1"), json: #"{"last_name":"Vicino","email":"vicino@example.it"}"#).json["id"] as! Int
            let theirImport = try await client.request(.post, "/api/v1/imports", token: s2, rawBody: "last_name,phone\nImportato,3470001234\n", contentType: "text/csv").json["id"] as! Int
            let ourImport = try await client.request(.post, "/api/v1/imports", token: try await client.token("sales1"), rawBody: "last_name,phone\nNostro,3470001235\n", contentType: "text/csv").json["id"] as! Int
            let mergeEvent = try await app.services.db.sql.raw("SELECT id FROM audit_events WHERE action = 'merge'").first()!.decode(column: "id", as: Int.self)
            let theirTaskID = try await app.services.db.sql.raw("SELECT id FROM tasks ORDER BY id").first()!.decode(column: "id", as: Int.self)
            var other = ["{imp}": "\(theirImport)", "{lead}": "\(theirLead)", "{merge}": "\(mergeEvent)", "{task}": "\(theirTaskID)", "{cust}": "\(theirs.json["id"] as! Int)", "{msg}": "\(msg("sales2@demo.torque.example"))", "{unit}": "\(mi2)", "{user}": "\(try await app.userID("sales2"))", "{key}": "\((otherKey.json["api_key"] as! [String: Any])["id"] as! Int)"]
            var own = ["{imp}": "\(ourImport)", "{lead}": "\(ourLead)", "{merge}": "0", "{task}": "0", "{cust}": "\(ours.json["id"] as! Int)", "{msg}": "\(msg("sales1@demo.torque.example"))", "{unit}": "\(try await app.unitID("W-MI1"))", "{user}": "\(try await app.userID("sales1"))", "{key}": "\((ownKey.json["api_key"] as! [String: Any])["id"] as! Int)"]
            let token = try await client.token("dadmin", password: "dealer-admin-pw")
            let session = try await client.session("dadmin", password: "dealer-admin-pw")
            // exports: the OEM's (above the dealer) and the dealer's own, both finished
            let theirExport = try await client.request(.post, "/api/v1/exports", token: admin).json["id"] as! Int
            let ownExport = try await client.request(.post, "/api/v1/exports", token: token).json["id"] as! Int
            _ = try await JobWorker(services: app.services, recurring: []).runOnce()
            other["{exp}"] = "\(theirExport)"
            own["{exp}"] = "\(ownExport)"
            // catalog, stock and parts records of each dealer
            for (unit, ids, owner) in [(mi2, "other", admin), (mi1, "own", token)] {
                let model = try await client.request(.post, "/api/v1/catalog/models", token: owner, json: #"{"code":"LOCAL\#(unit)","make":"Local","name":"Model \#(unit)","model_year":2026,"body_style":"Van","org_unit_id":\#(unit)}"#)
                XCTAssertEqual(model.status, .created, model.text)
                let modelID = model.json["id"] as! Int
                _ = try await client.request(.post, "/api/v1/catalog/models/\(modelID)/items", token: owner, json: #"{"code":"BASE","name":"Base","kind":"trim"}"#)
                let list = try await client.request(.post, "/api/v1/catalog/price-lists", token: owner, json: #"{"name":"Local","org_unit_id":\#(unit),"csv":"model,code,price,valid_from\nLOCAL\#(unit),BASE,100,2026-01-01\n"}"#)
                XCTAssertEqual(list.status, .created, list.text)
                let seller = try await client.token(ids == "other" ? "sales2" : "sales1")
                let dama = try await client.request(.get, "/api/v1/catalog/models?q=dama", token: seller).list[0]["id"] as! Int
                let cfg = try await client.request(.post, "/api/v1/configurations", token: seller, json: #"{"model_id":\#(dama),"trim":"BASE","engine":"P12","colour":"WHITE"}"#)
                XCTAssertEqual(cfg.status, .created, cfg.text)
                let vehicle = try await app.services.db.sql.raw("SELECT id FROM vehicles WHERE org_unit_id = \(bind: unit) AND status = 'in_stock' ORDER BY id LIMIT 1").first()!.decode(column: "id", as: Int.self)
                let workshop = try await app.unitID(ids == "other" ? "W-MI2" : "W-MI1")
                let part = try await app.services.db.sql.raw("SELECT id FROM parts WHERE org_unit_id = \(bind: workshop) ORDER BY id LIMIT 1").first()!.decode(column: "id", as: Int.self)
                let viewer = try await app.userID(ids == "other" ? "sales2" : "dadmin")
                try await app.services.savedViews.save(userID: viewer, list: "stock", name: "Mine", query: "kind=used")
                let view = try await app.services.savedViews.views(userID: viewer, list: "stock")[0].id
                let buyer = ids == "other" ? theirs.json["id"] as! Int : ours.json["id"] as! Int
                let opp = try await client.request(.post, "/api/v1/opportunities", token: seller, json: #"{"customer_id":\#(buyer),"title":"Deal \#(unit)"}"#)
                XCTAssertEqual(opp.status, .created, opp.text)
                let values = ["{model}": "\(modelID)", "{pl}": "\((list.list[0])["id"] as! Int)", "{cfg}": "\(cfg.json["id"] as! Int)", "{veh}": "\(vehicle)", "{part}": "\(part)", "{view}": "\(view)",
                              "{opp}": "\(opp.json["id"] as! Int)"]
                let appt = try await client.request(.post, "/api/v1/appointments", token: seller,
                                                    json: #"{"kind":"appointment","title":"Visit \#(unit)","starts_at":"2030-01-01T10:00:00Z","ends_at":"2030-01-01T11:00:00Z"}"#)
                XCTAssertEqual(appt.status, .created, appt.text)
                let lines = #""lines":[{"kind":"vehicle","description":"Car","unit_minor":1000000}]"#
                let quote = try await client.request(.post, "/api/v1/quotes", token: seller, json: #"{"customer_id":\#(buyer),\#(lines)}"#)
                XCTAssertEqual(quote.status, .created, quote.text)
                let sold = try await client.request(.post, "/api/v1/quotes", token: seller, json: #"{"customer_id":\#(buyer),\#(lines)}"#).json["id"] as! Int
                let contract = try await client.request(.post, "/api/v1/quotes/\(sold)/accept", token: seller)
                XCTAssertEqual(contract.status, .created, contract.text)
                let appraisal = try await client.request(.post, "/api/v1/appraisals", token: seller,
                                                         json: #"{"customer_id":\#(buyer),"vin":"1HGCM82633A004352","model_name":"Accord","mileage_km":1000,"estimated_value_minor":100}"#)
                XCTAssertEqual(appraisal.status, .created, appraisal.text)
                let company = try await client.request(.post, "/api/v1/customers", token: seller, json: #"{"kind":"company","company_name":"Fleet \#(unit)","email":"fleet\#(unit)@fleet.example","on_duplicate":"create"}"#).json["id"] as! Int
                let account = try await client.request(.post, "/api/v1/accounts", token: seller, json: #"{"customer_id":\#(company)}"#)
                XCTAssertEqual(account.status, .created, account.text)
                var values2 = values
                values2["{acct}"] = "\(company)"
                // a workshop's set-up and a booking (made by the OEM administrator for both dealers)
                let shop = try await app.unitID(ids == "other" ? "W-MI2" : "W-MI1")
                let bay = try await client.request(.post, "/api/v1/workshops/\(shop)/bays", token: admin, json: #"{"name":"Lift","capabilities":["lift"]}"#)
                XCTAssertEqual(bay.status, .created, bay.text)
                let tech = try await client.request(.post, "/api/v1/technicians", token: admin, json: #"{"workshop_id":\#(shop),"name":"Tech \#(unit)","hours":"mon-sun 06:00-22:00","skills":{"brakes":1}}"#)
                XCTAssertEqual(tech.status, .created, tech.text)
                let slot = try await client.request(.get, "/api/v1/service/slots?workshop_id=\(shop)&text=Noise&minutes=30&skill=brakes", token: admin)
                let proposal = (slot.json["proposals"] as? [[String: Any]])?.first ?? [:]
                let sbook = try await client.request(.post, "/api/v1/service/appointments", token: admin, json: """
                    {"workshop_id":\(shop),"customer_id":\(buyer),"text":"Noise","minutes":30,"technician_id":\(tech.json["id"] as! Int),"bay_id":\(bay.json["id"] as! Int),"starts_at":"\(proposal["starts_at"] as? String ?? "")"}
                    """)
                XCTAssertEqual(sbook.status, .created, sbook.text)
                values2["{wshop}"] = "\(shop)"
                values2["{tech}"] = "\(tech.json["id"] as! Int)"
                values2["{sbook}"] = "\(sbook.json["id"] as! Int)"
                let ro = try await client.request(.post, "/api/v1/repair-orders", token: admin, json: #"{"workshop_id":\#(shop),"vehicle_id":\#(vehicle),"mileage_km":900000,"confirm_mileage":true}"#)
                XCTAssertEqual(ro.status, .created, ro.text)
                let withLine = try await client.request(.post, "/api/v1/repair-orders/\(ro.json["id"] as! Int)/lines", token: admin, json: #"{"description":"Extra","minutes":10,"additional":true}"#)
                values2["{ro}"] = "\(ro.json["id"] as! Int)"
                let rofile = try await client.request(.post, "/api/v1/repair-orders/\(ro.json["id"] as! Int)/files?kind=photo", token: admin, rawBytes: [0xFF, 0xD8, 0xFF, 0xE0, 1, 2], contentType: "image/jpeg")
                XCTAssertEqual(rofile.status, .created, rofile.text)
                values2["{file}"] = "\(rofile.json["id"] as? Int ?? 0)"
                let porder = try await client.request(.post, "/api/v1/parts/\(part)/orders", token: admin, json: #"{"quantity":3,"expected_on":"2030-01-01"}"#)
                XCTAssertEqual(porder.status, .created, porder.text)
                values2["{porder}"] = "\(porder.json["id"] as? Int ?? 0)"
                // a vehicle order of an exact hub car, shipped (logistics of the OEM for both dealers)
                let hubCar = try await DistributionTests.hubUnit(app, offset: ids == "other" ? 0 : 1)
                let vorder = try await client.request(.post, "/api/v1/vehicle-orders", token: admin,
                                                      json: #"{"org_unit_id":\#(unit),"model_id":\#(hubCar.modelID),\#(hubCar.build),"quantity":1,"wanted_on":"2030-01-01"}"#)
                XCTAssertEqual(vorder.status, .created, vorder.text)
                let vline = (vorder.json["lines"] as! [[String: Any]])[0]["id"] as! Int
                let shipment = try await client.request(.post, "/api/v1/shipments", token: admin, json: #"{"line_ids":[\#(vline)],"carrier":"C","tracking_number":"SCOPE-\#(unit)","eta":"2030-01-01"}"#)
                XCTAssertEqual(shipment.status, .created, shipment.text)
                let vorderID = vorder.json["id"] as! Int
                values2["{vorder}"] = "\(vorderID)"
                values2["{alloc}"] = "\(try await app.services.db.sql.raw("SELECT id FROM allocations WHERE order_id = \(bind: vorderID)").first()!.decode(column: "id", as: Int.self))"
                values2["{ship}"] = "\(shipment.json["id"] as! Int)"
                try await app.services.db.sql.raw("INSERT INTO warning_flags (org_unit_id, kind, order_id, reason, raised_at) VALUES (\(bind: unit), 'order_too_large', \(bind: vorderID), 'test', '2026-01-01T00:00:00Z')").run()
                values2["{flag}"] = "\(try await app.services.db.sql.raw("SELECT id FROM warning_flags WHERE order_id = \(bind: vorderID)").first()!.decode(column: "id", as: Int.self))"
                values2["{settle}"] = "\(try await app.services.db.sql.raw("SELECT id FROM settlement_entries WHERE order_id = \(bind: vorderID)").first()!.decode(column: "id", as: Int.self))"
                values2["{line}"] = "\(((withLine.json["lines"] as? [[String: Any]])?.last?["id"] as? Int) ?? 0)"
                values2["{quote}"] = "\(quote.json["id"] as! Int)"
                values2["{ctr}"] = "\(contract.json["id"] as! Int)"
                values2["{apr}"] = "\(appraisal.json["id"] as! Int)"
                for (k, v) in values2 { if ids == "other" { other[k] = v } else { own[k] = v } }
                if ids == "other" { other["{appt}"] = "\(appt.json["id"] as! Int)" } else { own["{appt}"] = "\(appt.json["id"] as! Int)" }
            }

            func call(_ route: (HTTPRequest.Method, String, String), ids: [String: String], token: String?, session: TestClient.Session?) async throws -> TestClient.Reply {
                var path = route.1
                for (k, v) in ids { path = path.replacingOccurrences(of: k, with: v) }
                if route.2 == "form" {
                    return try await client.request(route.0, path, form: [("_csrf", session!.csrf), ("name", "Renamed"), ("password", "another-secret-1")], cookie: session!.cookie)
                }
                if path.hasPrefix("/admin") { return try await client.request(route.0, path, cookie: session!.cookie) }
                return try await client.request(route.0, path, token: token, json: route.2.isEmpty ? nil : route.2)
            }

            // act + check: each route on the sibling's record is 404, on an own record it is not
            for route in Self.idRoutes {
                let r = try await call(route, ids: other, token: token, session: session)
                XCTAssertEqual(r.status, .notFound, "\(route.0) \(route.1) leaked: \(r.status)")
                if route.1.hasPrefix("/api") { XCTAssertEqual(r.errorCode, "not_found") }
            }
            // (the merge page without ?with= sends the person back with a message: not a page of its own)
            for route in Self.idRoutes where route.0 == .get && !route.1.hasSuffix("/merge") {
                let r = try await call(route, ids: own, token: token, session: session)
                XCTAssertEqual(r.status, .ok, "\(route.1) on an own record")
            }
            // lists show only the caller's part of the network
            let units = try await client.request(.get, "/api/v1/org-units", token: token)
            XCTAssertEqual(Set(units.list.map { $0["code"] as! String }), ["D-MI1", "W-MI1"])
            let users = try await client.request(.get, "/api/v1/users?limit=500", token: token)
            XCTAssertFalse(users.list.contains { $0["login"] as? String == "sales2" })
            XCTAssertTrue(users.list.contains { $0["login"] as? String == "sales1" })
            let keys = try await client.request(.get, "/api/v1/api-keys", token: token)
            XCTAssertEqual(keys.list.map { $0["name"] as! String }, ["D-MI1 sync"])
            let audit = try await client.request(.get, "/api/v1/audit-events?record_type=org_unit&record_id=\(mi2)", token: token)
            XCTAssertEqual(audit.status, .ok)
            XCTAssertTrue(audit.list.isEmpty)
            // and they cannot place records in the sibling dealer
            let planted = try await client.request(.post, "/api/v1/users", token: token, json: #"{"login":"mole","name":"Mole","email":"m@x.it","org_unit_id":\#(mi2),"roles":["salesperson"],"password":"mole-password"}"#)
            XCTAssertEqual(planted.status, .unprocessableContent)
            XCTAssertEqual(planted.errorFields["org_unit_id"], "is not a unit you can see")
        }
    }

    func testARoleWithoutThePermissionGets403() async throws {
        try await TestApp.each { client, app in
            let token = try await client.token("sales1")
            let session = try await client.session("sales1")
            let own = try await app.unitID("D-MI1")
            let forbidden: [(HTTPRequest.Method, String)] = [
                (.post, "/api/v1/org-units"), (.patch, "/api/v1/org-units/\(own)"), (.get, "/api/v1/users"), (.post, "/api/v1/users"),
                (.get, "/api/v1/roles"), (.post, "/api/v1/roles"), (.get, "/api/v1/api-keys"), (.get, "/api/v1/audit-events?record_type=org_unit&record_id=\(own)"),
            ]
            for (method, path) in forbidden {
                let r = try await client.request(method, path, token: token, json: method == .get ? nil : "{}")
                XCTAssertEqual(r.status, .forbidden, "\(method) \(path)")
                XCTAssertEqual(r.errorCode, "forbidden")
            }
            for path in ["/admin", "/admin/users", "/admin/units/new", "/admin/roles", "/admin/api-keys", "/distribution", "/production"] {
                let r = try await client.request(.get, path, cookie: session.cookie)
                XCTAssertEqual(r.status, .forbidden, path)
                XCTAssertTrue(r.text.contains("Not allowed"))
            }
            // reading the own unit is allowed
            let mine = try await client.request(.get, "/api/v1/org-units/\(own)", token: token)
            XCTAssertEqual(mine.status, .ok)
        }
    }

    func testRegionalManagerSeesTheWholeRegionButNotOthers() async throws {
        try await TestApp.each { client, app in
            let token = try await client.token("regional1")
            let a = try await client.request(.get, "/api/v1/users/\(try await app.userID("sales1"))", token: token)
            let b = try await client.request(.get, "/api/v1/users/\(try await app.userID("sales2"))", token: token)
            let south = try await client.request(.get, "/api/v1/org-units/\(try await app.unitID("D-NA1"))", token: token)
            XCTAssertEqual(a.status, .ok)
            XCTAssertEqual(b.status, .ok)
            XCTAssertEqual(south.status, .notFound)
        }
    }

    func testDealerPrincipalCannotGrantRolesBeyondTheirOwn() async throws {
        try await TestApp.each { client, app in
            let token = try await client.token("principal1")
            let r = try await client.request(.post, "/api/v1/users", token: token, json: #"{"login":"boss","name":"Boss","email":"b@x.it","org_unit_id":\#(try await app.unitID("D-MI1")),"roles":["administrator"],"password":"boss-password"}"#)
            XCTAssertEqual(r.status, .unprocessableContent)
            XCTAssertTrue(r.errorFields["roles"]?.contains("you cannot grant") ?? false)
            let ok = try await client.request(.post, "/api/v1/users", token: token, json: #"{"login":"newsales","name":"New Sales","email":"n@x.it","org_unit_id":\#(try await app.unitID("D-MI1")),"roles":["salesperson"],"password":"new-sales-pw"}"#)
            XCTAssertEqual(ok.status, .created, ok.text)
        }
    }
}
