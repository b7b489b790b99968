import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/distribution/flags` and `/distribution/plan`: the OEM's warnings (BI-5) and what to send
/// where next month (DIST-5).
struct PlanningRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/distribution/flags", use: flags)
        router.post("/distribution/flags/:id/clear", use: clear)
        router.get("/distribution/plan", use: plan)
    }

    static func flagRow(_ f: RaisedFlag) -> [String: Any] {
        ["id": f.id, "dealer": f.unitName, "kind": f.kind == .orderTooLarge ? "Order too large" : "Sales too small", "reason": f.reason, "order": f.orderId ?? 0,
         "hasOrder": f.orderId != nil, "month": f.month ?? "", "raised": String(f.raisedAt.prefix(10)), "open": f.clearedAt == nil, "cleared": f.clearedByName ?? ""]
    }

    @Sendable func flags(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.distributionRead, .reportsRead])
        let (limit, after) = try request.pagination()
        let all = request.query("cleared") == "true"
        let page = try await services.flags.list(scope: p.scope, open: !all, limit: limit, after: after)
        let canClear = p.can(.distributionWrite) ? try await DistributionAccess.isNetworkSide(p, services: services) : false
        return pages.render("distribution/flags", title: "Warning flags", data: [
            "flags": page.items.map(Self.flagRow), "empty": page.items.isEmpty, "all": all, "canClear": canClear,
            "next": page.nextCursor.map { "/distribution/flags?" + (all ? "cleared=true&" : "") + "cursor=\($0)" } ?? "",
        ], context: context, request: request)
    }

    @Sendable func clear(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        let id = try context.id()
        _ = try await services.flags.get(id, scope: p.scope)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        _ = try await FormData.read(request, context: context)
        let flag = try await services.flags.clear(id, scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/distribution/flags", flash: "Flag on \(flag.unitName) cleared.")
    }

    @Sendable func plan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionRead)
        let plan = try await services.planning.distributionPlan(scope: p.scope)
        var byModel: [String: (forecast: Double, send: Int)] = [:]
        for r in plan.rows { byModel[r.modelTitle, default: (0, 0)].forecast += r.forecast; byModel[r.modelTitle, default: (0, 0)].send += r.toSend }
        let percent = { (x: Double) in String(format: "%.0f %%", x * 100) }
        return pages.render("distribution/plan", title: "Distribution plan", data: [
            "month": plan.month, "from": plan.historyFrom, "to": plan.historyTo, "method": plan.method, "empty": plan.rows.isEmpty,
            "hasAccuracy": plan.accuracy != nil,
            "accuracy": plan.accuracy.map { a in ["wape": percent(a.wape), "naive": percent(a.naiveWape), "months": a.months.joined(separator: ", "), "points": a.points,
                                                  "better": a.wape < a.naiveWape] as [String: Any] } ?? [:],
            "models": byModel.sorted { $0.key < $1.key }.map { ["model": $0.key, "forecast": Int($0.value.forecast.rounded()), "send": $0.value.send] as [String: Any] },
            "rows": plan.rows.map { r in
                ["dealer": r.unitName, "model": r.modelTitle, "forecast": String(format: "%.1f", r.forecast), "stock": r.stock, "coming": r.coming, "send": r.toSend,
                 "spark": SVGChart.sparkline(r.lastYear)] as [String: Any]
            },
        ], context: context, request: request)
    }
}
