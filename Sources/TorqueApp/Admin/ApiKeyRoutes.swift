import Hummingbird
import TorqueDomain
import TorqueStore

/// Integration API keys (INT-2): created with a role and a unit, shown once, revocable.
struct ApiKeyRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/api-keys", use: index)
        router.post("/admin/api-keys", use: createForm)
        router.post("/admin/api-keys/:id/revoke", use: revokeForm)
        router.get("/api/v1/api-keys", use: list)
        router.post("/api/v1/api-keys", use: create)
        router.post("/api/v1/api-keys/:id/revoke", use: revoke)
    }

    struct KeyFields: APIInput {
        var name: String?
        var role: String?
        var orgUnitId: Int?
        static let fields: Set<String> = ["name", "role", "org_unit_id"]
    }

    struct CreatedKey: Encodable {
        var apiKey: ApiKey
        /// The secret, shown only in this response.
        var key: String
    }

    func make(_ f: KeyFields, principal p: Principal) async throws -> CreatedKey {
        var errors = ValidationErrors()
        let name = Validate.text(f.name, field: "name", limit: 100, into: &errors)
        let roles = try await services.roles.all()
        let role = roles.first { $0.key == f.role }
        if role == nil { errors.add("role", f.role == nil ? "is required" : "is not a role") }
        if let role, !Set(role.permissions).isSubset(of: p.permissions) { errors.add("role", "you cannot grant a role with permissions you do not hold") }
        try errors.throwIfAny()
        let secret = Secrets.token(prefix: "tqk_")
        let key = try await services.apiKeys.create(name: name!, orgUnitID: f.orgUnitId ?? p.orgUnitID, roleID: role!.id, prefix: String(secret.prefix(10)),
                                                    tokenHash: Secrets.hash(secret), scope: p.scope, actor: p.actor)
        return CreatedKey(apiKey: key, key: secret)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.apiKeysWrite)
        return try await page(principal: p, created: nil, errors: .init(), context: context, request: request)
    }

    func page(principal p: Principal, created: CreatedKey?, errors: ValidationErrors, form: KeyFields = KeyFields(), context: AppRequestContext, request: Request) async throws -> Response {
        let keys = try await services.apiKeys.list(scope: p.scope)
        let roles = try await services.roles.all()
        let units = try await services.orgUnits.list(scope: p.scope, limit: 2000)
        let unitNames = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.name) })
        var data: [String: Any] = [
            "keys": keys.map { k in ["id": k.id, "name": k.name, "prefix": k.prefix, "role": roles.first { $0.id == k.roleId }?.name ?? "", "unit": unitNames[k.orgUnitId] ?? "",
                                     "created": k.createdAt, "lastUsed": k.lastUsedAt ?? "never", "revoked": k.revokedAt != nil] as [String: Any] },
            "empty": keys.isEmpty,
            "roles": roles.filter { Set($0.permissions).isSubset(of: p.permissions) }.map { ["key": $0.key, "name": $0.name, "selected": $0.key == form.role] as [String: Any] },
            "units": units.map { ["id": $0.id, "name": $0.name, "selected": $0.id == (form.orgUnitId ?? p.orgUnitID)] as [String: Any] },
            "name": form.name ?? "", "errors": errors.fields,
        ]
        if let created { data["created"] = ["name": created.apiKey.name, "key": created.key] }
        return pages.render("admin/api_keys", title: "API keys", data: data, context: context, request: request, status: errors.isEmpty ? (created == nil ? .ok : .created) : .unprocessableContent)
    }

    @Sendable func createForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.apiKeysWrite)
        let form = try await FormData.read(request, context: context)
        var errors = ValidationErrors()
        let fields = KeyFields(name: form["name"], role: form["role"], orgUnitId: FormValue.int(form["org_unit_id"], field: "org_unit_id", into: &errors))
        do {
            try errors.throwIfAny()
            // Shown on this response only (not after a redirect): the secret must never sit in a cookie or URL.
            return try await page(principal: p, created: try await make(fields, principal: p), errors: .init(), context: context, request: request)
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await page(principal: p, created: nil, errors: ValidationErrors(AppError.from(e)!.fields), form: fields, context: context, request: request)
        }
    }

    @Sendable func revokeForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.apiKeysWrite)
        let key = try await services.apiKeys.revoke(try context.id(), scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/admin/api-keys", flash: "Key \(key.name) is revoked; calls with it now fail.")
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.apiKeysWrite)
        return try APIResponse.list(try await services.apiKeys.list(scope: p.scope))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.apiKeysWrite)
        let fields = try await JSONBody.decode(KeyFields.self, from: request, context: context)
        return try APIResponse.json(try await make(fields, principal: p), status: .created)
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.apiKeysWrite)
        return try APIResponse.json(try await services.apiKeys.revoke(try context.id(), scope: p.scope, actor: p.actor))
    }
}
