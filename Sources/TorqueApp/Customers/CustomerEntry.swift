import Hummingbird
import TorqueDomain
import TorqueStore

/// Entering a customer, the same on every path (form, API): validate, look for probable twins
/// across the network, then create, or use the twin the person chose, or report the twins.
struct CustomerEntry {
    let services: AppServices

    enum Outcome {
        case created(Customer)
        case shared(Customer)
        case duplicates([DuplicateCandidate])
    }

    func enter(_ fields: CustomerFields, principal p: Principal) async throws -> Outcome {
        var errors = ValidationErrors()
        guard let input = fields.validated(defaultCountry: p.country, errors: &errors) else { throw AppError.invalid(errors) }
        let unitID = fields.orgUnitId ?? p.orgUnitID
        let store = services.customers
        let candidates = try await store.duplicates(of: input, scope: p.scope)
        if let useID = fields.useCustomerId {
            // Only a proposed twin can be taken over: an id alone must not open another dealer's record.
            guard candidates.contains(where: { $0.customer.id == useID }) else {
                throw AppError.invalid(.init(["use_customer_id": "is not one of the probable duplicates of what you entered"]))
            }
            do { _ = try await services.orgUnits.get(unitID, scope: p.scope) } catch StoreError.notFound {
                throw AppError.invalid(.init(["org_unit_id": "is not a unit you can see"]))
            }
            return .shared(try await store.share(useID, withUnit: unitID, actor: p.actor))
        }
        if !candidates.isEmpty, fields.onDuplicate != "create" { return .duplicates(candidates) }
        return .created(try await store.create(input, unitID: unitID, scope: p.scope, actor: p.actor))
    }
}
