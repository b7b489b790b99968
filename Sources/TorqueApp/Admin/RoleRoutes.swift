import Hummingbird
import TorqueDomain
import TorqueStore

/// Roles as pages (`/admin/roles`) and JSON (`/api/v1/roles`); custom roles are editable.
struct RoleRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/roles", use: index)
        router.get("/admin/roles/new", use: newForm)
        router.post("/admin/roles", use: createForm)
        router.get("/admin/roles/:id/edit", use: editForm)
        router.post("/admin/roles/:id", use: updateForm)
        router.post("/admin/roles/:id/delete", use: deleteForm)
        router.get("/api/v1/roles", use: list)
        router.post("/api/v1/roles", use: create)
        router.get("/api/v1/roles/:id", use: show)
        router.patch("/api/v1/roles/:id", use: update)
        router.delete("/api/v1/roles/:id", use: delete)
    }

    struct RoleFields: APIInput {
        var key: String?
        var name: String?
        var permissions: [String]?
        static let fields: Set<String> = ["key", "name", "permissions"]

        func validated(errors: inout ValidationErrors) -> (String, String, Set<Permission>)? {
            let key = Validate.login(key, into: &errors)
            if let e = errors.fields.removeValue(forKey: "login") { errors.add("key", e) }
            let name = Validate.text(name, field: "name", limit: 100, into: &errors)
            var perms = Set<Permission>()
            switch Permission.parse(permissions ?? []) {
            case let .success(p): perms = p
            case let .failure(problem): errors.add("permissions", problem.message)
            }
            if perms.isEmpty, errors.fields["permissions"] == nil { errors.add("permissions", "choose at least one permission") }
            guard errors.isEmpty, let key, let name else { return nil }
            return (key, name, perms)
        }
    }

    // MARK: pages

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.usersRead, .rolesWrite])
        let roles = try await services.roles.all()
        return pages.render("admin/roles", title: "Roles", data: [
            "roles": roles.map { ["id": $0.id, "key": $0.key, "name": $0.name, "builtIn": $0.builtIn, "permissions": $0.permissions.joined(separator: ", ")] as [String: Any] },
            "canWrite": p.can(.rolesWrite),
        ], context: context, request: request)
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.rolesWrite)
        var fields = RoleFields()
        if let copy = request.query("copy"), let role = try await services.roles.byKey(copy) {
            fields = RoleFields(key: role.key + "_custom", name: role.name + " (custom)", permissions: role.permissions)
        }
        return form(fields, errors: .init(), roleID: nil, context: context, request: request)
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.rolesWrite)
        let role = try await services.roles.get(try context.id())
        if role.builtIn { return PageRenderer.redirect(to: "/admin/roles/new?copy=\(role.key)", flash: "Built-in roles are fixed; here is a copy to adapt.") }
        return form(RoleFields(key: role.key, name: role.name, permissions: role.permissions), errors: .init(), roleID: role.id, context: context, request: request)
    }

    func form(_ f: RoleFields, errors: ValidationErrors, roleID: Int?, context: AppRequestContext, request: Request) -> Response {
        let chosen = Set(f.permissions ?? [])
        return pages.render("admin/role_form", title: roleID == nil ? "New role" : "Edit role", data: [
            "isNew": roleID == nil, "id": roleID ?? 0, "action": roleID.map { "/admin/roles/\($0)" } ?? "/admin/roles",
            "key": f.key ?? "", "name": f.name ?? "",
            "permissions": Permission.allCases.map { ["value": $0.rawValue, "checked": chosen.contains($0.rawValue)] as [String: Any] },
            "errors": errors.fields, "hasErrors": !errors.isEmpty,
        ], context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func saveForm(_ request: Request, context: AppRequestContext, roleID: Int?) async throws -> Response {
        let p = try context.require(.rolesWrite)
        let formData = try await FormData.read(request, context: context)
        let fields = RoleFields(key: formData["key"], name: formData["name"], permissions: formData.all("permissions"))
        var errors = ValidationErrors()
        guard let (key, name, perms) = fields.validated(errors: &errors) else { return form(fields, errors: errors, roleID: roleID, context: context, request: request) }
        do {
            let role = try await services.roles.save(id: roleID, key: key, name: name, permissions: perms, actor: p.actor, auditUnit: p.orgUnitID)
            return PageRenderer.redirect(to: "/admin/roles", flash: "Role \(role.name) saved.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return form(fields, errors: ValidationErrors(AppError.from(e)!.fields), roleID: roleID, context: context, request: request)
        }
    }

    @Sendable func createForm(_ request: Request, context: AppRequestContext) async throws -> Response { try await saveForm(request, context: context, roleID: nil) }
    @Sendable func updateForm(_ request: Request, context: AppRequestContext) async throws -> Response { try await saveForm(request, context: context, roleID: try context.id()) }

    @Sendable func deleteForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.rolesWrite)
        do {
            try await services.roles.delete(try context.id(), actor: p.actor, auditUnit: p.orgUnitID)
        } catch StoreError.conflict(_, let message) {
            return PageRenderer.redirect(to: "/admin/roles", flash: "Not deleted: \(message).")
        }
        return PageRenderer.redirect(to: "/admin/roles", flash: "Role deleted.")
    }

    // MARK: API

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(anyOf: [.usersRead, .rolesWrite])
        return try APIResponse.list(try await services.roles.all())
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(anyOf: [.usersRead, .rolesWrite])
        return try APIResponse.json(try await services.roles.get(try context.id()))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.rolesWrite)
        var errors = ValidationErrors()
        guard let (key, name, perms) = try await JSONBody.decode(RoleFields.self, from: request, context: context).validated(errors: &errors) else { throw AppError.invalid(errors) }
        return try APIResponse.json(try await services.roles.save(id: nil, key: key, name: name, permissions: perms, actor: p.actor, auditUnit: p.orgUnitID), status: .created)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.rolesWrite)
        let id = try context.id()
        let current = try await services.roles.get(id)
        let (patch, keys) = try await JSONBody.decodeWithKeys(RoleFields.self, from: request, context: context)
        let merged = RoleFields(key: keys["key"] != nil ? patch.key : current.key, name: keys["name"] != nil ? patch.name : current.name,
                                permissions: keys["permissions"] != nil ? patch.permissions : current.permissions)
        var errors = ValidationErrors()
        guard let (key, name, perms) = merged.validated(errors: &errors) else { throw AppError.invalid(errors) }
        return try APIResponse.json(try await services.roles.save(id: id, key: key, name: name, permissions: perms, actor: p.actor, auditUnit: p.orgUnitID))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.rolesWrite)
        try await services.roles.delete(try context.id(), actor: p.actor, auditUnit: p.orgUnitID)
        return APIResponse.noContent()
    }
}
