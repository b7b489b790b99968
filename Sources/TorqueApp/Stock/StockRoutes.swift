import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/stock`: the vehicle list with filters and saved views, a unit's page, reservation (STOCK-1).
struct StockRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/stock", use: index)
        router.post("/stock/views", use: saveView)
        router.post("/stock/views/:id/delete", use: deleteView)
        router.get("/stock/vehicles/:id", use: show)
        router.post("/stock/vehicles/:id/reserve", use: reserve)
        router.post("/stock/vehicles/:id/release", use: release)
    }

    static let filterKeys = ["q", "status", "stock", "kind", "aging", "model_id", "org_unit_id", "sort"]

    /// The filter part of the query string, as saved views keep it.
    static func filterQuery(_ request: Request) -> String {
        filterKeys.compactMap { key in request.query(key).map { "\(key)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } }.joined(separator: "&")
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        return try await listPage(principal: p, request: request, context: context, viewErrors: .init(), viewName: "")
    }

    func listPage(principal p: Principal, request: Request, context: AppRequestContext, viewErrors: ValidationErrors, viewName: String) async throws -> Response {
        let today = ContactFields.today(in: p.timeZone)
        let filter = try VehicleAPI.filter(request)
        let (limit, after) = try request.pagination()
        let page = try await services.vehicles.list(filter, today: today, scope: p.scope, limit: limit, after: after)
        let models = try await services.catalog.models(scope: p.scope)
        let units = try await services.networkStock.holders(scope: p.scope).filter { $0.kind == OrgUnitKind.dealer.rawValue || $0.kind == OrgUnitKind.distributionCenter.rawValue }
        let query = Self.filterQuery(request)
        var views: [SavedView] = []
        if let userID = p.userID { views = try await services.savedViews.views(userID: userID, list: "stock") }
        var next = ""
        if let cursor = page.nextCursor {
            next = "/stock?" + (query.isEmpty ? "" : query + "&") + "cursor=" + (cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }
        return pages.render("stock/index", title: "Stock", data: [
            "q": filter.query ?? "", "vehicles": page.items.map { StockView.row($0, today: today) }, "empty": page.items.isEmpty, "filtered": !query.isEmpty,
            "statuses": SelectOptions.of(VehicleStatus.allCases, selected: filter.status?.rawValue) { $0.label },
            "kinds": SelectOptions.of(VehicleKind.allCases, selected: filter.kind?.rawValue) { $0.label },
            "agings": SelectOptions.of(StockAging.allCases, selected: filter.aging?.rawValue) { $0.label },
            "sorts": SelectOptions.of(VehicleSort.allCases, selected: filter.sort.rawValue) { $0.label },
            "stockOnly": filter.stockOnly,
            "models": models.map { ["id": $0.id, "title": $0.title, "selected": $0.id == filter.modelID] as [String: Any] },
            "units": units.map { ["id": $0.id, "name": $0.name, "selected": $0.id == filter.unitID] as [String: Any] }, "manyUnits": units.count > 1,
            "next": next,
            "views": views.map { ["id": $0.id, "name": $0.name, "href": "/stock?" + $0.query, "current": $0.query == query] as [String: Any] }, "hasViews": !views.isEmpty,
            "query": query, "canSaveView": p.userID != nil && !query.isEmpty, "viewName": viewName, "viewErrors": viewErrors.fields, "hasViewErrors": !viewErrors.isEmpty,
            "canWrite": p.can(.stockWrite), "canParts": true,
        ], context: context, request: request, status: viewErrors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func saveView(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        guard let userID = p.userID else { throw AppError.forbidden }
        let form = try await FormData.read(request, context: context)
        var errors = ValidationErrors()
        let name = Validate.text(form["name"], field: "name", limit: 60, into: &errors)
        let query = form["query"] ?? ""
        // Only filter keys are kept, so a saved view cannot smuggle anything else into the URL.
        let pairs = query.split(separator: "&").filter { pair in Self.filterKeys.contains(String(pair.prefix { $0 != "=" })) }
        if pairs.isEmpty { errors.add("query", "is empty: choose some filters first") }
        guard errors.isEmpty, let name else {
            return PageRenderer.redirect(to: "/stock?" + pairs.joined(separator: "&"), flash: "The view was not saved: its name " + (errors.fields["name"] ?? errors.fields["query"] ?? ""))
        }
        try await services.savedViews.save(userID: userID, list: "stock", name: name, query: pairs.joined(separator: "&"))
        return PageRenderer.redirect(to: "/stock?" + pairs.joined(separator: "&"), flash: "View “\(name)” saved.")
    }

    @Sendable func deleteView(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        guard let userID = p.userID else { throw AppError.forbidden }
        let view = try await services.savedViews.delete(try context.id(), userID: userID)
        return PageRenderer.redirect(to: "/stock", flash: "View “\(view.name)” removed.")
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        return try await vehiclePage(try await services.vehicles.get(try context.id(), scope: p.scope), principal: p, reserveErrors: .init(), request: request, context: context)
    }

    func vehiclePage(_ v: Vehicle, principal p: Principal, reserveErrors: ValidationErrors, request: Request, context: AppRequestContext) async throws -> Response {
        let today = ContactFields.today(in: p.timeZone)
        var data = StockView.row(v, today: today)
        data["description"] = v.description
        data["cost"] = CatalogView.money(v.costMinor, v.currency)
        data["canCost"] = p.can(.stockWrite)
        data["since"] = v.inStockSince ?? ""
        data["customer"] = v.customerName ?? ""
        data["customerId"] = v.customerId ?? 0
        data["reservedAt"] = v.reservedAt.map { AuditView.localTime($0, timeZone: p.timeZone) } ?? ""
        data["opportunity"] = ""
        if let oppID = v.reservedOpportunityId, let opp = try? await services.opportunities.get(oppID, scope: p.scope) {
            let who = try? await services.customers.get(opp.customerId, scope: p.scope)
            data["opportunity"] = "“\(opp.title)”" + (who.map { " for \($0.displayName)" } ?? "")
            data["opportunityCustomer"] = opp.customerId
        } else if v.reservedOpportunityId != nil {
            data["opportunity"] = "a deal of another unit"
        }
        if let model = v.modelId, let priced = try? await services.catalog.priced(model, on: today, scope: p.scope) {
            let build = Build(trim: v.trim, engine: v.engine, colour: v.colour, options: v.optionCodes)
            let lines = priced.catalog.price(build).lines
            data["equipment"] = lines.map { ["name": $0.name, "kind": $0.kind.label] as [String: Any] }
            data["hasEquipment"] = !lines.isEmpty
            data["modelId"] = model
        }
        if case .success(let d) = services.vinDecoder.decode(v.vin, currentYear: VinAPI.currentYear()) {
            data["decoded"] = ["manufacturer": d.manufacturer ?? "unknown maker", "country": d.country ?? "", "year": d.modelYear.map(String.init) ?? "?",
                               "plant": d.plantName ?? d.plantCode, "check": d.checkDigit == .valid ? "check digit verified" : "check digit not used by this maker"]
        }
        let canReserve = (p.can(.salesWrite) || p.can(.stockWrite)) && v.status == .inStock
        data["canReserve"] = canReserve
        data["canRelease"] = (p.can(.salesWrite) || p.can(.stockWrite)) && v.status == .reserved
        // A unit in the showroom can be booked for a test drive.
        data["canTestDrive"] = p.can(.salesWrite) && [.inStock, .reserved].contains(v.status) && v.orgUnitId == p.orgUnitID
        data["canQuote"] = p.can(.salesWrite) && v.status.isStock
        data["quoteURL"] = "/sales/quotes/new?vehicle_id=\(v.id)" + (v.reservedOpportunityId.map { "&opportunity_id=\($0)" } ?? "")
        if canReserve {
            let opps = try await services.opportunities.withoutReservedUnit(unitID: v.orgUnitId, scope: p.scope)
            data["opportunities"] = opps.map { ["id": $0.id, "label": "\($0.customerName) — \($0.title)"] as [String: Any] }
            data["noOpportunities"] = opps.isEmpty
        }
        data["reserveErrors"] = reserveErrors.fields
        data["hasReserveErrors"] = !reserveErrors.isEmpty
        let history = try await services.audit.history(recordType: "vehicle", recordID: v.id, scope: p.scope, limit: 20).items
        data["history"] = AuditView.rows(history, timeZone: p.timeZone)
        data["hasHistory"] = !history.isEmpty
        data["canAudit"] = p.can(.auditRead)
        if v.status == .inStock, p.can(.distributionRead), let promise = try await services.vehicleOrders.promise(vehicleID: v.id, scope: p.scope) {
            data["promise"] = ["order": promise.orderID, "line": promise.lineNo, "dealer": promise.dealer]
        }
        // PROD-1: where and when the car was built, and its quality inspections.
        if let build = try await services.production.buildRecord(vin: v.vin) {
            data["build"] = ["plant": build.plantName, "builtOn": build.builtOn, "hasInspections": !build.inspections.isEmpty,
                             "inspections": build.inspections.map { ["on": $0.inspectedOn, "passed": $0.passed, "defects": $0.defects.joined(separator: ", "), "note": $0.note, "by": $0.inspector] as [String: Any] }]
        }
        return pages.render("stock/vehicle", title: "\(v.title) \(v.vin)", data: data, context: context, request: request, status: reserveErrors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func reserve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.salesWrite, .stockWrite])
        let v = try await services.vehicles.get(try context.id(), scope: p.scope)
        let form = try await FormData.read(request, context: context)
        guard let opp = form["opportunity_id"].flatMap(Int.init) else {
            return try await vehiclePage(v, principal: p, reserveErrors: ValidationErrors(["opportunity_id": "is required: choose the deal the car is held for"]), request: request, context: context)
        }
        do {
            let after = try await services.vehicles.reserve(v.id, opportunityID: opp, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/stock/vehicles/\(after.id)", flash: "Reserved for you. Nobody else can reserve it until it is released.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            let current = try await services.vehicles.get(v.id, scope: p.scope)
            return try await vehiclePage(current, principal: p, reserveErrors: ValidationErrors(AppError.from(e)!.fields), request: request, context: context)
        }
    }

    @Sendable func release(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.salesWrite, .stockWrite])
        let id = try context.id()
        _ = try await services.vehicles.get(id, scope: p.scope)
        do {
            _ = try await services.vehicles.release(id, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/stock/vehicles/\(id)", flash: "Released: the car is in stock again.")
        } catch StoreError.conflict {
            return PageRenderer.redirect(to: "/stock/vehicles/\(id)", flash: "It was not reserved any more.")
        }
    }
}
