import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/appraisals` (QUOTE-3): used cars offered in part exchange, with their condition at
/// quote, delivery and resale.
struct AppraisalAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/appraisals", use: list)
        router.post("/api/v1/appraisals", use: create)
        router.get("/api/v1/appraisals/:id", use: show)
        router.post("/api/v1/appraisals/:id/reports", use: report)
    }

    /// Appraises from the fields (API or form) at the caller's unit or the one named.
    func appraise(_ f: AppraisalFields, principal p: Principal) async throws -> Appraisal {
        let input = try f.validated(decoder: services.vinDecoder, currentYear: VinAPI.currentYear(), actor: p.actor)
        return try await services.appraisals.create(input, currency: Money.currency(forCountry: p.country), unitID: f.orgUnitId ?? p.orgUnitID, scope: p.scope, actor: p.actor)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let (limit, after) = try request.pagination()
        let status = try request.choice("status", in: AppraisalStatus.allCases.map(\.rawValue)).flatMap(AppraisalStatus.init(rawValue:))
        return try APIResponse.list(try await services.appraisals.list(customerID: try request.positiveID("customer_id"), status: status, scope: p.scope, limit: limit, afterID: after))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        return try APIResponse.json(try await services.appraisals.get(try context.id(), scope: p.scope))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let a = try await appraise(try await JSONBody.decode(AppraisalFields.self, from: request, context: context), principal: p)
        var response = try APIResponse.json(a, status: .created)
        response.headers[.location] = "/api/v1/appraisals/\(a.id)"
        return response
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let id = try context.id()
        _ = try await services.appraisals.get(id, scope: p.scope)
        let r = try await JSONBody.decode(ConditionReportFields.self, from: request, context: context).validated(actor: p.actor)
        return try APIResponse.json(try await services.appraisals.record(r, appraisalID: id, scope: p.scope, actor: p.actor), status: .created)
    }
}
