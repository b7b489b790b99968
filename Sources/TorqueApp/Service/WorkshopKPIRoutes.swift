import Hummingbird
import TorqueDomain
import TorqueStore

/// Workshop figures (SVC-6): `/api/v1/reports/workshop-kpis` and `/service/kpis` with SVG charts:
/// efficiency (billed over clocked hours) per technician or workshop, bay utilisation,
/// comebacks, the most frequent operations and models. The OEM sees the network.
struct WorkshopKPIRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/reports/workshop-kpis", use: api)
        router.get("/service/kpis", use: page)
    }

    /// `from`/`to` days (to excluded), by default the last 30 days.
    func report(_ request: Request, principal p: Principal) async throws -> WorkshopKPIReport {
        let today = ContactFields.today(in: p.timeZone)
        var errors = ValidationErrors()
        let from = request.query("from") ?? CalendarDay.adding(-29, to: today), to = request.query("to") ?? CalendarDay.adding(1, to: today)
        if CalendarDay.parse(from) == nil { errors.add("from", "must be a day like 2026-11-01") }
        if CalendarDay.parse(to) == nil { errors.add("to", "must be a day like 2026-12-01") }
        if errors.isEmpty, to <= from { errors.add("to", "must be after from") }
        if errors.isEmpty, let a = CalendarDay.ordinal(from), let b = CalendarDay.ordinal(to), b - a > 366 { errors.add("to", "must be at most a year after from") }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        return try await services.workshopKPIs.report(unitID: try request.positiveID("org_unit_id") ?? p.orgUnitID, from: from, to: to, scope: p.scope)
    }

    @Sendable func api(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.reportsRead)
        return try APIResponse.json(try await report(request, principal: p))
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.reportsRead)
        let r = try await report(request, principal: p)
        func hours(_ m: Int) -> String { String(format: "%.1f", Double(m) / 60) }
        let efficiency = Self.efficiencyChart(r)
        let ops = SVGChart.horizontal(r.topOperations.map { SVGChart.Bar(label: $0.label, solid: $0.count, light: 0, target: nil, caption: "\($0.count)") },
                                      title: "Most frequent operations")
        return pages.render("service/kpis", title: "Workshop figures", data: [
            "r": ["from": r.from, "to": r.to, "lastDay": CalendarDay.adding(-1, to: r.to), "unit": r.total.label, "unitId": r.orgUnitId, "byTech": r.byTechnician],
            "total": ["efficiency": r.total.efficiencyPercent.map { "\($0) %" } ?? "–", "billed": hours(r.total.billedMinutes), "clocked": hours(r.total.clockedMinutes),
                      "utilisation": r.total.utilisationPercent.map { "\($0) %" } ?? "–", "orders": r.total.repairOrders, "comebacks": r.total.comebacks],
            "lines": r.lines.map { l in
                ["label": l.label, "billed": hours(l.billedMinutes), "clocked": hours(l.clockedMinutes), "efficiency": l.efficiencyPercent.map { "\($0) %" } ?? "–",
                 "utilisation": l.utilisationPercent.map { "\($0) %" } ?? "", "orders": l.orders, "comebacks": l.comebacks,
                 "href": r.byTechnician ? "" : "/service/kpis?org_unit_id=\(l.orgUnitId)&from=\(r.from)&to=\(r.to)"] as [String: Any]
            }, "hasLines": !r.lines.isEmpty,
            "models": r.topModels.map { ["label": $0.label, "count": $0.count] }, "hasModels": !r.topModels.isEmpty,
            "efficiencyChart": efficiency, "opsChart": ops, "hasOps": !r.topOperations.isEmpty,
        ], context: context, request: request)
    }
}

extension WorkshopKPIRoutes {
    /// Billed against clocked hours per technician (or workshop): the page's and the workshop
    /// manager's home page's chart.
    static func efficiencyChart(_ r: WorkshopKPIReport) -> String {
        SVGChart.horizontal(r.lines.map {
            SVGChart.Bar(label: $0.label, solid: $0.billedMinutes, light: max(0, $0.clockedMinutes - $0.billedMinutes), target: nil,
                         caption: $0.efficiencyPercent.map { "\($0) %" } ?? "no clock yet")
        }, title: "Billed hours (dark) against clocked hours, per \(r.byTechnician ? "technician" : "workshop")")
    }

    /// The workshop manager's home-page block: the last 30 days at their unit.
    func homeBlock(principal p: Principal) async throws -> [String: Any]? {
        guard p.can(.serviceSetup), p.can(.reportsRead) else { return nil }
        let today = ContactFields.today(in: p.timeZone)
        let r = try await services.workshopKPIs.report(unitID: p.orgUnitID, from: CalendarDay.adding(-29, to: today), to: CalendarDay.adding(1, to: today), scope: p.scope)
        return ["efficiency": r.total.efficiencyPercent.map { "\($0) %" } ?? "–", "utilisation": r.total.utilisationPercent.map { "\($0) %" } ?? "–",
                "orders": r.total.repairOrders, "comebacks": r.total.comebacks, "chart": Self.efficiencyChart(r), "hasLines": !r.lines.isEmpty,
                "top": r.topOperations.prefix(3).map { "\($0.label) (\($0.count))" }.joined(separator: ", ")]
    }
}

extension WorkshopKPILine {
    var orders: Int { repairOrders }
}
