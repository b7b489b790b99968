import Hummingbird
import TorqueDomain
import TorqueStore

/// Activity per salesperson (SALES-4): `/api/v1/reports/sales-activity` and the staff-meeting
/// page `/sales/meeting` (004: the figures a sales manager goes through with the team).
struct SalesActivityRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/reports/sales-activity", use: api)
        router.get("/sales/meeting", use: page)
    }

    /// `from`/`to` as days (to exclusive); by default the current month so far.
    static func period(_ request: Request, timeZone: String) throws -> (String, String) {
        let today = ContactFields.today(in: timeZone)
        var errors = ValidationErrors()
        func day(_ name: String) -> String? {
            guard let t = request.query(name) else { return nil }
            if CalendarDay.parse(t) == nil { errors.add(name, "must be a day like 2026-11-01") }
            return t
        }
        let from = day("from") ?? SalesMonth.days(SalesMonth.of(day: today)).first
        let to = day("to") ?? CalendarDay.adding(1, to: today)
        if errors.isEmpty, to <= from { errors.add("to", "must be after from") }
        if errors.isEmpty, let a = CalendarDay.ordinal(from), let b = CalendarDay.ordinal(to), b - a > 366 { errors.add("to", "must be at most a year after from") }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        return (from, to)
    }

    struct Row: Encodable {
        var userId: Int?
        var name: String
        var unitName: String
        var calls, visits, testDrives, opportunitiesOpened, won, lost, quotes, contracts, revenueMinor: Int
        var winRatePercent: Int?
        var quoteToContractPercent: Int?
        var averageDiscount: String?

        init(_ a: SalesActivity) {
            userId = a.userId; name = a.name; unitName = a.unitName; calls = a.calls; visits = a.visits; testDrives = a.testDrives
            opportunitiesOpened = a.opportunitiesOpened; won = a.won; lost = a.lost; quotes = a.quotes; contracts = a.contracts; revenueMinor = a.revenueMinor
            winRatePercent = a.winRate; quoteToContractPercent = a.quoteToContract; averageDiscount = a.averageDiscount?.percentText
        }
    }

    struct Report: Encodable {
        var orgUnitId: Int
        var from: String
        var to: String
        var rows: [Row]
        var total: Row
        var remarks: [String]
    }

    func report(_ request: Request, principal p: Principal) async throws -> (Report, [SalesActivity]) {
        let unit = try request.positiveID("org_unit_id") ?? p.orgUnitID
        let (from, to) = try Self.period(request, timeZone: p.timeZone)
        let rows = try await services.salesActivity.report(unitID: unit, from: from, to: to, scope: p.scope)
        var total = SalesActivity(userId: nil, name: "Everyone", unitName: "")
        for r in rows { total.add(r) }
        return (Report(orgUnitId: unit, from: from, to: to, rows: rows.map(Row.init), total: Row(total), remarks: SalesActivity.remarks(rows)), rows)
    }

    @Sendable func api(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        return try APIResponse.json(try await report(request, principal: p).0)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let (r, rows) = try await report(request, principal: p)
        let c = Money.currency(forCountry: p.country)
        func view(_ a: Row) -> [String: Any] {
            ["name": a.name, "unit": a.unitName, "calls": a.calls, "visits": a.visits, "testDrives": a.testDrives, "opened": a.opportunitiesOpened,
             "won": a.won, "lost": a.lost, "quotes": a.quotes, "contracts": a.contracts, "revenue": "\(c) \(Money.whole(a.revenueMinor))",
             "winRate": a.winRatePercent.map { "\($0) %" } ?? "–", "quoteRate": a.quoteToContractPercent.map { "\($0) %" } ?? "–",
             "discount": a.averageDiscount.map { "\($0) %" } ?? "–"]
        }
        let chart = SVGChart.horizontal(rows.filter { $0.userId != nil }.map {
            SVGChart.Bar(label: $0.name, solid: $0.contracts, light: max(0, $0.quotes - $0.contracts), target: nil, caption: "\($0.contracts) of \($0.quotes) quotes")
        }, title: "Contracts and open quotes per salesperson")
        return pages.render("sales/meeting", title: "Staff meeting", data: [
            "from": r.from, "to": r.to, "lastDay": CalendarDay.adding(-1, to: r.to), "rows": r.rows.map(view), "total": view(r.total), "hasRows": !r.rows.isEmpty,
            "remarks": r.remarks, "hasRemarks": !r.remarks.isEmpty, "chart": chart, "unitId": r.orgUnitId, "script": "print.js",
        ], context: context, request: request)
    }
}
