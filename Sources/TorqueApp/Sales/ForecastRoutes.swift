import Hummingbird
import TorqueDomain
import TorqueStore

/// `/sales/forecast` (SALES-3): forecast against target for a month as SVG charts and a table,
/// a dealer's salespeople or a region's dealers side by side, with the targets form for those
/// who set them.
struct ForecastRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/sales/forecast", use: show)
        router.post("/sales/forecast/targets", use: save)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let report = try await ForecastAPI(services: services).report(request, principal: p)
        return page(report, typed: nil, errors: [:], principal: p, request: request, context: context)
    }

    static func money(_ minor: Int, _ c: String) -> String { "\(c) \(Money.whole(minor))" }

    func page(_ r: ForecastReport, typed: FormData?, errors: [String: String], principal p: Principal, request: Request, context: AppRequestContext) -> Response {
        let c = Money.currency(forCountry: p.country)
        func caption(_ f: ForecastFigures) -> String {
            Self.money(f.forecastRevenueMinor, c) + (f.revenueAttainment.map { " · \($0) %" } ?? "")
        }
        let bars = r.lines.map { l in
            SVGChart.Bar(label: l.label, solid: l.figures.wonRevenueMinor / 100, light: l.figures.weightedRevenueMinor / 100,
                         target: l.figures.targetRevenueMinor.map { $0 / 100 }, caption: caption(l.figures))
        }
        let trend = r.trend.map { m in
            SVGChart.Bar(label: String(m.month.suffix(5)), solid: m.figures.wonRevenueMinor / 100, light: m.figures.weightedRevenueMinor / 100,
                         target: m.figures.targetRevenueMinor.map { $0 / 100 }, caption: "")
        }
        let canSet = p.can(.targetsWrite)
        func row(_ f: ForecastFigures) -> [String: Any] {
            ["targetUnits": f.targetUnits.map(String.init) ?? "", "targetRevenue": f.targetRevenueMinor.map { Self.money($0, c) } ?? "",
             "wonUnits": f.wonUnits, "wonRevenue": Self.money(f.wonRevenueMinor, c), "open": f.openCount,
             "weightedUnits": ForecastFigures.unitsText(f.weightedUnitsHundredths), "forecastUnits": ForecastFigures.unitsText(f.forecastUnitsHundredths),
             "forecastRevenue": Self.money(f.forecastRevenueMinor, c), "attainment": f.revenueAttainment.map { "\($0) %" } ?? "",
             "behind": (f.revenueAttainment ?? 100) < 80]
        }
        var formRows: [[String: Any]] = []
        // The scope's own target first, then each line's.
        let own = (unit: r.orgUnitId, user: Int?.none, label: "\(r.unitName) (all)", f: r.total)
        for (i, t) in ([own] + r.lines.map { ($0.orgUnitId, $0.userId, $0.label, $0.figures) }).enumerated() where !(r.byPerson && i > 0 && t.1 == nil) {
            formRows.append(["i": i, "unit": t.0, "user": t.1.map(String.init) ?? "", "label": t.2,
                             "units": typed?["units_\(i)"] ?? (i == 0 ? r.trend.first { $0.month == r.month }?.figures.targetUnits : t.3.targetUnits).map { "\($0)" } ?? "",
                             "revenue": typed?["revenue_\(i)"] ?? (i == 0 ? r.trend.first { $0.month == r.month }?.figures.targetRevenueMinor : t.3.targetRevenueMinor).map { Money.whole($0).replacingOccurrences(of: ",", with: "") } ?? "",
                             "unitsError": errors["units_\(i)"] ?? "", "revenueError": errors["revenue_\(i)"] ?? ""])
        }
        return pages.render("sales/forecast", title: "Forecast \(r.month) · \(r.unitName)", data: [
            "r": ["unit": r.unitName, "unitId": r.orgUnitId, "month": r.month, "byPerson": r.byPerson],
            "prev": "/sales/forecast?org_unit_id=\(r.orgUnitId)&month=\(SalesMonth.adding(-1, to: r.month))",
            "next": "/sales/forecast?org_unit_id=\(r.orgUnitId)&month=\(SalesMonth.adding(1, to: r.month))",
            "total": row(r.total),
            "lines": r.lines.map { l -> [String: Any] in
                var v = row(l.figures)
                v["label"] = l.label
                v["href"] = r.byPerson ? "" : "/sales/forecast?org_unit_id=\(l.orgUnitId)&month=\(r.month)"
                return v
            },
            "hasLines": !r.lines.isEmpty,
            "chart": SVGChart.horizontal(bars, title: "Revenue by \(r.byPerson ? "salesperson" : "unit"), \(r.month): won, expected and target"),
            "trend": SVGChart.columns(trend, title: "Revenue by month: won, expected from the pipeline, and target"),
            "canSet": canSet, "form": formRows, "errors": errors, "hasErrors": !errors.isEmpty,
        ], context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Saves every target of the form at once (all or nothing).
    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.targetsWrite)
        let form = try await FormData.read(request, context: context)
        let month = form["month"] ?? ""
        guard SalesMonth.parse(month) != nil, let unit = Int(form["org_unit_id"] ?? "") else { throw AppError.badRequest("The form lost its month or unit; reload the page.") }
        var errors: [String: String] = [:]
        var targets: [SalesTarget] = []
        for i in 0..<2000 {
            guard let u = form["unit_\(i)"].flatMap(Int.init) else { continue }
            let unitsText = (form["units_\(i)"] ?? "").trimmed, revenueText = (form["revenue_\(i)"] ?? "").trimmed
            if unitsText.isEmpty && revenueText.isEmpty { continue }
            let units = unitsText.isEmpty ? 0 : Int(unitsText)
            if units == nil || units! < 0 { errors["units_\(i)"] = "must be a whole number of cars" }
            let revenue = revenueText.isEmpty ? 0 : Money.minorUnits(revenueText)
            if revenue == nil { errors["revenue_\(i)"] = "must be an amount like 450000" }
            targets.append(SalesTarget(orgUnitId: u, userId: form["user_\(i)"].flatMap(Int.init), month: month, units: units ?? 0, revenueMinor: revenue ?? 0))
        }
        let query = "org_unit_id=\(unit)&month=\(month)"
        if errors.isEmpty {
            do {
                _ = try await services.forecasts.set(targets, scope: p.scope, actor: p.actor)
                return PageRenderer.redirect(to: "/sales/forecast?\(query)", flash: "Targets for \(month) saved.")
            } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
                // Store errors name targets[i].field; the form names units_i / revenue_i.
                for (field, message) in AppError.from(e)!.fields {
                    let i = field.split(separator: "[").dropFirst().first?.split(separator: "]").first.map(String.init) ?? "0"
                    errors[field.hasSuffix("revenue_minor") ? "revenue_\(i)" : "units_\(i)"] = message
                }
            }
        }
        let report = try await services.forecasts.report(unitID: unit, month: month, currentMonth: SalesMonth.of(day: ContactFields.today(in: p.timeZone)), scope: p.scope)
        return page(report, typed: form, errors: errors, principal: p, request: request, context: context)
    }
}
