import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/stock/parts`: parts and accessories per unit, the reorder list and each part's ledger (STOCK-2).
struct PartRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/stock/parts", use: index)
        router.post("/stock/parts", use: create)
        router.get("/stock/parts/:id", use: show)
        router.post("/stock/parts/:id/movements", use: move)
        router.post("/stock/parts/:id/orders", use: order)
        router.post("/stock/part-orders/:id/receive", use: receive)
        router.post("/stock/part-orders/:id/cancel", use: cancel)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        return try await listPage(principal: p, request: request, context: context, f: PartAPI.PartFields(), errors: .init())
    }

    func listPage(principal p: Principal, request: Request, context: AppRequestContext, f: PartAPI.PartFields, errors: ValidationErrors) async throws -> Response {
        let (limit, after) = try request.pagination()
        let reorder = request.query("reorder") == "true"
        let unitID = request.query("org_unit_id").flatMap(Int.init)
        let page = try await services.parts.list(scope: p.scope, query: request.query("q"), unitID: unitID, reorder: reorder, limit: limit, after: after)
        let q = request.query("q") ?? ""
        let base = "/stock/parts?" + [q.isEmpty ? "" : "q=" + (q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""), reorder ? "reorder=true" : "",
                                      unitID.map { "org_unit_id=\($0)" } ?? ""].filter { !$0.isEmpty }.joined(separator: "&")
        return pages.render("stock/parts", title: "Parts", data: [
            "q": q, "reorder": reorder, "empty": page.items.isEmpty, "unitId": unitID.map(String.init) ?? "",
            "parts": page.items.map { ["id": $0.id, "number": $0.partNumber, "name": $0.name, "kind": $0.kind.label, "quantity": $0.quantity, "reorderPoint": $0.reorderPoint,
                                        "low": $0.needsReorder, "unit": $0.unitName ?? "", "bin": $0.bin, "price": CatalogView.money($0.priceMinor, $0.currency)] as [String: Any] },
            "next": page.nextCursor.map { base + (base.hasSuffix("?") ? "" : "&") + "cursor=\($0)" } ?? "",
            "canWrite": p.can(.stockWrite), "kinds": SelectOptions.of(PartKind.allCases, selected: f.kind ?? "part") { $0.label },
            "f": ["number": f.partNumber ?? "", "name": f.name ?? "", "reorder": f.reorderPoint.map(String.init) ?? "", "cost": f.unitCostMinor.map { String($0 / 100) } ?? "",
                  "price": f.priceMinor.map { String($0 / 100) } ?? "", "bin": f.bin ?? ""],
            "errors": errors.fields, "hasErrors": !errors.isEmpty,
        ], context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        let form = try await FormData.read(request, context: context)
        var errors = ValidationErrors()
        let f = PartAPI.PartFields(partNumber: form["part_number"], name: form["name"], kind: form["kind"], reorderPoint: FormValue.int(form["reorder_point"], field: "reorder_point", into: &errors),
                                   unitCostMinor: FormValue.money(form["unit_cost"], field: "unit_cost_minor", into: &errors),
                                   priceMinor: FormValue.money(form["price"], field: "price_minor", into: &errors), bin: form["bin"], orgUnitId: nil)
        guard errors.isEmpty, let input = f.validated(errors: &errors) else { return try await listPage(principal: p, request: request, context: context, f: f, errors: errors) }
        do {
            let part = try await services.parts.create(input, currency: Money.currency(forCountry: p.country), unitID: p.orgUnitID, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/stock/parts/\(part.id)", flash: "\(part.partNumber) added with 0 in stock; record the first receipt below.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await listPage(principal: p, request: request, context: context, f: f, errors: ValidationErrors(AppError.from(e)!.fields))
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        return try await partPage(try await services.parts.get(try context.id(), scope: p.scope), principal: p, m: PartAPI.MoveFields(), errors: .init(), request: request, context: context)
    }

    func partPage(_ part: Part, principal p: Principal, m: PartAPI.MoveFields, errors: ValidationErrors, o: [String: String] = [:], orderErrors: ValidationErrors = .init(),
                  request: Request, context: AppRequestContext) async throws -> Response {
        let (limit, after) = try request.pagination()
        let ledger = try await services.parts.movements(part.id, scope: p.scope, limit: limit, after: after)
        let orders = try await services.partOrders.open(partID: part.id, scope: p.scope)
        return pages.render("stock/part", title: "\(part.partNumber) \(part.name)", data: [
            "id": part.id, "number": part.partNumber, "name": part.name, "kind": part.kind.label, "quantity": part.quantity, "reorderPoint": part.reorderPoint,
            "low": part.needsReorder, "unit": part.unitName ?? "", "bin": part.bin, "price": CatalogView.money(part.priceMinor, part.currency),
            "cost": CatalogView.money(part.unitCostMinor, part.currency),
            "ledger": ledger.items.map { ["kind": $0.kind.label, "quantity": $0.quantity > 0 ? "+\($0.quantity)" : "\($0.quantity)", "balance": $0.balanceAfter,
                                           "reference": $0.reference, "note": $0.note, "by": $0.actorLabel, "at": AuditView.localTime($0.at, timeZone: p.timeZone),
                                           "overridden": $0.overridden] as [String: Any] },
            "empty": ledger.items.isEmpty, "next": ledger.nextCursor.map { "/stock/parts/\(part.id)?cursor=\($0)" } ?? "",
            "canWrite": p.can(.stockWrite), "canOverride": p.can(.stockOverride),
            "kinds": SelectOptions.of(PartMovementKind.allCases, selected: m.kind ?? "receipt") { $0.label },
            "m": ["quantity": m.quantity.map(String.init) ?? "", "reference": m.reference ?? "", "note": m.note ?? ""],
            "errors": errors.fields, "hasErrors": !errors.isEmpty,
            "orders": orders.map { ["id": $0.id, "quantity": $0.quantity, "expected": $0.expectedOn, "reference": $0.reference] as [String: Any] }, "hasOrders": !orders.isEmpty,
            "o": ["quantity": o["quantity"] ?? "", "expected_on": o["expected_on"] ?? "", "reference": o["reference"] ?? ""],
            "orderErrors": orderErrors.fields, "hasOrderErrors": !orderErrors.isEmpty,
        ], context: context, request: request, status: errors.isEmpty && orderErrors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func move(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        let part = try await services.parts.get(try context.id(), scope: p.scope)
        let form = try await FormData.read(request, context: context)
        var errors = ValidationErrors()
        let m = PartAPI.MoveFields(kind: form["kind"], quantity: FormValue.int(form["quantity"], field: "quantity", into: &errors), reference: form["reference"], note: form["note"],
                                   override: form["override"] == "on")
        guard errors.isEmpty, let (kind, change, reference, note) = m.validated(errors: &errors) else {
            return try await partPage(part, principal: p, m: m, errors: errors, request: request, context: context)
        }
        if m.override == true, !p.can(.stockOverride) { throw AppError.forbidden }
        do {
            let movement = try await services.parts.move(part.id, kind: kind, change: change, reference: reference, note: note, mayOverride: m.override == true, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/stock/parts/\(part.id)", flash: "\(kind.label) recorded: \(movement.balanceAfter) in stock.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await partPage(part, principal: p, m: m, errors: ValidationErrors(AppError.from(e)!.fields), request: request, context: context)
        }
    }

    /// Places an order with the supplier: the quantity and the day it is expected.
    @Sendable func order(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        let part = try await services.parts.get(try context.id(), scope: p.scope)
        let form = try await FormData.read(request, context: context)
        let o = ["quantity": form["quantity"] ?? "", "expected_on": form["expected_on"] ?? "", "reference": form["reference"] ?? ""]
        var errors = ValidationErrors()
        let quantity = FormValue.int(o["quantity"], field: "quantity", into: &errors)
        guard errors.isEmpty else { return try await partPage(part, principal: p, m: .init(), errors: .init(), o: o, orderErrors: errors, request: request, context: context) }
        do {
            let placed = try await services.partOrders.place(partID: part.id, quantity: quantity ?? 0, expectedOn: o["expected_on"]!.trimmed, reference: o["reference"]!, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/stock/parts/\(part.id)", flash: "Order of \(placed.quantity) recorded, expected \(placed.expectedOn).")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await partPage(part, principal: p, m: .init(), errors: .init(), o: o, orderErrors: ValidationErrors(AppError.from(e)!.fields), request: request, context: context)
        }
    }

    @Sendable func receive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        _ = try await FormData.read(request, context: context)
        let done = try await services.partOrders.receive(try context.id(), scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/stock/parts/\(done.partId)", flash: "\(done.quantity) received into stock.")
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        _ = try await FormData.read(request, context: context)
        let done = try await services.partOrders.cancel(try context.id(), scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/stock/parts/\(done.partId)", flash: "Order of \(done.quantity) cancelled.")
    }
}
