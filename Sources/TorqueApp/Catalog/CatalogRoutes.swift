import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/catalog`: models and their items, rules and price lists (CAT-1, CAT-2, CAT-5).
struct CatalogRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/catalog", use: index)
        router.post("/catalog/models", use: createModel)
        router.get("/catalog/models/:id", use: show)
        router.post("/catalog/models/:id/items", use: saveItem)
        router.post("/catalog/models/:id/rules", use: saveRules)
        router.post("/catalog/models/:id/copy", use: copyModel)
        router.get("/catalog/price-lists/import", use: importForm)
        router.post("/catalog/price-lists", use: importList)
        router.get("/catalog/price-lists/:id", use: priceList)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogRead)
        return try await indexPage(principal: p, request: request, context: context, model: ModelFields(), errors: .init())
    }

    func indexPage(principal p: Principal, request: Request, context: AppRequestContext, model f: ModelFields, errors: ValidationErrors) async throws -> Response {
        let day = (try? CatalogAPI.day(request, principal: p)) ?? ContactFields.today(in: p.timeZone)
        let models = try await services.catalog.models(scope: p.scope, query: request.query("q"))
        let lists = try await services.priceLists.lists(scope: p.scope)
        let from = try await services.catalog.fromPrices(models.map(\.id), on: day)
        let rows: [[String: Any]] = models.map { m in
            ["id": m.id, "title": m.title, "body": m.bodyStyle, "code": m.code, "from": from[m.id].map { CatalogView.money($0, m.currency) } ?? "no price on this day"]
        }
        return pages.render("catalog/index", title: "Catalog", data: [
            "day": day, "q": request.query("q") ?? "", "models": rows, "empty": rows.isEmpty,
            "lists": lists.map { ["id": $0.id, "name": $0.name, "period": CatalogView.period($0), "count": $0.itemCount, "inForce": $0.isInForce(on: day), "by": $0.importedBy] as [String: Any] },
            "noLists": lists.isEmpty, "canWrite": p.can(.catalogWrite),
            "f": ["code": f.code ?? "", "make": f.make ?? "", "name": f.name ?? "", "year": f.modelYear.map(String.init) ?? "", "body": f.bodyStyle ?? "", "vds": f.vinDescriptor ?? "", "currency": f.currency ?? "EUR"],
            "errors": errors.fields, "hasErrors": !errors.isEmpty,
        ], context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func createModel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogWrite)
        let form = try await FormData.read(request, context: context)
        var errors = ValidationErrors()
        let f = ModelFields(code: form["code"], make: form["make"], name: form["name"], modelYear: FormValue.int(form["model_year"], field: "model_year", into: &errors),
                            bodyStyle: form["body_style"], vinDescriptor: form["vin_descriptor"], currency: form["currency"])
        guard errors.isEmpty, let input = f.validated(errors: &errors) else { return try await indexPage(principal: p, request: request, context: context, model: f, errors: errors) }
        do {
            let m = try await services.catalog.createModel(input, unitID: p.orgUnitID, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/catalog/models/\(m.id)", flash: "\(m.title) added. Now give it its trims, engines, colours and options.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await indexPage(principal: p, request: request, context: context, model: f, errors: ValidationErrors(AppError.from(e)!.fields))
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogRead)
        return try await modelPage(try context.id(), principal: p, request: request, context: context, item: nil, itemErrors: .init(), rulesText: nil, ruleErrors: .init(), ruleChains: [])
    }

    func modelPage(_ id: Int, principal p: Principal, request: Request, context: AppRequestContext, item: ItemFields?, itemErrors: ValidationErrors,
                   rulesText: String?, ruleErrors: ValidationErrors, ruleChains: [String],
                   copy: (code: String, year: String) = ("", ""), copyErrors: ValidationErrors = .init()) async throws -> Response {
        let day = (try? CatalogAPI.day(request, principal: p)) ?? ContactFields.today(in: p.timeZone)
        let priced = try await services.catalog.priced(id, on: day, scope: p.scope)
        let m = priced.model
        let failed = !itemErrors.isEmpty || !ruleErrors.isEmpty || !copyErrors.isEmpty
        return pages.render("catalog/model", title: m.title, data: [
            "id": m.id, "title": m.title, "code": m.code, "body": m.bodyStyle, "vds": m.vinDescriptor, "day": day,
            "list": priced.priceList.map { ["id": $0.id, "name": $0.name, "period": CatalogView.period($0)] as [String: Any] } ?? [:], "noList": priced.priceList == nil,
            "groups": CatalogView.groups(priced),
            "rules": priced.catalog.rules.map { ["text": CatalogView.sentence($0, priced.catalog), "kind": $0.kind.rawValue] as [String: Any] },
            "noRules": priced.catalog.rules.isEmpty, "ruleCount": priced.catalog.rules.count,
            "canWrite": p.can(.catalogWrite), "canConfigure": p.can(.salesWrite) || p.can(.catalogRead),
            "kinds": CatalogItemKind.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == (item?.kind ?? "option")] as [String: Any] },
            "item": ["code": item?.code ?? "", "name": item?.name ?? "", "detail": item?.detail ?? "", "from": item?.availableFrom ?? "", "to": item?.availableTo ?? ""],
            "itemErrors": itemErrors.fields, "hasItemErrors": !itemErrors.isEmpty,
            "copy": ["code": copy.code, "year": copy.year], "copyErrors": copyErrors.fields, "hasCopyErrors": !copyErrors.isEmpty,
            "rulesText": rulesText ?? RulesFields.text(priced.catalog.rules), "ruleErrors": ruleErrors.fields, "hasRuleErrors": !ruleErrors.isEmpty, "ruleChains": ruleChains,
        ], context: context, request: request, status: failed ? .unprocessableContent : .ok)
    }

    @Sendable func saveItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogWrite)
        let id = try context.id()
        _ = try await services.catalog.model(id, scope: p.scope)
        let form = try await FormData.read(request, context: context)
        let f = ItemFields(code: form["code"], name: form["name"], kind: form["kind"], detail: form["detail"], availableFrom: form["available_from"], availableTo: form["available_to"])
        var errors = ValidationErrors()
        guard let item = f.validated(errors: &errors) else {
            return try await modelPage(id, principal: p, request: request, context: context, item: f, itemErrors: errors, rulesText: nil, ruleErrors: .init(), ruleChains: [])
        }
        do {
            try await services.catalog.saveItem(item, modelID: id, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/catalog/models/\(id)", flash: "\(item.name) saved. Price it with the next price-list import.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await modelPage(id, principal: p, request: request, context: context, item: f, itemErrors: ValidationErrors(AppError.from(e)!.fields), rulesText: nil, ruleErrors: .init(), ruleChains: [])
        }
    }

    @Sendable func saveRules(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogWrite)
        let id = try context.id()
        _ = try await services.catalog.model(id, scope: p.scope)
        let text = try await FormData.read(request, context: context)["rules"] ?? ""
        var errors = ValidationErrors()
        let rules = RulesFields.parse(text, errors: &errors)
        guard errors.isEmpty else {
            return try await modelPage(id, principal: p, request: request, context: context, item: nil, itemErrors: .init(), rulesText: text, ruleErrors: errors, ruleChains: [])
        }
        do {
            try await services.catalogRules.replace(modelID: id, rules: rules, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/catalog/models/\(id)", flash: "\(rules.count) rules saved.")
        } catch let refused as RuleSetRefused {
            return try await modelPage(id, principal: p, request: request, context: context, item: nil, itemErrors: .init(), rulesText: text,
                                       ruleErrors: ValidationErrors(["rules": "were not saved: they contradict each other"]), ruleChains: refused.problems.map(\.message))
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await modelPage(id, principal: p, request: request, context: context, item: nil, itemErrors: .init(), rulesText: text, ruleErrors: ValidationErrors(AppError.from(e)!.fields), ruleChains: [])
        }
    }

    @Sendable func copyModel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogWrite)
        let id = try context.id()
        let source = try await services.catalog.model(id, scope: p.scope)
        let form = try await FormData.read(request, context: context)
        var errors = ValidationErrors()
        let fields = CatalogAPI.CopyFields(code: form["code"], modelYear: FormValue.int(form["model_year"], field: "model_year", into: &errors))
        let typed = (code: form["code"] ?? "", year: form["model_year"] ?? "")
        guard errors.isEmpty, let (code, year) = fields.validated(errors: &errors) else {
            return try await modelPage(id, principal: p, request: request, context: context, item: nil, itemErrors: .init(), rulesText: nil, ruleErrors: .init(), ruleChains: [],
                                       copy: typed, copyErrors: errors)
        }
        do {
            let m = try await services.catalog.copyModel(id, code: code, modelYear: year, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/catalog/models/\(m.id)", flash: "\(source.title) copied to \(m.title) with its items and rules. Price it with the next price-list import.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await modelPage(id, principal: p, request: request, context: context, item: nil, itemErrors: .init(), rulesText: nil, ruleErrors: .init(), ruleChains: [],
                                       copy: typed, copyErrors: ValidationErrors(AppError.from(e)!.fields))
        }
    }

    @Sendable func importForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.catalogWrite)
        return importPage(name: "", csv: "", errors: .init(), rows: [], request: request, context: context)
    }

    func importPage(name: String, csv: String, errors: ValidationErrors, rows: [ImportRowError], request: Request, context: AppRequestContext) -> Response {
        pages.render("catalog/import", title: "Import a price list", data: [
            "name": name, "csv": csv, "errors": errors.fields, "hasErrors": !errors.isEmpty || !rows.isEmpty,
            "rows": rows.prefix(200).map { ["row": $0.rowNo, "field": $0.field, "message": $0.message, "value": $0.value] as [String: Any] },
            "hasRows": !rows.isEmpty, "rowCount": rows.count, "script": "textfile.js",
        ], context: context, request: request, status: errors.isEmpty && rows.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func importList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogWrite)
        let form = try await FormData.read(request, context: context)
        let name = form["name"] ?? "", csv = form["csv"] ?? ""
        var errors = ValidationErrors()
        let checkedName = Validate.text(name, field: "name", into: &errors)
        if csv.trimmed.isEmpty { errors.add("csv", "is required: paste the file or choose it") }
        guard errors.isEmpty, let checkedName else { return importPage(name: name, csv: csv, errors: errors, rows: [], request: request, context: context) }
        let rows: [PriceListRow]
        do { rows = try PriceListFile.rows(Data(csv.utf8)) } catch let problem as ImportFile.Problem {
            return importPage(name: name, csv: csv, errors: ValidationErrors(["csv": problem.message]), rows: [], request: request, context: context)
        }
        do {
            let lists = try await services.priceLists.importRows(rows, name: checkedName, currency: Money.currency(forCountry: p.country), unitID: p.orgUnitID, scope: p.scope, actor: p.actor)
            let summary = lists.map { "\($0.name): \($0.itemCount) prices, \(CatalogView.period($0))" }.joined(separator: "; ")
            return PageRenderer.redirect(to: "/catalog", flash: "Imported. \(summary).")
        } catch let problems as FileRowErrors {
            return importPage(name: name, csv: csv, errors: .init(), rows: problems.rows, request: request, context: context)
        }
    }

    @Sendable func priceList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogRead)
        let id = try context.id()
        let list = try await services.priceLists.get(id, scope: p.scope)
        let prices = try await services.priceLists.prices(id, scope: p.scope)
        return pages.render("catalog/price_list", title: list.name, data: [
            "name": list.name, "period": CatalogView.period(list), "by": list.importedBy, "at": list.importedAt, "count": list.itemCount,
            "prices": prices.map { ["model": $0.model, "code": $0.code, "kind": $0.kind, "name": $0.name, "price": CatalogView.money($0.minor, list.currency)] as [String: Any] },
        ], context: context, request: request)
    }
}
