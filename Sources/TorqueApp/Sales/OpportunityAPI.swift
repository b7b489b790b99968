import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/opportunities` (SALES-1): list, board, create, edit, move between stages; and
/// `/api/v1/sales-stages`, the pipeline a unit works with.
struct OpportunityAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/opportunities", use: list)
        router.post("/api/v1/opportunities", use: create)
        router.get("/api/v1/opportunities/board", use: board)
        router.get("/api/v1/opportunities/:id", use: show)
        router.patch("/api/v1/opportunities/:id", use: update)
        router.post("/api/v1/opportunities/:id/stage", use: move)
        router.get("/api/v1/sales-stages", use: stages)
        router.put("/api/v1/sales-stages", use: saveStages)
    }

    /// The filter from the query string, shared with the pages.
    static func filter(_ request: Request) throws -> OpportunityFilter {
        var f = OpportunityFilter()
        f.unitID = try request.positiveID("org_unit_id")
        f.ownerID = try request.positiveID("owner_user_id")
        f.customerID = try request.positiveID("customer_id")
        f.stage = request.query("stage")
        f.staleOnly = try request.choice("stale", in: ["true", "false"]) == "true"
        return f
    }

    /// The unit whose stages apply: the one asked for, else the caller's. Another dealer's unit
    /// is not found (its pipeline stays its own).
    func stageUnit(_ request: Request, principal p: Principal) async throws -> Int {
        guard let id = try request.positiveID("org_unit_id") else { return p.orgUnitID }
        _ = try await services.orgUnits.get(id, scope: p.scope)
        return id
    }

    /// The stages of the unit a list or board is asked for.
    func stages(_ request: Request, principal p: Principal) async throws -> [PipelineStage] {
        try await services.salesStages.stages(forUnit: try await stageUnit(request, principal: p))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let (limit, after) = try request.pagination()
        let stages = try await stages(request, principal: p)
        let page = try await services.opportunities.list(try Self.filter(request), stages: stages, today: ContactFields.today(in: p.timeZone), scope: p.scope, limit: limit, afterID: after)
        return try APIResponse.list(page)
    }

    struct ColumnJSON: Encodable {
        var stage: PipelineStage
        var count: Int
        var valueMinor: Int
        var weightedMinor: Int
        var stale: Int
        var opportunities: [Opportunity]
    }

    @Sendable func board(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let stages = try await stages(request, principal: p)
        let columns = try await services.opportunities.board(try Self.filter(request), stages: stages, today: ContactFields.today(in: p.timeZone), scope: p.scope)
        return try APIResponse.list(columns.map {
            ColumnJSON(stage: $0.stage, count: $0.count, valueMinor: $0.valueMinor, weightedMinor: Pipeline.weighted(valueMinor: $0.valueMinor, probability: $0.stage.probability),
                       stale: $0.stale, opportunities: $0.cards)
        })
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        return try APIResponse.json(try await services.opportunities.get(try context.id(), scope: p.scope))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let fields = try await JSONBody.decode(OpportunityFields.self, from: request, context: context)
        let unit = fields.orgUnitId ?? p.orgUnitID
        let stages = try await services.salesStages.stages(forUnit: unit)
        var input = try fields.validated(defaultStage: stages.first { $0.outcome == .open }?.code ?? "new")
        // Like the form: the caller owns what they open at their own unit, unless they name someone.
        if fields.ownerUserId == nil, unit == p.orgUnitID, p.apiKeyID == nil { input.ownerUserId = p.userID }
        let created = try await services.opportunities.create(input, unitID: unit, scope: p.scope, actor: p.actor)
        var response = try APIResponse.json(created, status: .created)
        response.headers[.location] = "/api/v1/opportunities/\(created.id)"
        return response
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let id = try context.id()
        let current = try await services.opportunities.get(id, scope: p.scope)
        let (patch, keys) = try await JSONBody.decodeWithKeys(OpportunityFields.self, from: request, context: context)
        if keys["org_unit_id"] != nil { throw AppError.invalid(.init(["org_unit_id": "cannot change: an opportunity stays with its dealer"])) }
        var f = OpportunityFields(current)
        let merge: [(String, (inout OpportunityFields) -> Void)] = [
            ("customer_id", { $0.customerId = patch.customerId }), ("title", { $0.title = patch.title }), ("stage", { $0.stage = patch.stage }),
            ("owner_user_id", { $0.ownerUserId = patch.ownerUserId }), ("expected_value_minor", { $0.expectedValueMinor = patch.expectedValueMinor }),
            ("close_on", { $0.closeOn = patch.closeOn }), ("vehicle_id", { $0.vehicleId = patch.vehicleId }),
            ("configuration_id", { $0.configurationId = patch.configurationId }), ("lost_reason", { $0.lostReason = patch.lostReason }),
        ]
        for (key, apply) in merge where keys[key] != nil { apply(&f) }
        let input = try f.validated(defaultStage: current.stage)
        return try APIResponse.json(try await services.opportunities.update(id, input, scope: p.scope, actor: p.actor))
    }

    struct MoveFields: APIInput {
        var stage: String?
        var lostReason: String?
        static let fields: Set<String> = ["stage", "lost_reason"]
    }

    @Sendable func move(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let id = try context.id()
        _ = try await services.opportunities.get(id, scope: p.scope)
        let fields = try await JSONBody.decode(MoveFields.self, from: request, context: context)
        guard let stage = fields.stage?.trimmed, !stage.isEmpty else { throw AppError.invalid(.init(["stage": "is required"])) }
        if (fields.lostReason ?? "").count > 500 { throw AppError.invalid(.init(["lost_reason": "must be at most 500 characters"])) }
        return try APIResponse.json(try await services.opportunities.move(id, to: stage, lostReason: fields.lostReason ?? "", scope: p.scope, actor: p.actor))
    }

    @Sendable func stages(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let unit = try await stageUnit(request, principal: p)
        return try APIResponse.list(try await services.salesStages.stages(forUnit: unit))
    }

    struct StagesFields: APIInput {
        var stages: [PipelineStage]?
        static let fields: Set<String> = ["stages"]
    }

    /// Sales managers and dealer principals (those who approve quotes) set the pipeline.
    @Sendable func saveStages(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.quotesApprove)
        let unit = try await stageUnit(request, principal: p)
        let fields = try await JSONBody.decode(StagesFields.self, from: request, context: context)
        guard let stages = fields.stages else { throw AppError.invalid(.init(["stages": "is required"])) }
        return try APIResponse.list(try await services.salesStages.save(unitID: unit, stages: stages, scope: p.scope, actor: p.actor))
    }
}
