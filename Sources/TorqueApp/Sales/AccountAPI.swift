import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/accounts` (SALES-5): company accounts with their contacts; `/api/v1/quote-templates`
/// and `/api/v1/quotes/instant` (QUOTE-5): a ready-made offer quoted to a company in one step.
struct AccountAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/accounts", use: list)
        router.post("/api/v1/accounts", use: create)
        router.get("/api/v1/accounts/:id", use: show)
        router.post("/api/v1/accounts/:id/contacts", use: addContact)
        router.get("/api/v1/quote-templates", use: templates)
        router.post("/api/v1/quote-templates", use: createTemplate)
        router.post("/api/v1/quotes/instant", use: instant)
    }

    struct AccountFields: APIInput {
        var customerId: Int?
        var industry: String?
        var fleetSize: Int?
        var paymentTermsDays: Int?
        var orgUnitId: Int?
        static let fields: Set<String> = ["customer_id", "industry", "fleet_size", "payment_terms_days", "org_unit_id"]
    }

    func open(_ f: AccountFields, principal p: Principal) async throws -> Account {
        guard let customer = f.customerId else { throw AppError.invalid(.init(["customer_id": "is required"])) }
        return try await services.accounts.create(customerID: customer, industry: (f.industry ?? "").trimmed, fleetSize: f.fleetSize ?? 0,
                                                  paymentTermsDays: f.paymentTermsDays ?? 30, unitID: f.orgUnitId ?? p.orgUnitID, scope: p.scope, actor: p.actor)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let (limit, after) = try request.pagination()
        return try APIResponse.list(try await services.accounts.list(q: request.query("q"), scope: p.scope, limit: limit, afterID: after))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let a = try await open(try await JSONBody.decode(AccountFields.self, from: request, context: context), principal: p)
        var response = try APIResponse.json(a, status: .created)
        response.headers[.location] = "/api/v1/accounts/\(a.customerId)"
        return response
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        return try APIResponse.json(try await services.accounts.get(try context.id(), scope: p.scope))
    }

    struct ContactFields: APIInput {
        var customerId: Int?
        var role: String?
        static let fields: Set<String> = ["customer_id", "role"]
    }

    @Sendable func addContact(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let id = try context.id()
        _ = try await services.accounts.get(id, scope: p.scope)
        let f = try await JSONBody.decode(ContactFields.self, from: request, context: context)
        guard let person = f.customerId else { throw AppError.invalid(.init(["customer_id": "is required"])) }
        return try APIResponse.json(try await services.accounts.addContact(accountID: id, personID: person, role: f.role ?? "", scope: p.scope, actor: p.actor))
    }

    @Sendable func templates(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        return try APIResponse.list(try await services.quoteTemplates.usable(byUnit: p.orgUnitID))
    }

    struct TemplateFields: APIInput {
        var name: String?
        var lines: [QuoteLineFields]?
        var discountPercent: PercentValue?
        var finance: QuoteFinanceFields?
        var note: String?
        var orgUnitId: Int?
        static let fields: Set<String> = ["name", "lines", "discount_percent", "finance", "note", "org_unit_id"]
    }

    /// Sales managers and dealer principals publish offers (the OEM's reach every dealer below).
    @Sendable func createTemplate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.quotesApprove)
        let t = try await JSONBody.decode(TemplateFields.self, from: request, context: context)
        var f = QuoteFields()
        f.lines = t.lines; f.discountPercent = t.discountPercent; f.finance = t.finance; f.note = t.note
        var errors = ValidationErrors()
        let content = f.content(appraisal: nil, errors: &errors)
        guard errors.isEmpty, let content else { throw AppError.invalid(errors) }
        let created = try await services.quoteTemplates.create(name: t.name ?? "", content: content, unitID: t.orgUnitId ?? p.orgUnitID, scope: p.scope, actor: p.actor)
        return try APIResponse.json(created, status: .created)
    }

    struct InstantFields: APIInput {
        var templateId: Int?
        var customerId: Int?
        var quantity: Int?
        var opportunityId: Int?
        static let fields: Set<String> = ["template_id", "customer_id", "quantity", "opportunity_id"]
    }

    /// The template for `quantity` cars to a customer (the fleet tier applies to an account).
    func instantQuote(_ f: InstantFields, principal p: Principal) async throws -> Quote {
        var errors = ValidationErrors()
        if f.templateId == nil { errors.add("template_id", "is required") }
        if f.customerId == nil { errors.add("customer_id", "is required") }
        let quantity = f.quantity ?? 1
        if !(1...1_000).contains(quantity) { errors.add("quantity", "must be from 1 to 1,000 cars") }
        guard errors.isEmpty, let templateID = f.templateId, let customer = f.customerId else { throw AppError.invalid(errors) }
        let template: QuoteTemplate
        do { template = try await services.quoteTemplates.get(templateID, forUnit: p.orgUnitID) } catch StoreError.notFound {
            throw AppError.invalid(.init(["template_id": "is not an offer your dealer can use"]))
        }
        var q = QuoteFields()
        q.customerId = customer
        q.opportunityId = f.opportunityId
        q.lines = template.lines(quantity: quantity).map(QuoteAPI.lineFields)
        q.discountPercent = template.discountPercent.map { PercentValue(rate: $0, text: $0.percentText) }
        if let fin = template.finance {
            // Lease and loan terms are per car; a fleet's down payment, balloon and residual scale with it.
            q.finance = QuoteFinanceFields(kind: fin.kind.rawValue, rate: PercentValue(rate: fin.rate, text: fin.rate.percentText), termMonths: fin.termMonths,
                                           downPaymentMinor: fin.downPaymentMinor * quantity, balloonMinor: fin.balloonMinor * quantity,
                                           residualMinor: fin.residualMinor * quantity, kmPerYear: fin.kmPerYear)
        }
        q.note = template.note
        q.title = quantity == 1 ? template.name : "\(quantity) × \(template.name)"
        return try await QuoteAPI(services: services).open(q, principal: p)
    }

    @Sendable func instant(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let q = try await instantQuote(try await JSONBody.decode(InstantFields.self, from: request, context: context), principal: p)
        var response = try APIResponse.json(q, status: .created)
        response.headers[.location] = "/api/v1/quotes/\(q.id)"
        return response
    }
}
