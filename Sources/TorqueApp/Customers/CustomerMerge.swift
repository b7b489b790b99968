import Hummingbird
import TorqueDomain
import TorqueStore

/// Merging two customers (CUS-3): for each field, whose value wins.
struct CustomerMerge {
    let services: AppServices

    /// The fields a person chooses between, as named in the API.
    static let choosable = ["kind", "first_name", "last_name", "company_name", "email", "phone", "address", "postcode", "city", "country", "consent_marketing"]

    struct Body: APIInput {
        var survivorId: Int?
        var mergedId: Int?
        /// Field name → "survivor" or "merged"; fields not named keep the survivor's value.
        var take: [String: String]?
        static let fields: Set<String> = ["survivor_id", "merged_id", "take"]
    }

    /// The survivor's fields with the chosen ones taken from the merged record, validated.
    func values(survivor: Customer, merged: Customer, take rawTake: [String: String], country: String) throws -> CustomerInput {
        // JSONDecoder's snake-case strategy also rewrites dictionary keys; bring them back.
        let take = Dictionary(rawTake.map { (JSONBody.snake($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        var errors = ValidationErrors()
        for (field, side) in take {
            if !Self.choosable.contains(field) { errors.add("take.\(field)", "is not a field that can be chosen") }
            else if side != "survivor" && side != "merged" { errors.add("take.\(field)", "must be survivor or merged") }
        }
        try errors.throwIfAny()
        let pick = { (field: String) -> Customer in take[field] == "merged" ? merged : survivor }
        let f = CustomerFields(kind: pick("kind").kind, firstName: pick("first_name").firstName, lastName: pick("last_name").lastName,
                               companyName: pick("company_name").companyName, email: pick("email").email, phone: pick("phone").phone,
                               address: pick("address").address, postcode: pick("postcode").postcode, city: pick("city").city,
                               country: pick("country").country, consentMarketing: pick("consent_marketing").consentMarketing)
        guard let input = f.validated(defaultCountry: country, errors: &errors) else { throw AppError.invalid(errors) }
        return input
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/api/v1/customers/merge", use: mergeAPI)
        router.get("/customers/:id/merge", use: compare)
        router.post("/customers/:id/merge", use: mergeForm)
        router.post("/api/v1/customers/merge/undo", use: undoAPI)
        router.post("/customers/merges/:id/undo", use: undoForm)
    }

    struct UndoBody: APIInput {
        var auditEventId: Int
        static let fields: Set<String> = ["audit_event_id"]
    }

    struct Undone: Encodable { var survivor: CustomerJSON; var restored: CustomerJSON }

    @Sendable func undoAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let body = try await JSONBody.decode(UndoBody.self, from: request, context: context)
        let (survivor, restored) = try await services.customers.undoMerge(eventID: body.auditEventId, scope: p.scope, actor: p.actor)
        return try APIResponse.json(Undone(survivor: CustomerJSON(customer: survivor), restored: CustomerJSON(customer: restored)))
    }

    @Sendable func undoForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        do {
            let (survivor, restored) = try await services.customers.undoMerge(eventID: try context.id(), scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/customers/\(survivor.id)", flash: "The merge is undone: \(restored.number) \(restored.displayName) is back with its contacts.")
        } catch StoreError.conflict(_, let message) {
            return PageRenderer.redirect(to: "/customers", flash: "Not undone: \(message).")
        }
    }

    static let labels = ["kind": "Person or company", "first_name": "First name", "last_name": "Last name", "company_name": "Company", "email": "E-mail",
                         "phone": "Phone", "address": "Address", "postcode": "Postcode", "city": "City", "country": "Country", "consent_marketing": "Offers"]

    static func value(_ c: Customer, _ field: String) -> String {
        switch field {
        case "kind": c.kind
        case "first_name": c.firstName
        case "last_name": c.lastName
        case "company_name": c.companyName
        case "email": c.email ?? ""
        case "phone": c.phone ?? ""
        case "address": c.address
        case "postcode": c.postcode
        case "city": c.city
        case "country": c.country
        default: c.consentMarketing ? "agrees" : "no"
        }
    }

    /// Side by side: this customer (the survivor) and the one named in `?with=` (a C-number).
    @Sendable func compare(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let survivor = try await services.customers.get(try context.id(), scope: p.scope)
        let with = request.query("with") ?? ""
        guard let otherID = CustomerNumber.parse(with), let other = try? await services.customers.get(otherID, scope: p.scope), other.id != survivor.id else {
            return PageRenderer.redirect(to: "/customers/\(survivor.id)", flash: with.isEmpty ? "Type the number of the duplicate to merge." : "\(with) is not another customer you can see.")
        }
        let rows = Self.choosable.map { f -> [String: Any] in
            let a = Self.value(survivor, f), b = Self.value(other, f)
            return ["field": f, "label": Self.labels[f] ?? f, "survivor": a, "merged": b, "differ": a != b, "preferMerged": a.isEmpty && !b.isEmpty]
        }
        return PageRenderer(services: services).render("customers/merge", title: "Merge customers", data: [
            "s": ["id": survivor.id, "number": survivor.number, "name": survivor.displayName], "m": ["id": other.id, "number": other.number, "name": other.displayName],
            "rows": rows,
        ], context: context, request: request)
    }

    @Sendable func mergeForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let survivor = try await services.customers.get(try context.id(), scope: p.scope)
        let form = try await FormData.read(request, context: context)
        guard let mergedID = form["merged_id"].flatMap(Int.init) else { throw AppError.invalid(.init(["merged_id": "is required"])) }
        let merged = try await services.customers.get(mergedID, scope: p.scope)
        var take: [String: String] = [:]
        for f in Self.choosable { if let side = form["take_" + f] { take[f] = side } }
        do {
            let input = try values(survivor: survivor, merged: merged, take: take, country: p.country)
            let result = try await services.customers.merge(survivorID: survivor.id, mergedID: merged.id, values: input, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/customers/\(result.id)", flash: "\(merged.number) is merged into \(result.number); its contacts are on this timeline.")
        } catch let AppError.invalid(errors) {
            let detail = errors.fields.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "; ")
            return PageRenderer.redirect(to: "/customers/\(survivor.id)/merge?with=\(merged.number)", flash: "Not merged: the chosen values do not make a valid customer (\(detail)).")
        }
    }

    @Sendable func mergeAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let body = try await JSONBody.decode(Body.self, from: request, context: context)
        var errors = ValidationErrors()
        if body.survivorId == nil { errors.add("survivor_id", "is required") }
        if body.mergedId == nil { errors.add("merged_id", "is required") }
        try errors.throwIfAny()
        let survivor = try await services.customers.get(body.survivorId!, scope: p.scope)
        let merged = try await services.customers.get(body.mergedId!, scope: p.scope)
        let input = try values(survivor: survivor, merged: merged, take: body.take ?? [:], country: p.country)
        let result = try await services.customers.merge(survivorID: survivor.id, mergedID: merged.id, values: input, scope: p.scope, actor: p.actor)
        return try APIResponse.json(CustomerJSON(customer: result))
    }
}
