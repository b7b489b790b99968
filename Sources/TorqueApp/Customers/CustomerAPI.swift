import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/customers`: search, create with the duplicate check, read, edit.
struct CustomerAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/customers", use: list)
        router.post("/api/v1/customers", use: create)
        router.get("/api/v1/customers/:id", use: show)
        router.patch("/api/v1/customers/:id", use: update)
        router.get("/api/v1/customers/:id/vcard", use: vcard)
        router.get("/api/v1/customers/:id/profile", use: profile)
    }

    /// One customer as a vCard, for phones and address books (INT-4).
    @Sendable func vcard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersRead)
        let c = try await services.customers.get(try context.id(), scope: p.scope)
        return Response(status: .ok, headers: [.contentType: "text/vcard; charset=utf-8", .contentDisposition: "attachment; filename=\"\(c.number).vcf\""],
                        body: .init(byteBuffer: ByteBuffer(string: VCard.card(for: c))))
    }

    /// CUS-6: value, loyalty, state, next moments, and why.
    @Sendable func profile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersRead)
        let id = try context.id()
        let newest = try await services.timeline.list(customerID: id, scope: p.scope, limit: 1).items.first?.id
        return try APIResponse.json(ProfileView.JSON(try await ProfileView.current(id, newestEvent: newest, services: services)))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersRead)
        let (limit, after) = try request.pagination()
        let page = try await services.customers.search(request.query("q"), defaultCountry: p.country, scope: p.scope, limit: limit, afterID: after)
        return try APIResponse.json(APIResponse.List(data: page.items.map(CustomerJSON.init), nextCursor: page.nextCursor))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersRead)
        return try APIResponse.json(CustomerJSON(customer: try await services.customers.get(try context.id(), scope: p.scope)))
    }

    struct DuplicateBody: Encodable {
        struct Inner: Encodable { var code: String; var message: String }
        var error: Inner
        var candidates: [CandidateJSON]
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let fields = try await JSONBody.decode(CustomerFields.self, from: request, context: context)
        switch try await CustomerEntry(services: services).enter(fields, principal: p) {
        case let .created(c), let .shared(c):
            var response = try APIResponse.json(CustomerJSON(customer: c), status: fields.useCustomerId == nil ? .created : .ok)
            response.headers[.location] = "/api/v1/customers/\(c.id)"
            return response
        case let .duplicates(candidates):
            return try APIResponse.json(DuplicateBody(
                error: .init(code: "duplicate_found", message: "This customer probably exists already. Send use_customer_id to use one of the candidates, or on_duplicate: \"create\" to create a new record anyway."),
                candidates: candidates.map(CandidateJSON.init)), status: .conflict)
        }
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let id = try context.id()
        let current = try await services.customers.get(id, scope: p.scope)
        let (patch, keys) = try await JSONBody.decodeWithKeys(CustomerFields.self, from: request, context: context)
        var f = CustomerFields(current)
        if keys["kind"] != nil { f.kind = patch.kind }
        if keys["first_name"] != nil { f.firstName = patch.firstName }
        if keys["last_name"] != nil { f.lastName = patch.lastName }
        if keys["company_name"] != nil { f.companyName = patch.companyName }
        if keys["email"] != nil { f.email = patch.email }
        if keys["phone"] != nil { f.phone = patch.phone }
        if keys["address"] != nil { f.address = patch.address }
        if keys["postcode"] != nil { f.postcode = patch.postcode }
        if keys["city"] != nil { f.city = patch.city }
        if keys["country"] != nil { f.country = patch.country }
        if keys["consent_marketing"] != nil { f.consentMarketing = patch.consentMarketing }
        var errors = ValidationErrors()
        for k in ["org_unit_id", "on_duplicate", "use_customer_id"] where keys[k] != nil { errors.add(k, "applies only when creating a customer") }
        guard errors.isEmpty, let input = f.validated(defaultCountry: p.country, errors: &errors) else { throw AppError.invalid(errors) }
        return try APIResponse.json(CustomerJSON(customer: try await services.customers.update(id, input, scope: p.scope, actor: p.actor)))
    }
}
