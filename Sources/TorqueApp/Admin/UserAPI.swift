import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/users`: people of the caller's part of the network.
struct UserAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/users", use: list)
        router.post("/api/v1/users", use: create)
        router.get("/api/v1/users/:id", use: show)
        router.patch("/api/v1/users/:id", use: update)
        router.post("/api/v1/users/:id/password", use: resetPassword)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.usersRead)
        let (limit, after) = try request.pagination()
        var errors = ValidationErrors()
        let unit = FormValue.int(request.query("org_unit_id"), field: "org_unit_id", into: &errors)
        let active = try request.choice("active", in: ["true", "false"]).map { $0 == "true" }
        var sort = UserStore.Sort()
        if let text = request.query("sort") {
            if let s = UserStore.Sort(text) { sort = s } else { errors.add("sort", "must be one of: " + UserStore.Sort.fields.flatMap { [$0, "-" + $0] }.joined(separator: ", ")) }
        }
        try errors.throwIfAny()
        return try APIResponse.list(try await services.users.list(scope: p.scope, filter: .init(query: request.query("q"), orgUnitId: unit, active: active), sort: sort, limit: limit, afterID: after))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.usersRead)
        return try APIResponse.json(try await services.users.get(try context.id(), scope: p.scope))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.usersWrite)
        let fields = try await JSONBody.decode(UserFields.self, from: request, context: context)
        var errors = ValidationErrors()
        guard let (input, password) = fields.validated(allRoles: try await services.roles.all(), granter: p, requirePassword: true, errors: &errors) else { throw AppError.invalid(errors) }
        let hash = try await Secrets.hashPassword(password!, cost: services.config.bcryptCost)
        let user = try await services.users.create(input, passwordHash: hash, scope: p.scope, actor: p.actor)
        var response = try APIResponse.json(user, status: .created)
        response.headers[.location] = "/api/v1/users/\(user.id)"
        return response
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.usersWrite)
        let id = try context.id()
        let current = try await services.users.get(id, scope: p.scope)
        let (patch, keys) = try await JSONBody.decodeWithKeys(UserFields.self, from: request, context: context)
        if keys["password"] != nil { throw AppError.invalid(.init(["password": "is set with POST /api/v1/users/{id}/password"])) }
        var merged = UserFields(current)
        if keys["org_unit_id"] != nil { merged.orgUnitId = patch.orgUnitId }
        if keys["login"] != nil { merged.login = patch.login }
        if keys["name"] != nil { merged.name = patch.name }
        if keys["email"] != nil { merged.email = patch.email }
        if keys["roles"] != nil { merged.roles = patch.roles }
        if keys["active"] != nil { merged.active = patch.active }
        var errors = ValidationErrors()
        guard let (input, _) = merged.validated(allRoles: try await services.roles.all(), granter: p, requirePassword: false, errors: &errors) else { throw AppError.invalid(errors) }
        if id == p.userID, !input.active { throw AppError.invalid(.init(["active": "you cannot disable your own account"])) }
        return try APIResponse.json(try await services.users.update(id, input, scope: p.scope, actor: p.actor))
    }

    struct PasswordBody: APIInput {
        var password: String?
        static let fields: Set<String> = ["password"]
    }

    /// An administrator sets a new password; the user's sessions and tokens end.
    @Sendable func resetPassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.usersWrite)
        let id = try context.id()
        _ = try await services.users.get(id, scope: p.scope)
        let body = try await JSONBody.decode(PasswordBody.self, from: request, context: context)
        var errors = ValidationErrors()
        guard let password = Validate.newPassword(body.password, into: &errors) else { throw AppError.invalid(errors) }
        try await services.users.setPassword(id, hash: try await Secrets.hashPassword(password, cost: services.config.bcryptCost), scope: p.scope, actor: p.actor)
        return APIResponse.noContent()
    }
}
