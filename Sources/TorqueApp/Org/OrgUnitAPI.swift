import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/org-units`: the network tree as JSON.
struct OrgUnitAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/org-units", use: list)
        router.post("/api/v1/org-units", use: create)
        router.get("/api/v1/org-units/:id", use: show)
        router.patch("/api/v1/org-units/:id", use: update)
        router.delete("/api/v1/org-units/:id", use: delete)
        router.post("/api/v1/org-units/:id/deactivate", use: deactivate)
        router.post("/api/v1/org-units/:id/reactivate", use: reactivate)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.orgRead)
        var errors = ValidationErrors()
        var filter = OrgUnitStore.Filter(query: request.query("q"), includeInactive: try request.choice("include_inactive", in: ["true", "false"]) == "true")
        if let k = request.query("kind") {
            if let kind = OrgUnitKind(rawValue: k) { filter.kind = kind } else { errors.add("kind", "is not a unit kind") }
        }
        filter.parentId = FormValue.int(request.query("parent_id"), field: "parent_id", into: &errors)
        let (limit, _) = try request.pagination(defaultLimit: 500)
        var afterPath: String?
        if let c = request.query("cursor") {
            guard let id = Cursor.decode(c), let unit = try? await services.orgUnits.get(id, scope: p.scope) else {
                throw AppError.invalid(.init(["cursor": "is not a cursor this API gave out"]))
            }
            afterPath = unit.path
        }
        try errors.throwIfAny()
        // Tree order is by path, so the cursor names the last unit and the next page starts after its path.
        let units = try await services.orgUnits.list(scope: p.scope, filter: filter, limit: limit + 1, afterPath: afterPath)
        return try APIResponse.list(Page(fetched: units, limit: limit, id: \.id))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.orgRead)
        return try APIResponse.json(try await services.orgUnits.get(try context.id(), scope: p.scope))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.orgWrite)
        let fields = try await JSONBody.decode(OrgUnitFields.self, from: request, context: context)
        var errors = ValidationErrors()
        if fields.parentId == nil { errors.add("parent_id", "is required") }
        guard let input = fields.validated(errors: &errors), errors.isEmpty else { throw AppError.invalid(errors) }
        let unit = try await services.orgUnits.create(input, scope: p.scope, actor: p.actor)
        var response = try APIResponse.json(unit, status: .created)
        response.headers[.location] = "/api/v1/org-units/\(unit.id)"
        return response
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.orgWrite)
        let id = try context.id()
        let current = try await services.orgUnits.get(id, scope: p.scope)
        let (patch, keys) = try await JSONBody.decodeWithKeys(OrgUnitFields.self, from: request, context: context)
        var errors = ValidationErrors()
        guard let input = OrgUnitFields.merged(current, patch: keys, with: patch).validated(errors: &errors) else { throw AppError.invalid(errors) }
        return try APIResponse.json(try await services.orgUnits.update(id, input, scope: p.scope, actor: p.actor))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.orgWrite)
        try await services.orgUnits.delete(try context.id(), scope: p.scope, actor: p.actor)
        return APIResponse.noContent()
    }

    @Sendable func deactivate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.orgWrite)
        return try APIResponse.json(try await services.orgUnits.setActive(try context.id(), false, scope: p.scope, actor: p.actor))
    }

    @Sendable func reactivate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.orgWrite)
        return try APIResponse.json(try await services.orgUnits.setActive(try context.id(), true, scope: p.scope, actor: p.actor))
    }
}
