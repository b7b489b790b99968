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
