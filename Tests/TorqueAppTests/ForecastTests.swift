import SQLKit
import Foundation
import TorqueDomain
import TorqueStore
import TorqueTestSupport
import XCTest

/// Targets and the weighted forecast (SALES-3): a dealer's salespeople, a region's dealers side
/// by side, who may set targets, and the page with its SVG charts and targets form.
final class ForecastTests: XCTestCase {
    static var month: String { SalesMonth.of(day: Clock.today()) }

    func testForecastAgainstTargetForAPersonADealerAndARegion() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1"), manager = try await client.token("manager1")
            let mi1 = try await app.unitID("D-MI1"), mi2 = try await app.unitID("D-MI2"), region = try await app.unitID("R-N")
            let sara = try await app.userID("sales1")
            let anna = try await OpportunityTests.customer(client, token: sales, name: "Forecast", phone: "3471110301")
            let closeOn = Self.month + "-28"
            // two open deals this month (negotiating 80 %, quoted 60 %), one won
            for (title, stage, value) in [("A", "negotiating", 3_000_000), ("B", "quoted", 2_000_000), ("C", "new", 2_500_000)] {
                let r = try await client.request(.post, "/api/v1/opportunities", token: sales,
                                                 json: #"{"customer_id":\#(anna),"title":"\#(title)","stage":"\#(stage)","expected_value_minor":\#(value),"close_on":"\#(closeOn)","owner_user_id":\#(sara)}"#)
                XCTAssertEqual(r.status, .created, r.text)
                if title == "C" { _ = try await client.request(.post, "/api/v1/opportunities/\(r.json["id"] as! Int)/stage", token: sales, json: #"{"stage":"won"}"#) }
            }
            let set = try await client.request(.put, "/api/v1/targets", token: manager, json: """
                {"targets":[{"org_unit_id":\(mi1),"month":"\(Self.month)","units":10,"revenue_minor":30000000},
                            {"org_unit_id":\(mi1),"user_id":\(sara),"month":"\(Self.month)","units":4,"revenue_minor":10000000}]}
                """)
            XCTAssertEqual(set.status, .ok, set.text)
            let dealer = try await client.request(.get, "/api/v1/reports/sales-forecast?org_unit_id=\(mi1)", token: manager)
            XCTAssertEqual(dealer.status, .ok, dealer.text)
            XCTAssertEqual(dealer.json["by_person"] as? Bool, true)
            let line = (dealer.json["lines"] as! [[String: Any]]).first { $0["label"] as? String == "Sara Colombo" }!
            let f = line["figures"] as! [String: Any]
            XCTAssertEqual(f["won_units"] as? Int, 1)
            XCTAssertEqual(f["won_revenue_minor"] as? Int, 2_500_000)
            XCTAssertEqual(f["open_count"] as? Int, 2)
            XCTAssertEqual(f["weighted_revenue_minor"] as? Int, 2_400_000 + 1_200_000, "80 % of 30,000 + 60 % of 20,000")
            XCTAssertEqual(f["weighted_units_hundredths"] as? Int, 140)
            XCTAssertEqual(f["target_revenue_minor"] as? Int, 10_000_000)
            let total = dealer.json["total"] as! [String: Any]
            XCTAssertEqual(total["target_units"] as? Int, 10, "the dealer's own target, not the sum of its people's")
            XCTAssertEqual((dealer.json["trend"] as? [[String: Any]])?.count, 8)
            // the region: dealers side by side, each with its own target
            let regional = try await client.token("regional1")
            let setMI2 = try await client.request(.put, "/api/v1/targets", token: regional, json: #"{"targets":[{"org_unit_id":\#(mi2),"month":"\#(Self.month)","units":8,"revenue_minor":24000000}]}"#)
            XCTAssertEqual(setMI2.status, .ok, setMI2.text)
            let byDealer = try await client.request(.get, "/api/v1/reports/sales-forecast?org_unit_id=\(region)", token: regional)
            XCTAssertEqual(byDealer.json["by_person"] as? Bool, false)
            let lines = byDealer.json["lines"] as! [[String: Any]]
            let mi1Line = lines.first { $0["org_unit_id"] as? Int == mi1 }!["figures"] as! [String: Any]
            XCTAssertEqual(mi1Line["target_units"] as? Int, 10)
            XCTAssertEqual(mi1Line["won_revenue_minor"] as? Int, 2_500_000)
            XCTAssertEqual(mi1Line["weighted_revenue_minor"] as? Int, 3_600_000, "the region reads the kept counts: same figures")
            XCTAssertEqual((lines.first { $0["org_unit_id"] as? Int == mi2 }!["figures"] as! [String: Any])["target_units"] as? Int, 8)
            XCTAssertEqual((byDealer.json["total"] as! [String: Any])["target_units"] as? Int, 18, "without a target of its own the region adds up its dealers'")
            // who may set what
            let notAllowed = try await client.request(.put, "/api/v1/targets", token: sales, json: #"{"targets":[]}"#)
            XCTAssertEqual(notAllowed.status, .forbidden)
            let foreign = try await client.request(.put, "/api/v1/targets", token: manager, json: #"{"targets":[{"org_unit_id":\#(mi2),"month":"\#(Self.month)","units":1,"revenue_minor":1}]}"#)
            XCTAssertEqual(foreign.errorFields["targets[0].org_unit_id"], "is not a unit you can see")
            let stranger = try await client.request(.put, "/api/v1/targets", token: regional,
                                                    json: #"{"targets":[{"org_unit_id":\#(mi2),"user_id":\#(sara),"month":"\#(Self.month)","units":1,"revenue_minor":1}]}"#)
            XCTAssertEqual(stranger.errorFields["targets[0].user_id"], "does not work at this unit")
            let badMonth = try await client.request(.put, "/api/v1/targets", token: manager, json: #"{"targets":[{"month":"2026-13","units":-1,"revenue_minor":1}]}"#)
            XCTAssertEqual(badMonth.errorFields["targets[0].month"], "must be a month like 2026-11")
            XCTAssertEqual(badMonth.errorFields["targets[0].units"], "must be from 0 to 100,000")
            let outside = try await client.request(.get, "/api/v1/reports/sales-forecast?org_unit_id=\(mi2)", token: manager)
            XCTAssertEqual(outside.status, .notFound)
            let wrongMonth = try await client.request(.get, "/api/v1/reports/sales-forecast?month=november", token: manager)
            XCTAssertEqual(wrongMonth.errorFields["month"], "must be a month like 2026-11")
            let listed = try await client.request(.get, "/api/v1/targets", token: manager).list
            XCTAssertEqual(listed.count, 2)
            // moving a deal's close date moves it between months; the kept counts follow every write
            let a = try await client.request(.get, "/api/v1/opportunities?customer_id=\(anna)", token: sales).list.first { $0["title"] as? String == "A" }!["id"] as! Int
            let later = SalesMonth.adding(1, to: Self.month) + "-10"
            let moved = try await client.request(.patch, "/api/v1/opportunities/\(a)", token: sales, json: #"{"close_on":"\#(later)","expected_value_minor":3500000}"#)
            XCTAssertEqual(moved.status, .ok, moved.text)
            let after = try await client.request(.get, "/api/v1/reports/sales-forecast?org_unit_id=\(region)", token: regional)
            let trend = after.json["trend"] as! [[String: Any]]
            let next = trend.first { $0["month"] as? String == SalesMonth.adding(1, to: Self.month) }!["figures"] as! [String: Any]
            XCTAssertEqual(next["weighted_revenue_minor"] as? Int, 2_800_000, "80 % of 35,000 next month")
            let kept = try await app.services.db.sql.raw("SELECT org_unit_id, stage, close_month, n, value_minor FROM opportunity_close_counts WHERE n > 0 ORDER BY 1, 2, 3").all()
                .map { "\(try $0.decode(column: "org_unit_id", as: Int.self)) \(try $0.decode(column: "stage", as: String.self)) \(try $0.decode(column: "close_month", as: String.self)) \(try $0.decode(column: "n", as: Int.self)) \(try $0.decode(column: "value_minor", as: Int.self))" }
            let actual = try await app.services.db.sql.raw("""
                SELECT org_unit_id, stage, SUBSTR(close_on, 1, 7) AS m, COUNT(*) AS n, CAST(COALESCE(SUM(expected_value_minor), 0) AS BIGINT) AS v
                FROM opportunities WHERE close_on IS NOT NULL GROUP BY org_unit_id, stage, SUBSTR(close_on, 1, 7) ORDER BY 1, 2, 3
                """).all()
                .map { "\(try $0.decode(column: "org_unit_id", as: Int.self)) \(try $0.decode(column: "stage", as: String.self)) \(try $0.decode(column: "m", as: String.self)) \(try $0.decode(column: "n", as: Int.self)) \(try $0.decode(column: "v", as: Int.self))" }
            XCTAssertEqual(kept, actual)
        }
    }

    func testTheForecastPageDrawsChartsAndSavesTargets() async throws {
        try await TestApp.each { client, app in
            let m = try await client.session("manager1")
            let page = try await client.request(.get, "/sales/forecast", cookie: m.cookie)
            XCTAssertEqual(page.status, .ok, page.text)
            XCTAssertTrue(page.text.contains("<svg class=\"chart\""))
            XCTAssertTrue(page.text.contains("Sara Colombo"))
            XCTAssertTrue(page.text.contains("Set the targets for \(Self.month)"))
            let mi1 = try await app.unitID("D-MI1"), sara = try await app.userID("sales1")
            // find Sara's row index in the form
            let marker = #"<input type="hidden" name="user_"#
            let pieces = page.text.components(separatedBy: marker).dropFirst()
            let saraRow = pieces.first { $0.contains(#"value="\#(sara)""#) }!.prefix { $0 != "\"" }
            let bad = try await client.request(.post, "/sales/forecast/targets", form: [("_csrf", m.csrf), ("org_unit_id", "\(mi1)"), ("month", Self.month),
                                                                                       ("unit_0", "\(mi1)"), ("user_0", ""), ("units_0", "lots"), ("revenue_0", "300000"),
                                                                                       ("unit_\(saraRow)", "\(mi1)"), ("user_\(saraRow)", "\(sara)"), ("units_\(saraRow)", "4"), ("revenue_\(saraRow)", "100,000")],
                                                 cookie: m.cookie)
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("must be a whole number of cars"))
            XCTAssertTrue(bad.text.contains(#"value="lots""#), "typed value kept")
            let good = try await client.request(.post, "/sales/forecast/targets", form: [("_csrf", m.csrf), ("org_unit_id", "\(mi1)"), ("month", Self.month),
                                                                                        ("unit_0", "\(mi1)"), ("user_0", ""), ("units_0", "10"), ("revenue_0", "300000"),
                                                                                        ("unit_\(saraRow)", "\(mi1)"), ("user_\(saraRow)", "\(sara)"), ("units_\(saraRow)", "4"), ("revenue_\(saraRow)", "100,000")],
                                                  cookie: m.cookie)
            XCTAssertEqual(good.status, .seeOther, good.text)
            let after = try await client.request(.get, "/sales/forecast", cookie: m.cookie)
            XCTAssertTrue(after.text.contains("10 cars · EUR 300,000"), after.text)
            XCTAssertTrue(after.text.contains("4 · EUR 100,000"))
            // a salesperson sees the forecast but no targets form
            let s = try await client.session("sales1")
            let mine = try await client.request(.get, "/sales/forecast", cookie: s.cookie)
            XCTAssertFalse(mine.text.contains("Set the targets"))
            let regional = try await client.session("regional1")
            let side = try await client.request(.get, "/sales/forecast", cookie: regional.cookie)
            XCTAssertTrue(side.text.contains("Side by side"))
            XCTAssertTrue(side.text.contains("/sales/forecast?org_unit_id=\(mi1)&amp;month=") || side.text.contains("/sales/forecast?org_unit_id=\(mi1)&month="))
        }
    }
}
