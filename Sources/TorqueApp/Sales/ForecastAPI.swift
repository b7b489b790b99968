import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/targets` and `/api/v1/reports/sales-forecast` (SALES-3): monthly targets per
/// salesperson, dealer and region, and the weighted pipeline forecast against them.
struct ForecastAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/reports/sales-forecast", use: forecast)
        router.get("/api/v1/targets", use: targets)
        router.put("/api/v1/targets", use: setTargets)
    }

    /// `?month=2026-11`, by default the caller's current month.
    static func month(_ request: Request, timeZone: String) throws -> String {
        guard let m = request.query("month") else { return SalesMonth.of(day: ContactFields.today(in: timeZone)) }
        guard SalesMonth.parse(m) != nil else { throw AppError.invalid(.init(["month": "must be a month like 2026-11"])) }
        return m
    }

    func report(_ request: Request, principal p: Principal) async throws -> ForecastReport {
        let unit = try request.positiveID("org_unit_id") ?? p.orgUnitID
        return try await services.forecasts.report(unitID: unit, month: try Self.month(request, timeZone: p.timeZone),
                                                   currentMonth: SalesMonth.of(day: ContactFields.today(in: p.timeZone)), scope: p.scope)
    }

    @Sendable func forecast(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        return try APIResponse.json(try await report(request, principal: p))
    }

    @Sendable func targets(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let unit = try request.positiveID("org_unit_id") ?? p.orgUnitID
        return try APIResponse.list(try await services.forecasts.targets(unitID: unit, month: try Self.month(request, timeZone: p.timeZone), scope: p.scope))
    }

    struct TargetFields: Decodable {
        var orgUnitId: Int?
        var userId: Int?
        var month: String?
        var units: Int?
        var revenueMinor: Int?
    }

    struct Body: APIInput {
        var targets: [TargetFields]?
        static let fields: Set<String> = ["targets"]
    }

    @Sendable func setTargets(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.targetsWrite)
        let body = try await JSONBody.decode(Body.self, from: request, context: context)
        guard let list = body.targets else { throw AppError.invalid(.init(["targets": "is required"])) }
        var errors = ValidationErrors()
        var out: [SalesTarget] = []
        for (i, t) in list.enumerated() {
            if t.month == nil { errors.add("targets[\(i)].month", "is required") }
            if t.units == nil { errors.add("targets[\(i)].units", "is required") }
            if t.revenueMinor == nil { errors.add("targets[\(i)].revenue_minor", "is required") }
            out.append(SalesTarget(orgUnitId: t.orgUnitId ?? p.orgUnitID, userId: t.userId, month: t.month ?? "", units: t.units ?? 0, revenueMinor: t.revenueMinor ?? 0))
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        return try APIResponse.list(try await services.forecasts.set(out, scope: p.scope, actor: p.actor))
    }
}
