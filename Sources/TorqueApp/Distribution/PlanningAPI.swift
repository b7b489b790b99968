import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// Warning flags (BI-5), the distribution plan (DIST-5) and the production plan (PROD-3).
struct PlanningAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/flags", use: flags)
        router.post("/api/v1/flags/:id/clear", use: clear)
        router.get("/api/v1/distribution-plan", use: distributionPlan)
        router.get("/api/v1/production-plan", use: productionPlan)
    }

    @Sendable func flags(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.distributionRead, .reportsRead])
        let (limit, after) = try request.pagination()
        return try APIResponse.list(try await services.flags.list(scope: p.scope, open: request.query("cleared") != "true", limit: limit, after: after))
    }

    @Sendable func clear(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        let id = try context.id()
        _ = try await services.flags.get(id, scope: p.scope)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        return try APIResponse.json(try await services.flags.clear(id, scope: p.scope, actor: p.actor))
    }

    @Sendable func distributionPlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionRead)
        return try APIResponse.json(try await services.planning.distributionPlan(scope: p.scope))
    }

    struct ProductionPlan: Encodable {
        var month: String
        var targetDaysOfSupply: Int
        var workingDays: Int
        var models: [PlanningStore.ModelAdvice]
    }

    @Sendable func productionPlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.productionRead)
        let plan = try await services.planning.productionPlan()
        return try APIResponse.json(ProductionPlan(month: plan.month, targetDaysOfSupply: ProductionAdvice.targetDaysOfSupply, workingDays: ProductionAdvice.workingDays, models: plan.models))
    }
}

/// The hourly watch of dealers' months (BI-5): flags last month's sales below target.
struct RaiseSalesFlags: JobHandler {
    static let kindName = "distribution.sales_flags"
    var kind: String { Self.kindName }

    func run(_ job: Job, services: AppServices) async throws {
        try await services.flags.raiseSalesFlags(month: SalesMonth.adding(-1, to: String(Clock.today().prefix(7))))
    }
}
