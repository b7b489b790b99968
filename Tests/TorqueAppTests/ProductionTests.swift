import Foundation
import HTTPTypes
import SQLKit
import TorqueDomain
import TorqueStore
import TorqueTestSupport
import XCTest

/// Production and quality (PROD-1, PROD-2): a plant records its output and the VINs built,
/// inspects only its own cars with catalogued codes, the car's page shows its record; a code
/// rising against its baseline raises one alert with its chart and a task for QA.
final class ProductionTests: XCTestCase {
    /// Routes of a plant's records, checked here with a plant under each region.
    static let plantRoutes: [(HTTPRequest.Method, String, String)] = [
        (.get, "/api/v1/plants/{plant}/production", ""), (.post, "/api/v1/plants/{plant}/production", #"{"model_id":1,"day":"2020-01-01","units":1}"#),
        (.get, "/api/v1/defect-alerts/{alert}", ""), (.post, "/api/v1/defect-alerts/{alert}/close", ""),
        (.get, "/production/alerts/{alert}", ""), (.post, "/production/alerts/{alert}/close", "form"),
    ]

    static func vin(_ serial: Int) -> String { DemoStock.vin(descriptor: "DM", trim: 0, engine: 0, year: 2026, serial: 880_000 + serial) }

    func testAPlantRecordsItsOutputAndInspectsItsOwnCars() async throws {
        try await TestApp.each { client, app in
            let qa = try await client.token("qa1")
            let plant = try await app.unitID("PLANT-TO")
            let unit = try await DistributionTests.hubUnit(app)
            let today = Clock.today()
            let bad = try await client.request(.post, "/api/v1/plants/\(plant)/production", token: qa, json: #"{"model_id":\#(unit.modelID),"day":"\#(today)","units":2,"vins":["\#(unit.vin)","NOT-A-VIN"]}"#)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.errorFields["vins"]?.contains("line 2 (NOT-A-VIN)") ?? false, bad.text)
            let tooMany = try await client.request(.post, "/api/v1/plants/\(plant)/production", token: qa, json: #"{"model_id":\#(unit.modelID),"day":"\#(today)","units":1,"vins":["\#(unit.vin)","\#(Self.vin(1))"]}"#)
            XCTAssertEqual(tooMany.status, .unprocessableContent)
            let future = try await client.request(.post, "/api/v1/plants/\(plant)/production", token: qa, json: #"{"model_id":\#(unit.modelID),"day":"2099-01-01","units":1}"#)
            XCTAssertNotNil(future.errorFields["day"])
            let ok = try await client.request(.post, "/api/v1/plants/\(plant)/production", token: qa, json: #"{"model_id":\#(unit.modelID),"day":"\#(today)","units":40,"vins":["\#(unit.vin)","\#(Self.vin(1))"]}"#)
            XCTAssertEqual(ok.status, .ok, ok.text)
            XCTAssertEqual(ok.list.first?["units"] as? Int, 40)
            let again = try await client.request(.post, "/api/v1/plants/\(plant)/production", token: qa, json: #"{"model_id":\#(unit.modelID),"day":"\#(today)","units":41,"vins":["\#(Self.vin(1))"]}"#)
            XCTAssertEqual(again.status, .conflict, "a VIN is built once")
            let days = try await client.request(.get, "/api/v1/plants/\(plant)/production", token: qa)
            XCTAssertEqual(days.list.first?["units"] as? Int, 40, "nothing of the refused record was written")

            // inspections: only the plant's own cars, catalogued codes, fail names a defect
            let notBuilt = try await client.request(.post, "/api/v1/qa-inspections", token: qa, json: #"{"vin":"\#(Self.vin(2))","passed":true}"#)
            XCTAssertEqual(notBuilt.status, .unprocessableContent)
            XCTAssertEqual(notBuilt.errorFields["vin"], "was not built by Torino Assembly Plant: record its production first")
            let noDefect = try await client.request(.post, "/api/v1/qa-inspections", token: qa, json: #"{"vin":"\#(unit.vin)","passed":false}"#)
            XCTAssertNotNil(noDefect.errorFields["defects"])
            let unknown = try await client.request(.post, "/api/v1/qa-inspections", token: qa, json: #"{"vin":"\#(unit.vin)","passed":false,"defects":["ZZ-999"]}"#)
            XCTAssertEqual(unknown.errorFields["defects"], "ZZ-999 not in the defect catalogue")
            let failed = try await client.request(.post, "/api/v1/qa-inspections", token: qa, json: #"{"vin":"\#(unit.vin.lowercased())","passed":false,"defects":["pt-101"],"note":"bonnet"}"#)
            XCTAssertEqual(failed.status, .created, failed.text)
            XCTAssertEqual(failed.json["defects"] as? [String], ["PT-101"])
            let passed = try await client.request(.post, "/api/v1/qa-inspections", token: qa, json: #"{"vin":"\#(unit.vin)","passed":true}"#)
            XCTAssertEqual(passed.status, .created, passed.text)
            let listed = try await client.request(.get, "/api/v1/qa-inspections?vin=\(unit.vin)", token: qa).list.count
            XCTAssertEqual(listed, 2)
            // the car's page shows where it was built and its inspections
            let logistics = try await client.session("logistics1")
            let page = try await client.request(.get, "/stock/vehicles/\(unit.id)", cookie: logistics.cookie)
            XCTAssertTrue(page.text.contains("Built at Torino Assembly Plant on \(today)"), page.text)
            XCTAssertTrue(page.text.contains("PT-101"))
            // the page forms keep what was typed when refused
            let qaSession = try await client.session("qa1")
            let refused = try await client.request(.post, "/production/inspections", form: [("_csrf", qaSession.csrf), ("plant_id", "\(plant)"), ("vin", Self.vin(3)), ("inspected_on", today), ("note", "seen twice")], cookie: qaSession.cookie)
            XCTAssertEqual(refused.status, .unprocessableContent)
            XCTAssertTrue(refused.text.contains("a failed inspection names at least one defect code"), refused.text)
            XCTAssertTrue(refused.text.contains("value=\"seen twice\""))
            // the defect catalogue
            let dup = try await client.request(.post, "/api/v1/defect-codes", token: qa, json: #"{"code":"PT-101","component":"Paint","description":"x"}"#).status
            XCTAssertEqual(dup, .conflict)
            let code = try await client.request(.post, "/api/v1/defect-codes", token: qa, json: #"{"code":"ST-701","component":"Steering","description":"Wheel off centre"}"#)
            XCTAssertEqual(code.status, .created, code.text)
            let dealer = try await client.request(.post, "/api/v1/qa-inspections", token: try await client.token("principal1"), json: #"{"vin":"\#(unit.vin)","passed":true}"#).status
            XCTAssertEqual(dealer, .forbidden)
        }
    }

    func testARisingDefectRaisesOneAlertWithItsChartAndATaskForQA() async throws {
        try await TestApp.each { client, app in
            let plant = try await app.unitID("PLANT-TO")
            let model = try await DistributionTests.hubUnit(app).modelID
            let today = Clock.today()
            // 90 days of 20 cars with EL-302 on 1 in 100; this week 20 a day with 1 in 10
            var builds: [ProductionSeed.Build] = []
            for age in 0..<97 {
                for k in 0..<20 {
                    let recent = age < 7
                    let defect = recent ? k % 10 == 0 : (age * 20 + k) % 100 == 0
                    builds.append(.init(vin: Self.vin(age * 20 + k), modelID: model, day: CalendarDay.adding(-age, to: today), defects: defect ? ["EL-302"] : []))
                }
            }
            try await ProductionSeed(db: app.services.db).builds(builds, plantID: plant)
            let raised = try await app.services.defectAlerts.evaluate(today: today)
            XCTAssertEqual(raised.map(\.code), ["EL-302"])
            XCTAssertEqual(raised[0].recentDefects, 14)
            XCTAssertEqual(raised[0].recentInspections, 140)
            let again = try await app.services.defectAlerts.evaluate(today: today)
            XCTAssertEqual(again.map(\.id), raised.map(\.id), "one open alert per code, updated")
            let qa = try await client.token("qa1")
            let alerts = try await client.request(.get, "/api/v1/defect-alerts", token: qa)
            XCTAssertEqual(alerts.list.count, 1, alerts.text)
            let detail = try await client.request(.get, "/api/v1/defect-alerts/\(raised[0].id)", token: qa)
            let trend = detail.json["trend"] as? [[String: Any]] ?? []
            XCTAssertEqual(trend.count, 16)
            XCTAssertEqual(trend.last?["defects"] as? Int, 14, detail.text)
            let session = try await client.session("qa1")
            let home = try await client.request(.get, "/", cookie: session.cookie)
            XCTAssertTrue(home.text.contains("Recurring defect EL-302: 14 in 140 inspections this week"), "QA finds it on the work list")
            XCTAssertTrue(home.text.contains("/production/alerts/\(raised[0].id)"))
            let page = try await client.request(.get, "/production/alerts/\(raised[0].id)", cookie: session.cookie)
            XCTAssertTrue(page.text.contains("<svg class=\"chart\""), page.text)
            XCTAssertTrue(page.text.contains("rising"))
            let closed = try await client.request(.post, "/api/v1/defect-alerts/\(raised[0].id)/close", token: qa)
            XCTAssertEqual(closed.json["status"] as? String, "closed", closed.text)
            let twice = try await client.request(.post, "/api/v1/defect-alerts/\(raised[0].id)/close", token: qa).status
            XCTAssertEqual(twice, .conflict)
            // a steady code raises nothing
            let quiet = try await app.services.defectAlerts.evaluate(today: CalendarDay.adding(-30, to: today))
            XCTAssertEqual(quiet, [])
        }
    }

    /// A plant under each of two regions; each region's administrator reaches its own plant's
    /// records and gets 404 on the other's.
    func testPlantRecordsAreScoped() async throws {
        try await TestApp.each { client, app in
            let admin = try await client.token("admin")
            var ids: [String: [String: String]] = [:]
            var tokens: [String: String] = [:]
            for region in ["R-N", "R-S"] {
                let regionID = try await app.unitID(region)
                let plant = try await client.request(.post, "/api/v1/org-units", token: admin, json: #"{"parent_id":\#(regionID),"kind":"plant","code":"P-\#(region)","name":"Plant \#(region)","time_zone":"Europe/Rome","working_hours":"mon-fri 06:00-22:00"}"#)
                XCTAssertEqual(plant.status, .created, plant.text)
                let plantID = plant.json["id"] as! Int
                let login = "radmin\(region.dropFirst(2))".lowercased()
                let user = try await client.request(.post, "/api/v1/users", token: admin, json: #"{"login":"\#(login)","name":"Admin \#(region)","email":"\#(login)@x.it","org_unit_id":\#(regionID),"roles":["administrator"],"password":"region-admin-pw"}"#)
                XCTAssertEqual(user.status, .created, user.text)
                tokens[region] = try await client.token(login, password: "region-admin-pw")
                let model = try await DistributionTests.hubUnit(app).modelID
                var builds: [ProductionSeed.Build] = []
                let base = region == "R-N" ? 0 : 5_000
                for age in 0..<30 { for k in 0..<10 { builds.append(.init(vin: Self.vin(base + age * 10 + k), modelID: model, day: CalendarDay.adding(-age, to: Clock.today()), defects: age < 7 && k < 3 ? ["BD-201"] : [])) } }
                try await ProductionSeed(db: app.services.db).builds(builds, plantID: plantID)
                let alert = try await app.services.defectAlerts.evaluate().first { $0.orgUnitId == plantID }
                XCTAssertNotNil(alert)
                ids[region] = ["{plant}": "\(plantID)", "{alert}": "\(alert?.id ?? 0)"]
            }
            let session = try await client.session("radminn", password: "region-admin-pw")
            for route in Self.plantRoutes {
                for (ownership, region) in [("other", "R-S"), ("own", "R-N")] {
                    var path = route.1
                    for (k, v) in ids[region]! { path = path.replacingOccurrences(of: k, with: v) }
                    let r = route.2 == "form"
                        ? try await client.request(route.0, path, form: [("_csrf", session.csrf), ("sure", "on")], cookie: session.cookie)
                        : try await client.request(route.0, path, token: tokens["R-N"], json: route.2.isEmpty ? nil : route.2)
                    if ownership == "other" { XCTAssertEqual(r.status, .notFound, "\(route.0) \(route.1) leaked: \(r.status)") }
                    else if route.0 == .get { XCTAssertEqual(r.status, .ok, "\(route.1) on an own record: \(r.text.prefix(300))") }
                }
            }
            let listed = try await client.request(.get, "/api/v1/defect-alerts?closed=true", token: tokens["R-N"]).list.map { $0["org_unit_id"] as? Int }
            XCTAssertEqual(listed, [Int(ids["R-N"]!["{plant}"]!)])
        }
    }
}
