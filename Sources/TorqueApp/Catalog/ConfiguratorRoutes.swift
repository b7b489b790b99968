import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/configure`: configure a car step by step on a phone in the lot (CAT-3), save it, share it.
struct ConfiguratorRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/configure", use: chooser)
        router.get("/configure/:id", use: configure)
        router.post("/configure/:id", use: save)
        router.get("/configurations/:id", use: show)
        router.get("/c/:token", use: shared)
    }

    @Sendable func chooser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogRead)
        let models = try await services.catalog.models(scope: p.scope)
        let customer = request.query("customer_id") ?? ""
        return pages.render("catalog/choose", title: "Configure a car", data: [
            "models": models.map { ["id": $0.id, "title": $0.title, "body": $0.bodyStyle] as [String: Any] }, "empty": models.isEmpty,
            "customer": customer,
        ], context: context, request: request)
    }

    @Sendable func configure(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogRead)
        let day = ContactFields.today(in: p.timeZone)
        let priced = try await services.catalog.priced(try context.id(), on: day, scope: p.scope)
        let q = request.uri.queryParameters
        let state = ConfiguratorState.read(trim: request.query("trim"), engine: request.query("engine"), colour: request.query("colour"),
                                           options: q.getAll("o"), was: request.query("was"), catalog: priced.catalog, day: day)
        return try await page(priced, state: state, customerID: request.query("customer_id").flatMap(Int.init), errors: .init(), principal: p, request: request, context: context)
    }

    /// The configurator page: one section per step, each choice with its price and what picking
    /// it would change; the running price stays in view.
    func page(_ priced: PricedModel, state: ConfiguratorState, customerID: Int?, errors: ValidationErrors, principal p: Principal, request: Request, context: AppRequestContext) async throws -> Response {
        let catalog = priced.catalog, build = state.build, day = priced.day
        let included = catalog.included(in: build)
        let currency = priced.model.currency
        var steps: [[String: Any]] = []
        for kind in CatalogItemKind.steps {
            let items = catalog.items(of: kind)
            guard !items.isEmpty else { continue }
            let rows = items.map { item -> [String: Any] in
                let chosen = build.contains(item.code)
                let (hint, possible) = Self.hint(for: item, build: build, valid: state.failures.isEmpty, included: included, catalog: catalog, day: day)
                return ["code": item.code, "name": item.name, "detail": item.detail, "price": included.contains(item.code) ? "included" : CatalogView.itemPrice(item, currency),
                        "chosen": chosen || included.contains(item.code), "locked": included.contains(item.code), "disabled": !possible && !chosen, "hint": hint,
                        "input": kind.isSingleChoice ? "radio" : "checkbox", "name_attr": kind.isSingleChoice ? kind.rawValue : "o"]
            }
            steps.append(["title": kind.label.capitalized + (kind.isSingleChoice ? "" : "s"), "key": kind.rawValue, "items": rows])
        }
        let price = catalog.price(build)
        let was = build.codes.joined(separator: ",")
        var shareQuery = ["trim=\(build.trim)", "engine=\(build.engine)", "colour=\(build.colour)"] + build.options.sorted().map { "o=\($0)" }
        if let customerID { shareQuery.append("customer_id=\(customerID)") }
        return pages.render("catalog/configure", title: "Configure \(priced.model.title)", data: [
            "id": priced.model.id, "title": priced.model.title, "day": day, "steps": steps, "was": was,
            "total": CatalogView.money(price.total, currency), "valid": state.failures.isEmpty,
            "failures": state.failures.map(\.message), "changes": state.changes, "hasChanges": !state.changes.isEmpty,
            "lines": price.lines.map { ["name": $0.name, "price": $0.included ? "included" : CatalogView.money($0.price, currency)] as [String: Any] },
            "canSave": p.can(.salesWrite) && state.failures.isEmpty, "customer": customerID.map(String.init) ?? "",
            "noList": priced.priceList == nil, "self": "/configure/\(priced.model.id)?" + shareQuery.joined(separator: "&"),
            "errors": errors.fields, "hasErrors": !errors.isEmpty, "script": "configure.js",
        ], context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// What choosing `item` would do to `build`, in words, and whether it can be chosen at all.
    static func hint(for item: CatalogItem, build: Build, valid: Bool, included: Set<String>, catalog: ModelCatalog, day: String) -> (String, Bool) {
        if included.contains(item.code) { return ("included", true) }
        if !item.isOrderable(on: day) { return (item.price == nil ? "not in the price list" : "not orderable now", false) }
        if build.contains(item.code) { return ("", true) }
        // Most choices break nothing: a plain validation (~70 µs on a 200-option model) settles
        // them; only the others pay for a repair proposal (~2.4 ms).
        var trial = build
        trial.choose(item.code, kind: item.kind)
        if valid, catalog.validate(trial, on: day).isEmpty { return ("", true) }
        let proposal = catalog.propose(adding: item.code, to: build, on: day)
        if !proposal.isValid { return (proposal.failures.first?.message ?? "not possible with this car", false) }
        let adds = proposal.added.map { catalog.name($0.code) }
        // Replacing the current choice of the same step goes without saying.
        let drops = proposal.removed.filter { catalog.items[$0.code]?.kind != item.kind || !item.kind.isSingleChoice }.map { catalog.name($0.code) }
        return ([adds.isEmpty ? "" : "adds " + adds.joined(separator: ", "), drops.isEmpty ? "" : "removes " + drops.joined(separator: ", ")]
            .filter { !$0.isEmpty }.joined(separator: "; "), true)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let day = ContactFields.today(in: p.timeZone)
        let priced = try await services.catalog.priced(try context.id(), on: day, scope: p.scope)
        let form = try await FormData.read(request, context: context)
        let build = Build(trim: form["trim"] ?? "", engine: form["engine"] ?? "", colour: form["colour"] ?? "", options: Set(form.all("o")))
        let customerID = form["customer_id"].flatMap(Int.init)
        do {
            let saved = try await services.configurations.save(build, modelID: priced.model.id, customerID: customerID, day: day, unitID: p.orgUnitID, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/configurations/\(saved.id)", flash: "\(saved.number) saved at \(CatalogView.money(saved.priceMinor, saved.currency)).")
        } catch let refused as BuildRefused {
            var state = ConfiguratorState(build: build)
            state.failures = refused.failures
            return try await page(priced, state: state, customerID: customerID, errors: ValidationErrors(["build": "cannot be saved yet"]), principal: p, request: request, context: context)
        } catch StoreError.notFound {
            let state = ConfiguratorState(build: build, failures: priced.catalog.validate(build, on: day))
            return try await page(priced, state: state, customerID: nil, errors: ValidationErrors(["customer_id": "is not a customer you can see"]), principal: p, request: request, context: context)
        }
    }

    /// A saved configuration as the salesperson sees it.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogRead)
        let c = try await services.configurations.get(try context.id(), scope: p.scope)
        var data = Self.summary(c)
        data["shareURL"] = "/c/\(c.shareToken)"
        data["customerId"] = c.customerId ?? 0
        data["customerName"] = c.customerName ?? ""
        data["matchURL"] = "/stock/match?model_id=\(c.modelId)&trim=\(c.build.trim)&engine=\(c.build.engine)&colour=\(c.build.colour)&options=" + c.build.options.sorted().joined(separator: ",")
        data["canStock"] = p.can(.stockRead)
        data["financeURL"] = p.can(.salesRead) ? "/sales/finance?price=" + Money.exact(c.priceMinor).replacingOccurrences(of: ",", with: "") : ""
        // A configuration made for a customer turns into a deal in one click.
        if p.can(.salesWrite), let customer = c.customerId {
            let title = (c.modelTitle + " for " + (c.customerName ?? "the customer")).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            data["opportunityURL"] = "/sales/opportunities/new?customer_id=\(customer)&configuration_id=\(c.id)&title=\(title)"
            data["quoteURL"] = "/sales/quotes/new?customer_id=\(customer)&configuration_id=\(c.id)"
        }
        return pages.render("catalog/configuration", title: "\(c.number) \(c.modelTitle)", data: data, context: context, request: request)
    }

    /// What the customer opens from the shared link: the car and its price, nothing else.
    @Sendable func shared(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let c = try await services.configurations.shared(token: token)
        return pages.render("catalog/shared", title: c.modelTitle, data: Self.summary(c), context: context, request: request)
    }

    static func summary(_ c: Configuration) -> [String: Any] {
        ["id": c.id, "number": c.number, "title": c.modelTitle, "total": CatalogView.money(c.priceMinor, c.currency), "created": String(c.createdAt.prefix(10)),
         "lines": c.lines.map { ["name": $0.name, "kind": $0.kind.label, "price": $0.included ? "included" : CatalogView.money($0.price, c.currency)] as [String: Any] }]
    }
}
