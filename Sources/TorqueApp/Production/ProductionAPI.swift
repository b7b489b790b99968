import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// Production and quality (PROD-1, PROD-2): `/api/v1/plants/{id}/production`, `/api/v1/defect-codes`,
/// `/api/v1/qa-inspections`, `/api/v1/defect-alerts`.
struct ProductionAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/plants/:id/production", use: days)
        router.post("/api/v1/plants/:id/production", use: record)
        router.get("/api/v1/defect-codes", use: codes)
        router.post("/api/v1/defect-codes", use: addCode)
        router.get("/api/v1/qa-inspections", use: inspections)
        router.post("/api/v1/qa-inspections", use: inspect)
        router.get("/api/v1/defect-alerts", use: alerts)
        router.get("/api/v1/defect-alerts/:id", use: alert)
        router.post("/api/v1/defect-alerts/:id/close", use: close)
    }

    struct ProductionFields: APIInput {
        var modelId: Int?
        var day: String?
        var units: Int?
        var vins: [String]?
        static let fields: Set<String> = ["model_id", "day", "units", "vins"]
    }

    struct CodeFields: APIInput {
        var code: String?
        var component: String?
        var description: String?
        static let fields: Set<String> = ["code", "component", "description"]
    }

    struct InspectionFields: APIInput {
        var plantId: Int?
        var vin: String?
        var inspectedOn: String?
        var passed: Bool?
        var defects: [String]?
        var note: String?
        static let fields: Set<String> = ["plant_id", "vin", "inspected_on", "passed", "defects", "note"]
    }

    @Sendable func days(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.productionRead)
        let to = request.query("to") ?? Clock.today(), from = request.query("from") ?? CalendarDay.adding(-30, to: to)
        guard CalendarDay.parse(from) != nil, CalendarDay.parse(to) != nil else { throw AppError.invalid(.init(["from": "from and to must be days like 2026-12-03"])) }
        return try APIResponse.list(try await services.production.days(plantID: try context.id(), from: from, to: to, scope: p.scope))
    }

    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.qualityWrite)
        let id = try context.id()
        _ = try await services.production.plantName(id, scope: p.scope)
        let f = try await JSONBody.decode(ProductionFields.self, from: request, context: context)
        let days = try await services.production.record(plantID: id, modelID: f.modelId, day: f.day ?? "", units: f.units, vins: f.vins ?? [], scope: p.scope, actor: p.actor)
        return try APIResponse.list(days)
    }

    @Sendable func codes(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.productionRead)
        return try APIResponse.list(try await services.production.codes())
    }

    @Sendable func addCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.qualityWrite)
        let f = try await JSONBody.decode(CodeFields.self, from: request, context: context)
        return try APIResponse.json(try await services.production.addCode(code: f.code ?? "", component: f.component ?? "", description: f.description ?? "", unitID: p.orgUnitID, actor: p.actor),
                                    status: .created)
    }

    @Sendable func inspections(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.productionRead)
        let (limit, after) = try request.pagination()
        return try APIResponse.list(try await services.production.inspections(scope: p.scope, plantID: request.query("plant_id").flatMap(Int.init), vin: request.query("vin"), limit: limit, after: after))
    }

    @Sendable func inspect(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.qualityWrite)
        let f = try await JSONBody.decode(InspectionFields.self, from: request, context: context)
        do {
            let saved = try await services.production.inspect(plantID: f.plantId ?? p.orgUnitID, vin: f.vin ?? "", day: f.inspectedOn ?? Clock.today(), passed: f.passed ?? false,
                                                              defects: f.defects ?? [], note: f.note ?? "", scope: p.scope, actor: p.actor)
            return try APIResponse.json(saved, status: .created)
        } catch StoreError.notFound { throw AppError.invalid(.init(["plant_id": "is not a plant you record for"])) }
    }

    @Sendable func alerts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.productionRead)
        let (limit, after) = try request.pagination()
        return try APIResponse.list(try await services.defectAlerts.list(scope: p.scope, open: request.query("closed") != "true", limit: limit, after: after))
    }

    struct AlertWithTrend: Encodable {
        struct Week: Encodable { var week: String; var inspections: Int; var defects: Int }
        var alert: DefectAlert
        var trend: [Week]
    }

    @Sendable func alert(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.productionRead)
        let a = try await services.defectAlerts.get(try context.id(), scope: p.scope)
        let trend = try await services.defectAlerts.trend(a)
        return try APIResponse.json(AlertWithTrend(alert: a, trend: trend.map { .init(week: $0.week, inspections: $0.inspections, defects: $0.defects) }))
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.qualityWrite)
        return try APIResponse.json(try await services.defectAlerts.close(try context.id(), scope: p.scope, actor: p.actor))
    }
}

/// The recurring-defect watch (PROD-2), hourly.
struct WatchDefects: JobHandler {
    static let kindName = "production.defects"
    var kind: String { Self.kindName }

    func run(_ job: Job, services: AppServices) async throws {
        try await services.defectAlerts.evaluate()
    }
}
