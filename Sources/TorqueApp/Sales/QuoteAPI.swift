import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/quotes` (QUOTE-1): quotes with their versions, approval of a discount above the
/// author's limit, acceptance into a contract; `/api/v1/contracts` (QUOTE-4) to read them.
struct QuoteAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/quotes", use: list)
        router.post("/api/v1/quotes", use: create)
        router.get("/api/v1/quotes/:id", use: show)
        router.get("/api/v1/quotes/:id/versions", use: versions)
        router.post("/api/v1/quotes/:id/versions", use: revise)
        router.post("/api/v1/quotes/:id/approve", use: approve)
        router.post("/api/v1/quotes/:id/decline", use: decline)
        router.post("/api/v1/quotes/:id/accept", use: accept)
        router.get("/api/v1/contracts", use: contracts)
        router.get("/api/v1/contracts/:id", use: contract)
    }

    static func filter(_ request: Request) throws -> QuoteFilter {
        let status = try request.choice("status", in: QuoteStatus.allCases.map(\.rawValue)).flatMap(QuoteStatus.init(rawValue:))
        return QuoteFilter(customerID: try request.positiveID("customer_id"), opportunityID: try request.positiveID("opportunity_id"),
                           unitID: try request.positiveID("org_unit_id"), status: status)
    }

    /// Opens a quote from the fields (API or form): lines left out are taken from the stock unit
    /// or the configuration, the title from what is offered.
    func open(_ fields: QuoteFields, principal p: Principal) async throws -> Quote {
        var f = fields
        var errors = ValidationErrors()
        if f.customerId == nil { errors.add("customer_id", "is required") }
        var startTitle = ""
        if let v = f.vehicleId, let car = try? await services.vehicles.get(v, scope: p.scope) {
            startTitle = car.title
            if f.lines == nil { f.lines = QuoteStartingLines.from(vehicle: car).map(Self.lineFields) }
        } else if let c = f.configurationId, let cfg = try? await services.configurations.get(c, scope: p.scope) {
            startTitle = cfg.modelTitle
            if f.lines == nil { f.lines = QuoteStartingLines.from(configuration: cfg).map(Self.lineFields) }
        }
        if startTitle.isEmpty { startTitle = f.lines?.first { $0.kind == "vehicle" }?.description ?? "" }
        if (f.title ?? "").trimmed.isEmpty { f.title = String(startTitle.prefix(200)) }
        let appraisal = try await appraisal(f, principal: p, errors: &errors)
        let content = f.content(appraisal: appraisal, errors: &errors)
        guard errors.isEmpty, let content, let customer = f.customerId else { throw AppError.invalid(errors) }
        let header = QuoteHeader(customerId: customer, opportunityId: f.opportunityId, vehicleId: f.vehicleId, configurationId: f.configurationId,
                                 title: f.title ?? "", validUntil: (f.validUntil ?? "").isEmpty ? nil : f.validUntil)
        return try await services.quotes.create(header, content: content, unitID: f.orgUnitId ?? p.orgUnitID, today: ContactFields.today(in: p.timeZone),
                                                roles: p.roles, scope: p.scope, actor: p.actor)
    }

    /// Saves a new version of `q` from the fields.
    func revise(_ q: Quote, _ f: QuoteFields, principal p: Principal) async throws -> Quote {
        var errors = ValidationErrors()
        let appraisal = try await appraisal(f, principal: p, errors: &errors)
        let content = f.content(appraisal: appraisal, errors: &errors)
        guard errors.isEmpty, let content else { throw AppError.invalid(errors) }
        return try await services.quotes.revise(q.id, content: content, validUntil: (f.validUntil ?? "").isEmpty ? nil : f.validUntil,
                                                today: ContactFields.today(in: p.timeZone), roles: p.roles, scope: p.scope, actor: p.actor)
    }

    /// The appraisal a trade-in names, if the caller can see it (the store checks the rest).
    func appraisal(_ f: QuoteFields, principal p: Principal, errors: inout ValidationErrors) async throws -> Appraisal? {
        guard let id = f.tradeIn?.appraisalId else { return nil }
        do { return try await services.appraisals.get(id, scope: p.scope) } catch StoreError.notFound {
            errors.add("trade_in.appraisal_id", "is not an appraisal you can see"); return nil
        }
    }

    static func lineFields(_ l: QuoteLine) -> QuoteLineFields {
        QuoteLineFields(kind: l.kind.rawValue, description: l.description, unitMinor: l.unitMinor, quantity: l.quantity, taxable: l.taxable)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let (limit, after) = try request.pagination()
        return try APIResponse.list(try await services.quotes.list(try Self.filter(request), scope: p.scope, limit: limit, afterID: after))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        return try APIResponse.json(try await services.quotes.get(try context.id(), scope: p.scope))
    }

    @Sendable func versions(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        return try APIResponse.list(try await services.quotes.versions(try context.id(), scope: p.scope))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let fields = try await JSONBody.decode(QuoteFields.self, from: request, context: context)
        let q = try await open(fields, principal: p)
        var response = try APIResponse.json(q, status: .created)
        response.headers[.location] = "/api/v1/quotes/\(q.id)"
        return response
    }

    /// A new version: fields left out keep the current version's value.
    @Sendable func revise(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let q = try await services.quotes.get(try context.id(), scope: p.scope)
        let (patch, keys) = try await JSONBody.decodeWithKeys(QuoteFields.self, from: request, context: context)
        var errors = ValidationErrors()
        for key in keys.keys.sorted() where !QuoteFields.versionFields.contains(key) { errors.add(key, "cannot change in a new version; make a new quote") }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        var f = QuoteFields(q)
        if keys["valid_until"] != nil { f.validUntil = patch.validUntil } else { f.validUntil = nil }
        if keys["lines"] != nil { f.lines = patch.lines }
        if keys["discount_percent"] != nil || keys["discount_minor"] != nil { f.discountPercent = patch.discountPercent; f.discountMinor = patch.discountMinor }
        if keys["trade_in"] != nil { f.tradeIn = patch.tradeIn }
        if keys["finance"] != nil { f.finance = patch.finance }
        if keys["note"] != nil { f.note = patch.note }
        let saved = try await revise(q, f, principal: p)
        return try APIResponse.json(saved, status: .created)
    }

    @Sendable func approve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.quotesApprove)
        return try APIResponse.json(try await services.quotes.approve(try context.id(), roles: p.roles, scope: p.scope, actor: p.actor))
    }

    struct DeclineFields: APIInput {
        var reason: String?
        static let fields: Set<String> = ["reason"]
    }

    @Sendable func decline(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let id = try context.id()
        _ = try await services.quotes.get(id, scope: p.scope)
        let f = try await JSONBody.decode(DeclineFields.self, from: request, context: context)
        if (f.reason ?? "").count > 500 { throw AppError.invalid(.init(["reason": "must be at most 500 characters"])) }
        return try APIResponse.json(try await services.quotes.decline(id, reason: (f.reason ?? "").trimmed, scope: p.scope, actor: p.actor))
    }

    /// The customer signed: 201 with the contract.
    @Sendable func accept(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let contract = try await services.quotes.accept(try context.id(), today: ContactFields.today(in: p.timeZone), scope: p.scope, actor: p.actor)
        var response = try APIResponse.json(contract, status: .created)
        response.headers[.location] = "/api/v1/contracts/\(contract.id)"
        return response
    }

    @Sendable func contracts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let (limit, after) = try request.pagination()
        return try APIResponse.list(try await services.contracts.list(customerID: try request.positiveID("customer_id"), unitID: try request.positiveID("org_unit_id"),
                                                                      scope: p.scope, limit: limit, afterID: after))
    }

    @Sendable func contract(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        return try APIResponse.json(try await services.contracts.get(try context.id(), scope: p.scope))
    }
}
