import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/catalog/...`: models, items, rules and price lists (CAT-1, CAT-2, CAT-5).
struct CatalogAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/catalog/models", use: models)
        router.post("/api/v1/catalog/models", use: createModel)
        router.get("/api/v1/catalog/models/:id", use: model)
        router.post("/api/v1/catalog/models/:id/items", use: saveItem)
        router.post("/api/v1/catalog/models/:id/copy", use: copyModel)
        router.get("/api/v1/catalog/models/:id/rules", use: rules)
        router.put("/api/v1/catalog/models/:id/rules", use: replaceRules)
        router.get("/api/v1/catalog/price-lists", use: priceLists)
        router.post("/api/v1/catalog/price-lists", use: importPriceList)
        router.get("/api/v1/catalog/price-lists/:id", use: priceList)
    }

    /// `?on=` (an ISO day) or the caller's today.
    static func day(_ request: Request, principal p: Principal) throws -> String {
        guard let on = request.query("on") else { return ContactFields.today(in: p.timeZone) }
        guard CalendarDay.parse(on) != nil else { throw AppError.invalid(.init(["on": "must be a date like 2027-03-15"])) }
        return on
    }

    @Sendable func models(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogRead)
        return try APIResponse.list(try await services.catalog.models(scope: p.scope, query: request.query("q")))
    }

    @Sendable func createModel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogWrite)
        let fields = try await JSONBody.decode(ModelFields.self, from: request, context: context)
        var errors = ValidationErrors()
        guard let input = fields.validated(errors: &errors) else { throw AppError.invalid(errors) }
        let model = try await services.catalog.createModel(input, unitID: fields.orgUnitId ?? p.orgUnitID, scope: p.scope, actor: p.actor)
        var response = try APIResponse.json(model, status: .created)
        response.headers[.location] = "/api/v1/catalog/models/\(model.id)"
        return response
    }

    @Sendable func model(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogRead)
        return try APIResponse.json(PricedModelJSON(try await services.catalog.priced(try context.id(), on: try Self.day(request, principal: p), scope: p.scope)))
    }

    @Sendable func saveItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogWrite)
        let id = try context.id()
        _ = try await services.catalog.model(id, scope: p.scope)
        let fields = try await JSONBody.decode(ItemFields.self, from: request, context: context)
        var errors = ValidationErrors()
        guard let item = fields.validated(errors: &errors) else { throw AppError.invalid(errors) }
        try await services.catalog.saveItem(item, modelID: id, scope: p.scope, actor: p.actor)
        let priced = try await services.catalog.priced(id, on: ContactFields.today(in: p.timeZone), scope: p.scope)
        return try APIResponse.json(CatalogItemJSON(priced.catalog.items[item.code]!, day: priced.day), status: .created)
    }

    struct CopyFields: APIInput {
        var code: String?
        var modelYear: Int?
        static let fields: Set<String> = ["code", "model_year"]

        func validated(errors: inout ValidationErrors) -> (String, Int)? {
            let code = Validate.code(code, into: &errors)
            if let y = modelYear { if !(1980...2100).contains(y) { errors.add("model_year", "must be a year between 1980 and 2100") } }
            else { errors.add("model_year", "is required") }
            guard errors.isEmpty, let code, let modelYear else { return nil }
            return (code, modelYear)
        }
    }

    @Sendable func copyModel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogWrite)
        let id = try context.id()
        _ = try await services.catalog.model(id, scope: p.scope)
        var errors = ValidationErrors()
        guard let (code, year) = try await JSONBody.decode(CopyFields.self, from: request, context: context).validated(errors: &errors) else { throw AppError.invalid(errors) }
        let model = try await services.catalog.copyModel(id, code: code, modelYear: year, scope: p.scope, actor: p.actor)
        var response = try APIResponse.json(model, status: .created)
        response.headers[.location] = "/api/v1/catalog/models/\(model.id)"
        return response
    }

    @Sendable func rules(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogRead)
        let priced = try await services.catalog.priced(try context.id(), on: ContactFields.today(in: p.timeZone), scope: p.scope)
        return try APIResponse.list(priced.catalog.rules.map(RuleJSON.init))
    }

    @Sendable func replaceRules(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogWrite)
        let id = try context.id()
        _ = try await services.catalog.model(id, scope: p.scope)
        let fields = try await JSONBody.decode(RulesFields.self, from: request, context: context)
        var errors = ValidationErrors()
        guard let rules = fields.validated(errors: &errors) else { throw AppError.invalid(errors) }
        try await services.catalogRules.replace(modelID: id, rules: rules, scope: p.scope, actor: p.actor)
        return try APIResponse.list(rules.map(RuleJSON.init))
    }

    @Sendable func priceLists(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogRead)
        return try APIResponse.list(try await services.priceLists.lists(scope: p.scope))
    }

    struct PriceListPrice: Encodable { var model: String; var code: String; var kind: String; var name: String; var priceMinor: Int }
    struct PriceListJSON: Encodable { var priceList: PriceList; var prices: [PriceListPrice] }

    @Sendable func priceList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogRead)
        let id = try context.id()
        let list = try await services.priceLists.get(id, scope: p.scope)
        let prices = try await services.priceLists.prices(id, scope: p.scope).map { PriceListPrice(model: $0.model, code: $0.code, kind: $0.kind, name: $0.name, priceMinor: $0.minor) }
        return try APIResponse.json(PriceListJSON(priceList: list, prices: prices))
    }

    struct ImportFields: APIInput {
        var name: String?
        var currency: String?
        var csv: String?
        var orgUnitId: Int?
        static let fields: Set<String> = ["name", "currency", "csv", "org_unit_id"]
    }

    @Sendable func importPriceList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogWrite)
        let fields = try await JSONBody.decode(ImportFields.self, from: request, context: context)
        var errors = ValidationErrors()
        let name = Validate.text(fields.name, field: "name", into: &errors)
        let currency = (fields.currency ?? "EUR").trimmed.uppercased()
        if currency.count != 3 { errors.add("currency", "must be a 3-letter ISO code such as EUR") }
        if (fields.csv ?? "").trimmed.isEmpty { errors.add("csv", "is required: the file's text, first row naming the columns") }
        guard errors.isEmpty, let name, let csv = fields.csv else { throw AppError.invalid(errors) }
        let rows: [PriceListRow]
        do { rows = try PriceListFile.rows(Data(csv.utf8)) } catch let problem as ImportFile.Problem { throw AppError.invalid(.init(["csv": problem.message])) }
        let created = try await services.priceLists.importRows(rows, name: name, currency: currency, unitID: fields.orgUnitId ?? p.orgUnitID, scope: p.scope, actor: p.actor)
        return try APIResponse.json(APIResponse.List(data: created, nextCursor: nil), status: .created)
    }
}
