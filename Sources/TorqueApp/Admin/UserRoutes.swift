import Hummingbird
import TorqueDomain
import TorqueStore

/// `/admin/users`: list, create, edit, disable, and reset a password.
struct UserRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/users", use: index)
        router.get("/admin/users/new", use: newForm)
        router.post("/admin/users", use: create)
        router.get("/admin/users/:id", use: show)
        router.get("/admin/users/:id/edit", use: editForm)
        router.post("/admin/users/:id", use: update)
        router.post("/admin/users/:id/password", use: resetPassword)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.usersRead)
        let (limit, after) = try request.pagination()
        let q = request.query("q")
        let active: Bool? = request.query("active").map { $0 == "true" }
        // People are looked up by name at the counter, so the page lists them by name.
        let page = try await services.users.list(scope: p.scope, filter: .init(query: q, active: active), sort: .init(field: "name"), limit: limit, afterID: after)
        let units = try await services.orgUnits.names(ids: Array(Set(page.items.map(\.orgUnitId))))
        var next: String?
        if let c = page.nextCursor {
            next = "/admin/users?cursor=\(c)" + (q.map { "&q=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } ?? "") + (active.map { "&active=\($0)" } ?? "")
        }
        return pages.render("admin/users", title: "People", data: [
            "users": page.items.map { ["id": $0.id, "name": $0.name, "login": $0.login, "email": $0.email, "unit": units[$0.orgUnitId] ?? "", "roles": $0.roles.joined(separator: ", "), "active": $0.active] as [String: Any] },
            "empty": page.items.isEmpty, "q": q ?? "", "next": next ?? "", "hasNext": next != nil, "canWrite": p.can(.usersWrite),
            "activeAll": active == nil, "activeYes": active == true, "activeNo": active == false,
        ], context: context, request: request)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.usersRead)
        let user = try await services.users.get(try context.id(), scope: p.scope)
        let unitName = try await services.orgUnits.names(ids: [user.orgUnitId])[user.orgUnitId] ?? ""
        let history = p.can(.auditRead) ? try await services.audit.history(recordType: "user", recordID: user.id, scope: p.scope, limit: 20).items : []
        let roles = try await services.roles.all()
        return pages.render("admin/user", title: user.name, data: [
            "user": ["id": user.id, "name": user.name, "login": user.login, "email": user.email, "active": user.active, "unit": unitName, "unitId": user.orgUnitId,
                     "roles": user.roles.map { key in roles.first { $0.key == key }?.name ?? key }.joined(separator: ", ")] as [String: Any],
            "canWrite": p.can(.usersWrite), "history": AuditView.rows(history, timeZone: p.timeZone), "hasHistory": !history.isEmpty, "canAudit": p.can(.auditRead),
            "minLength": Validate.minimumPasswordLength, "errors": [String: String](),
        ], context: context, request: request)
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.usersWrite)
        return try await form(UserFields(orgUnitId: request.query("org_unit_id").flatMap(Int.init) ?? p.orgUnitID, roles: []), errors: .init(), userID: nil, principal: p, context: context, request: request)
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.usersWrite)
        let user = try await services.users.get(try context.id(), scope: p.scope)
        return try await form(UserFields(user), errors: .init(), userID: user.id, principal: p, context: context, request: request)
    }

    func form(_ f: UserFields, errors: ValidationErrors, userID: Int?, principal p: Principal, context: AppRequestContext, request: Request) async throws -> Response {
        let units = try await services.orgUnits.list(scope: p.scope, limit: 2000)
        let roles = try await services.roles.all().filter { Set($0.permissions).isSubset(of: p.permissions) }
        let base = OrgPath.depth(of: p.orgUnitPath)
        return pages.render("admin/user_form", title: userID == nil ? "New person" : "Edit person", data: [
            "isNew": userID == nil, "id": userID ?? 0, "action": userID.map { "/admin/users/\($0)" } ?? "/admin/users",
            "login": f.login ?? "", "name": f.name ?? "", "email": f.email ?? "", "active": f.active ?? true,
            "units": units.map { ["id": $0.id, "label": String(repeating: "· ", count: max(0, $0.depth - base)) + $0.name, "selected": $0.id == f.orgUnitId] as [String: Any] },
            "roles": roles.map { ["key": $0.key, "name": $0.name, "checked": (f.roles ?? []).contains($0.key)] as [String: Any] },
            "minLength": Validate.minimumPasswordLength, "errors": errors.fields, "hasErrors": !errors.isEmpty,
        ], context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func save(_ request: Request, context: AppRequestContext, userID: Int?) async throws -> Response {
        let p = try context.require(.usersWrite)
        if let userID { _ = try await services.users.get(userID, scope: p.scope) }
        let formData = try await FormData.read(request, context: context)
        var errors = ValidationErrors()
        let fields = UserFields(orgUnitId: FormValue.int(formData["org_unit_id"], field: "org_unit_id", into: &errors), login: formData["login"], name: formData["name"], email: formData["email"],
                                roles: formData.all("roles"), active: userID == nil ? true : formData["active"] == "on", password: formData["password"])
        guard let (input, password) = fields.validated(allRoles: try await services.roles.all(), granter: p, requirePassword: userID == nil, errors: &errors) else {
            return try await form(fields, errors: errors, userID: userID, principal: p, context: context, request: request)
        }
        if let userID, userID == p.userID, !input.active {
            return try await form(fields, errors: ValidationErrors(["active": "you cannot disable your own account"]), userID: userID, principal: p, context: context, request: request)
        }
        do {
            let user: User
            if let userID {
                user = try await services.users.update(userID, input, scope: p.scope, actor: p.actor)
            } else {
                let hash = try await Secrets.hashPassword(password!, cost: services.config.bcryptCost)
                user = try await services.users.create(input, passwordHash: hash, scope: p.scope, actor: p.actor)
            }
            return PageRenderer.redirect(to: "/admin/users/\(user.id)", flash: userID == nil ? "\(user.name) can now sign in as \(user.login)." : "Saved.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await form(fields, errors: ValidationErrors(AppError.from(e)!.fields), userID: userID, principal: p, context: context, request: request)
        }
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await save(request, context: context, userID: nil)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await save(request, context: context, userID: try context.id())
    }

    @Sendable func resetPassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.usersWrite)
        let id = try context.id()
        let user = try await services.users.get(id, scope: p.scope)
        let form = try await FormData.read(request, context: context)
        var errors = ValidationErrors()
        guard let password = Validate.newPassword(form["password"], into: &errors) else {
            return PageRenderer.redirect(to: "/admin/users/\(id)", flash: "Password not changed: it \(errors.fields["password"] ?? "is not valid").")
        }
        try await services.users.setPassword(id, hash: try await Secrets.hashPassword(password, cost: services.config.bcryptCost), scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/admin/users/\(id)", flash: "New password set for \(user.name); their sessions are signed out.")
    }
}
