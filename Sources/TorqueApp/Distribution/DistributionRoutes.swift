import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/distribution`: dealers order vehicles and watch them come; logistics allocates, overrides
/// and dispatches (DIST-1…3); each order's settlement (FIN-2).
struct DistributionRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/distribution", use: index)
        router.post("/distribution/orders", use: create)
        router.post("/distribution/allocate", use: allocateAll)
        router.get("/distribution/orders/:id", use: show)
        router.post("/distribution/orders/:id/allocate", use: allocate)
        router.post("/distribution/orders/:id/override", use: override)
        router.post("/distribution/orders/:id/dispatch", use: dispatch)
        router.post("/distribution/orders/:id/cancel", use: cancel)
        router.post("/distribution/orders/:id/credits", use: credit)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionRead)
        return try await listPage(principal: p, f: [:], errors: .init(), request: request, context: context)
    }

    func listPage(principal p: Principal, f: [String: String], errors: ValidationErrors, request: Request, context: AppRequestContext) async throws -> Response {
        let (limit, after) = try request.pagination()
        let status = request.query("status").flatMap(VehicleOrder.Status.init(rawValue:))
        let flagged = request.query("flagged") == "true"
        let page = try await services.vehicleOrders.list(scope: p.scope, filter: .init(status: status, flagged: flagged), limit: limit, after: after)
        let networkSide = try await DistributionAccess.isNetworkSide(p, services: services)
        var data: [String: Any] = [
            "orders": page.items.map(DistributionView.orderRow), "empty": page.items.isEmpty, "flagged": flagged,
            "statuses": SelectOptions.of(VehicleOrder.Status.allCases, selected: status?.rawValue) { $0.label },
            "next": page.nextCursor.map { "/distribution?" + (status.map { "status=\($0.rawValue)&" } ?? "") + (flagged ? "flagged=true&" : "") + "cursor=\($0)" } ?? "",
            "networkSide": networkSide, "canWrite": p.can(.distributionWrite),
            "errors": errors.fields, "hasErrors": !errors.isEmpty,
            "f": ["quantity": f["quantity"] ?? "1", "wanted_on": f["wanted_on"] ?? CalendarDay.adding(30, to: Clock.today()), "trim": f["trim"] ?? "", "engine": f["engine"] ?? "",
                  "colour": f["colour"] ?? "", "options": f["options"] ?? "", "note": f["note"] ?? ""],
        ]
        if p.can(.distributionWrite) {
            let configurations = try await services.configurations.list(scope: p.scope, limit: 50)
            data["configurations"] = configurations.items.map { c in
                ["id": c.id, "label": "\(c.number) \(c.modelTitle) \([c.build.trim, c.build.engine, c.build.colour].joined(separator: " "))", "selected": f["configuration_id"] == String(c.id)] as [String: Any]
            }
            data["models"] = try await services.catalog.models(scope: p.scope).map { m in ["id": m.id, "label": m.title, "selected": f["model_id"] == String(m.id)] as [String: Any] }
            if networkSide {
                data["dealers"] = try await services.orgUnits.list(scope: p.scope, filter: .init(kind: .dealer), limit: 5_000).map { u in
                    ["id": u.id, "label": u.name, "selected": f["org_unit_id"] == String(u.id)] as [String: Any]
                }
            }
        }
        return pages.render("distribution/index", title: "Vehicle orders", data: data, context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        let form = try await FormData.read(request, context: context)
        let keys = ["org_unit_id", "configuration_id", "model_id", "trim", "engine", "colour", "options", "quantity", "wanted_on", "note"]
        let f = Dictionary(uniqueKeysWithValues: keys.map { ($0, form[$0] ?? "") })
        var errors = ValidationErrors()
        let quantity = FormValue.int(f["quantity"], field: "quantity", into: &errors)
        let configuration = Int(f["configuration_id"]!)
        let input = VehicleOrderInput(unitID: Int(f["org_unit_id"]!), configurationID: configuration, modelID: configuration == nil ? Int(f["model_id"]!) : nil,
                                      build: Build(trim: f["trim"]!.trimmed, engine: f["engine"]!.trimmed, colour: f["colour"]!.trimmed,
                                                   options: Set(f["options"]!.split(whereSeparator: { $0 == "," || $0 == " " }).map { $0.trimmed.uppercased() }.filter { !$0.isEmpty })),
                                      quantity: quantity, wantedOn: f["wanted_on"]!, note: f["note"]!)
        guard errors.isEmpty else { return try await listPage(principal: p, f: f, errors: errors, request: request, context: context) }
        do {
            let order = try await VehicleOrderAPI.place(input, principal: p, services: services)
            let allocated = order.count(.allocated), factory = order.count(.factory)
            return PageRenderer.redirect(to: "/distribution/orders/\(order.id)",
                                         flash: "\(order.number) placed: \(allocated) allocated from stock, \(factory) to the factory" + (order.flags.isEmpty ? "." : "; flagged: \(order.flags.map(\.reason).joined(separator: "; "))."))
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await listPage(principal: p, f: f, errors: ValidationErrors(AppError.from(e)!.fields), request: request, context: context)
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionRead)
        return try await orderPage(try await services.vehicleOrders.get(try context.id(), scope: p.scope), principal: p, request: request, context: context)
    }

    /// The order with its cars, decisions, shipments and settlement; `form` names the form that
    /// was refused (override, dispatch, credit) so its input and messages come back beside it.
    func orderPage(_ order: VehicleOrder, principal p: Principal, form: String = "", f: [String: String] = [:], errors: ValidationErrors = .init(),
                   request: Request, context: AppRequestContext) async throws -> Response {
        let history = try await services.allocations.history(orderID: order.id, scope: p.scope)
        let entries = try await services.settlements.list(scope: p.scope, orderID: order.id, limit: 200)
        let balance = try await services.settlements.balance(scope: p.scope, orderID: order.id)
        let networkSide = try await DistributionAccess.isNetworkSide(p, services: services)
        let canAct = networkSide && p.can(.distributionWrite)
        let allocated = order.lines.filter { $0.status == .allocated }
        let lineNo = Dictionary(uniqueKeysWithValues: order.lines.map { ($0.id, $0.lineNo) })
        let decisions: [[String: Any]] = history.map { a in
            ["at": AuditView.localTime(a.createdAt, timeZone: p.timeZone), "kind": a.kind.rawValue, "line": lineNo[a.lineId] ?? 0, "explanation": a.explanation, "by": a.decidedByName, "current": a.current]
        }
        let movable = order.lines.filter { [.pending, .allocated, .factory].contains($0.status) }
        let movableRows: [[String: Any]] = movable.map { ["id": $0.id, "no": $0.lineNo, "selected": f["line_id"] == String($0.id)] }
        let dispatchable: [[String: Any]] = allocated.map { ["id": $0.id, "no": $0.lineNo, "vin": $0.vin ?? "", "hub": $0.hubName ?? ""] }
        let kinds: [[String: Any]] = [["value": "credit_note", "label": "Credit note", "selected": f["kind"] == "credit_note"], ["value": "incentive", "label": "Incentive", "selected": f["kind"] != "credit_note"]]
        var data: [String: Any] = [
            "order": DistributionView.orderRow(order), "id": order.id, "hub": order.hubName ?? "no distribution center", "price": CatalogView.money(order.unitPriceMinor, order.currency),
            "note": order.note, "lines": order.lines.map(DistributionView.lineRow), "history": decisions,
            "entries": entries.items.map(DistributionView.entryRow), "hasEntries": !entries.items.isEmpty, "balance": DistributionView.balances(balance),
        ]
        data["canAct"] = canAct
        data["canCredit"] = networkSide && (p.can(.financeWrite) || p.can(.distributionWrite))
        data["canCancel"] = p.can(.distributionWrite) && order.status == .open
        data["waiting"] = order.lines.contains { $0.status == .pending || $0.status == .factory }
        data["movable"] = movableRows
        data["hasMovable"] = !movable.isEmpty
        data["dispatchable"] = dispatchable
        data["hasDispatchable"] = !allocated.isEmpty
        data["kinds"] = kinds
        data["form"] = [form: true]
        data["f"] = f
        data["errors"] = errors.fields
        data["hasErrors"] = !errors.isEmpty
        data["defaultEta"] = CalendarDay.adding(3, to: Clock.today())
        return pages.render("distribution/order", title: order.number, data: data, context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Runs `body`; a refusal naming fields re-shows the order page with the form kept.
    func refusable(_ order: VehicleOrder, principal p: Principal, form: String, f: [String: String], request: Request, context: AppRequestContext,
                   _ body: () async throws -> Response) async throws -> Response {
        do { return try await body() } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await orderPage(order, principal: p, form: form, f: f, errors: ValidationErrors(AppError.from(e)!.fields), request: request, context: context)
        }
    }

    @Sendable func allocate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        let order = try await services.vehicleOrders.get(try context.id(), scope: p.scope)
        _ = try await FormData.read(request, context: context)
        let made = try await services.allocations.allocate(orderIDs: [order.id], scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/distribution/orders/\(order.id)", flash: made.isEmpty ? "Nothing new: the waiting cars are still best served by the factory." : "\(made.count) decision(s) made.")
    }

    @Sendable func allocateAll(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        _ = try await FormData.read(request, context: context)
        let made = try await services.allocations.allocate(scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/distribution", flash: "\(made.filter { $0.vehicleId != nil }.count) car(s) allocated from stock, \(made.filter { $0.vehicleId == nil }.count) sent to the factory.")
    }

    @Sendable func override(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        let order = try await services.vehicleOrders.get(try context.id(), scope: p.scope)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        let form = try await FormData.read(request, context: context)
        let f = ["line_id": form["line_id"] ?? "", "vin": form["vin"] ?? "", "reason": form["reason"] ?? ""]
        return try await refusable(order, principal: p, form: "override", f: f, request: request, context: context) {
            guard let line = Int(f["line_id"]!), order.lines.contains(where: { $0.id == line }) else { throw AppError.invalid(.init(["line_id": "choose a car of this order"])) }
            let made = try await services.allocations.override(lineID: line, vin: f["vin"], reason: f["reason"]!, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/distribution/orders/\(order.id)", flash: made.explanation)
        }
    }

    @Sendable func dispatch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        let order = try await services.vehicleOrders.get(try context.id(), scope: p.scope)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        let form = try await FormData.read(request, context: context)
        let f = ["carrier": form["carrier"] ?? "", "tracking_number": form["tracking_number"] ?? "", "legs": form["legs"] ?? "", "eta": form["eta"] ?? ""]
        return try await refusable(order, principal: p, form: "dispatch", f: f, request: request, context: context) {
            let shipment = try await services.shipments.dispatch(DispatchInput(lineIDs: form.all("line_ids").compactMap(Int.init), carrier: f["carrier"]!, trackingNumber: f["tracking_number"]!,
                                                                               legs: f["legs"]!, eta: f["eta"]!), scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/distribution/shipments/\(shipment.id)", flash: "Shipment \(shipment.trackingNumber) dispatched with \(shipment.vehicles.count) car(s); invoiced to the dealer.")
        }
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        let order = try await services.vehicleOrders.get(try context.id(), scope: p.scope)
        let form = try await FormData.read(request, context: context)
        guard form["sure"] == "on" else { return PageRenderer.redirect(to: "/distribution/orders/\(order.id)", flash: "Not cancelled: tick \"sure\" to confirm.") }
        let after = try await services.vehicleOrders.cancel(order.id, scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/distribution/orders/\(order.id)", flash: "\(after.number): the cars not yet shipped are cancelled.")
    }

    @Sendable func credit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.financeWrite, .distributionWrite])
        let order = try await services.vehicleOrders.get(try context.id(), scope: p.scope)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        let form = try await FormData.read(request, context: context)
        let f = ["kind": form["kind"] ?? "", "amount": form["amount"] ?? "", "reference": form["reference"] ?? ""]
        return try await refusable(order, principal: p, form: "credit", f: f, request: request, context: context) {
            var errors = ValidationErrors()
            let amount = FormValue.money(f["amount"], field: "amount_minor", into: &errors)
            if !errors.isEmpty { throw StoreError.invalid(errors) }
            let entry = try await services.settlements.credit(orderID: order.id, kind: SettlementEntry.Kind(rawValue: f["kind"]!) ?? .creditNote, amountMinor: amount,
                                                              reference: f["reference"]!, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/distribution/orders/\(order.id)", flash: "\(entry.kind.label) \(entry.reference) of \(CatalogView.money(entry.amountMinor, entry.currency)) recorded.")
        }
    }
}
