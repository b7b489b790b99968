import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/stock/network` and `/stock/match`: the whole scope's stock at a glance and the search for
/// a unit matching a configuration (STOCK-3).
struct NetworkStockRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/stock/network", use: network)
        router.get("/stock/match", use: match)
    }

    @Sendable func network(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        let view = try await NetworkStockView.build(services: services, principal: p)
        let modelIDs = view.models.map(\.id)
        func cells(_ byModel: [Int: NetworkStockView.Counts]) -> [[String: Any]] {
            modelIDs.map { id in
                let c = byModel[id] ?? NetworkStockView.Counts()
                return ["stock": c.stock, "old": c.old, "hasOld": c.old > 0, "sold": c.sold30, "href": "/stock?stock=true&model_id=\(id)"]
            }
        }
        // A big scope opens on its regions; one region's dealers are a click away.
        let chosen = request.query("region")
        let detailed = view.regions.reduce(0) { $0 + $1.rows.count } <= 60
        let regions: [[String: Any]] = view.regions.map { r in
            let open = detailed || r.name == chosen
            var totals: [Int: NetworkStockView.Counts] = [:]
            for row in r.rows { for (k, v) in row.byModel { totals[k, default: .init()].add(v) } }
            return ["name": r.name, "stock": r.total.stock, "old": r.total.old, "sold": r.total.sold30, "cells": cells(totals),
                    "open": open, "dealers": r.rows.count, "href": "/stock/network?region=" + (r.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                    "rows": !open ? [] : r.rows.map { row in ["name": row.unitName, "unitId": row.unitId, "stock": row.total.stock, "old": row.total.old, "sold": row.total.sold30,
                                                 "inTransit": row.total.inTransit, "reserved": row.total.reserved, "cells": cells(row.byModel)] as [String: Any] }]
        }
        let parts = try await services.parts.summary(scope: p.scope)
        let partRows: [[String: Any]] = parts.map { s in
            ["unit": s.unitName, "unitId": s.orgUnitId, "numbers": s.partNumbers, "pieces": s.pieces, "below": s.belowReorder, "low": s.belowReorder > 0,
             "accessories": s.accessories, "value": CatalogView.money(s.valueMinor, "EUR")]
        }
        return pages.render("stock/network", title: "Network stock", data: [
            "parts": partRows, "hasParts": !parts.isEmpty,
            "models": view.models.map { ["title": $0.name] }, "regions": regions, "empty": regions.isEmpty,
            "stock": view.total.stock, "inTransit": view.total.inTransit, "reserved": view.total.reserved, "old": view.total.old, "sold": view.total.sold30,
        ], context: context, request: request)
    }

    @Sendable func match(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        let today = ContactFields.today(in: p.timeZone)
        let models = try await services.catalog.models(scope: p.scope)
        let modelID = request.query("model_id").flatMap(Int.init)
        var data: [String: Any] = ["models": models.map { ["id": $0.id, "title": $0.title, "selected": $0.id == modelID] as [String: Any] }, "asked": modelID != nil]
        if let modelID, let priced = try? await services.catalog.priced(modelID, on: today, scope: p.scope) {
            let wanted = Build(trim: request.query("trim") ?? "", engine: request.query("engine") ?? "", colour: request.query("colour") ?? "",
                               options: Set((request.query("options") ?? "").uppercased().split(separator: ",").map(String.init).prefix(100)))
            let pick = { (kind: CatalogItemKind, chosen: String) in priced.catalog.items(of: kind).map { ["code": $0.code, "name": $0.name, "selected": $0.code == chosen] as [String: Any] } }
            data["trims"] = pick(.trim, wanted.trim)
            data["engines"] = pick(.engine, wanted.engine)
            data["colours"] = pick(.colour, wanted.colour)
            data["options"] = request.query("options") ?? ""
            data["wanted"] = ([wanted.trim, wanted.engine, wanted.colour].filter { !$0.isEmpty }.map(priced.catalog.name) + wanted.options.sorted().map(priced.catalog.name)).joined(separator: ", ")
            let results = try await StockMatching(services: services).rank(modelID: modelID, wanted: wanted, priced: priced, principal: p)
            data["results"] = results.map { r -> [String: Any] in
                var row = StockView.row(r.vehicle, today: today)
                row["score"] = r.match.score
                row["distance"] = r.match.distanceKm.map { "\($0) km" } ?? ""
                row["differences"] = r.match.differences.isEmpty ? "exactly as configured" : r.match.differences.joined(separator: "; ")
                row["exact"] = r.match.score == 100
                return row
            }
            data["none"] = results.isEmpty
        }
        return pages.render("stock/match", title: "Find a matching unit", data: data, context: context, request: request)
    }
}
