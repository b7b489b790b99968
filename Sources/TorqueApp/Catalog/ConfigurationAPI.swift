import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/configurations`: check and price a build, save it, read it back (CAT-3).
struct ConfigurationAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/api/v1/configurations/validate", use: validate)
        router.get("/api/v1/configurations", use: list)
        router.post("/api/v1/configurations", use: create)
        router.get("/api/v1/configurations/:id", use: show)
    }

    /// A build as sent: the model, one trim, engine and colour, options; `add` asks for the
    /// nearest valid build with that item added.
    struct BuildFields: APIInput {
        var modelId: Int?
        var trim: String?
        var engine: String?
        var colour: String?
        var options: [String]?
        var add: String?
        var on: String?
        var customerId: Int?
        static let fields: Set<String> = ["model_id", "trim", "engine", "colour", "options", "add", "on", "customer_id"]

        func validated(errors: inout ValidationErrors) -> (Int, Build)? {
            guard let modelId else { errors.add("model_id", "is required"); return nil }
            if let on, CalendarDay.parse(on) == nil { errors.add("on", "must be a date like 2027-03-15") }
            if (options ?? []).count > 500 { errors.add("options", "must be at most 500 codes") }
            let build = Build(trim: (trim ?? "").trimmed.uppercased(), engine: (engine ?? "").trimmed.uppercased(), colour: (colour ?? "").trimmed.uppercased(),
                              options: Set((options ?? []).map { $0.trimmed.uppercased() }.filter { !$0.isEmpty }))
            return errors.isEmpty ? (modelId, build) : nil
        }
    }

    /// Validation, price and (when asked) the repair proposal for one build.
    static func check(_ build: Build, add: String?, priced: PricedModel) -> BuildCheckJSON {
        let catalog = priced.catalog
        var proposal: BuildCheckJSON.ProposalJSON?
        var checked = build
        if let add = add?.trimmed.uppercased(), !add.isEmpty {
            let p = catalog.propose(adding: add, to: build, on: priced.day)
            proposal = .init(trim: p.build.trim, engine: p.build.engine, colour: p.build.colour, options: p.build.options.sorted(), added: p.added, removed: p.removed, valid: p.isValid)
            checked = p.build
        }
        let failures = catalog.validate(checked, on: priced.day)
        let price = catalog.price(checked)
        return BuildCheckJSON(valid: failures.isEmpty, failures: failures, totalMinor: price.total, currency: priced.model.currency,
                              lines: price.lines, priceListId: priced.priceList?.id, proposal: proposal)
    }

    @Sendable func validate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogRead)
        let fields = try await JSONBody.decode(BuildFields.self, from: request, context: context)
        var errors = ValidationErrors()
        guard let (modelID, build) = fields.validated(errors: &errors) else { throw AppError.invalid(errors) }
        let priced = try await priced(modelID, on: fields.on ?? ContactFields.today(in: p.timeZone), scope: p.scope)
        return try APIResponse.json(Self.check(build, add: fields.add, priced: priced))
    }

    /// The model, or 422 naming model_id when the caller has no such model.
    func priced(_ modelID: Int, on day: String, scope: Scope) async throws -> PricedModel {
        do { return try await services.catalog.priced(modelID, on: day, scope: scope) } catch StoreError.notFound {
            throw AppError.invalid(.init(["model_id": "is not a model of your catalog"]))
        }
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let fields = try await JSONBody.decode(BuildFields.self, from: request, context: context)
        var errors = ValidationErrors()
        if fields.add != nil { errors.add("add", "is only for /configurations/validate") }
        if fields.on != nil { errors.add("on", "cannot be set: a configuration is priced by today's list") }
        guard let (modelID, build) = fields.validated(errors: &errors), errors.isEmpty else { throw AppError.invalid(errors) }
        _ = try await priced(modelID, on: ContactFields.today(in: p.timeZone), scope: p.scope)
        let saved: Configuration
        do {
            saved = try await services.configurations.save(build, modelID: modelID, customerID: fields.customerId, day: ContactFields.today(in: p.timeZone),
                                                           unitID: p.orgUnitID, scope: p.scope, actor: p.actor)
        } catch StoreError.notFound {
            throw AppError.invalid(.init(["customer_id": "is not a customer you can see"]))
        }
        var response = try APIResponse.json(ConfigurationJSON(saved), status: .created)
        response.headers[.location] = "/api/v1/configurations/\(saved.id)"
        return response
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogRead)
        let (limit, after) = try request.pagination()
        var customerID: Int?
        if let c = request.query("customer_id") {
            guard let id = Int(c) else { throw AppError.invalid(.init(["customer_id": "must be a customer id"])) }
            customerID = id
        }
        let page = try await services.configurations.list(scope: p.scope, customerID: customerID, limit: limit, after: after)
        return try APIResponse.json(APIResponse.List(data: page.items.map(ConfigurationJSON.init), nextCursor: page.nextCursor))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogRead)
        return try APIResponse.json(ConfigurationJSON(try await services.configurations.get(try context.id(), scope: p.scope)))
    }
}

/// A saved configuration as the API shows it, with its share link.
struct ConfigurationJSON: Encodable {
    var id: Int
    var number: String
    var orgUnitId: Int
    var modelId: Int
    var modelTitle: String
    var trim: String
    var engine: String
    var colour: String
    var options: [String]
    var priceMinor: Int
    var currency: String
    var priceListId: Int?
    var lines: [PriceLine]
    var customerId: Int?
    var shareUrl: String
    var createdAt: String

    init(_ c: Configuration) {
        id = c.id; number = c.number; orgUnitId = c.orgUnitId; modelId = c.modelId; modelTitle = c.modelTitle
        trim = c.build.trim; engine = c.build.engine; colour = c.build.colour; options = c.build.options.sorted()
        priceMinor = c.priceMinor; currency = c.currency; priceListId = c.priceListId; lines = c.lines; customerId = c.customerId
        shareUrl = "/c/\(c.shareToken)"; createdAt = c.createdAt
    }
}
