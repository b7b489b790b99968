import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// Sign in and out (pages and API tokens), and changing one's own password.
struct AuthRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/login", use: loginForm)
        router.post("/login", use: login)
        router.post("/logout", use: logout)
        router.get("/account/password", use: passwordForm)
        router.post("/account/password", use: changePassword)
        router.post("/api/v1/auth/token", use: token)
        router.delete("/api/v1/auth/token", use: revokeToken)
        router.get("/api/v1/me", use: me)
    }

    enum LoginResult { case ok(Int), wrong, tooMany }

    /// One rule for the page and the API: same message for unknown user, wrong password and
    /// disabled account, so a stranger learns nothing; too many failures lock the login for a while.
    func authenticate(login: String, password: String, ip: String) async throws -> LoginResult {
        let login = login.lowercased().trimmingCharacters(in: .whitespaces)
        let c = services.config
        let recent = try await services.auth.recentFailures(login: login, ip: ip, since: Date() - c.failureWindow)
        if recent.login >= c.maxFailedLogins || recent.ip >= c.maxFailedLogins * 4 { return .tooMany }
        if let cred = try await services.users.credentials(login: login),
           try await Secrets.verifyPassword(password, hash: cred.hash), cred.active {
            try await services.auth.clearFailures(login: login)
            return .ok(cred.id)
        }
        try await services.auth.recordFailure(login: login, ip: ip)
        return .wrong
    }

    @Sendable func loginForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.principal != nil { return PageRenderer.redirect(to: "/") }
        return pages.render("auth/login", title: "Sign in", data: ["next": safeNext(request.query("next"))], context: context, request: request)
    }

    /// Only local paths, so the login page cannot be used to bounce users elsewhere.
    func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let login = form["login"] ?? "", password = form["password"] ?? "", next = safeNext(form["next"])
        // A form interrupted by the end of a session travels through the login as `resume:` fields.
        let resumeAction = form["resume_action"].map(safeNext)
        let resumed = form.rows.filter { $0["name"]!.hasPrefix("resume:") }.map { ["name": String($0["name"]!.dropFirst(7)), "value": $0["value"]!] }
        func again(_ message: String, _ status: HTTPResponse.Status) -> Response {
            var data: [String: Any] = ["next": next, "login": login, "error": message, "resume": resumed]
            if let resumeAction { data["resumeAction"] = resumeAction }
            return pages.render("auth/login", title: "Sign in", data: data, context: context, request: request, status: status)
        }
        if login.isEmpty || password.isEmpty { return again("Enter your login and password.", .unprocessableContent) }
        switch try await authenticate(login: login, password: password, ip: context.clientIP) {
        case .tooMany:
            return again("Too many failed attempts. Wait 15 minutes or ask an administrator to reset your password.", .tooManyRequests)
        case .wrong:
            return again("The login or password is not right, or the account is disabled.", .unauthorized)
        case let .ok(userID):
            let token = Secrets.token(), csrf = Secrets.token()
            try await services.auth.createToken(kind: .session, tokenHash: Secrets.hash(token), userID: userID, csrfToken: csrf, lifetime: services.config.sessionLifetime)
            var response = PageRenderer.redirect(to: next)
            if let resumeAction {
                response = pages.render("auth/resume", title: "Send what you typed", data: ["action": resumeAction, "fields": resumed, "resumeCsrf": csrf], context: context, request: request)
            }
            response.setCookie(Cookie(name: AuthMiddleware.sessionCookie, value: token, maxAge: Int(services.config.sessionLifetime), path: "/", httpOnly: true, sameSite: .lax))
            return response
        }
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let p = context.principal, context.viaSession { try await services.auth.deleteToken(tokenHash: p.tokenHash) }
        var response = PageRenderer.redirect(to: "/login", flash: "You are signed out.")
        response.setCookie(Cookie(name: AuthMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func passwordForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.requirePrincipal()
        guard p.userID != nil else { throw AppError.forbidden }
        return pages.render("auth/password", title: "Change password", data: ["minLength": Validate.minimumPasswordLength], context: context, request: request)
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.requirePrincipal()
        guard let userID = p.userID else { throw AppError.forbidden }
        let form = try await FormData.read(request, context: context)
        var errors = ValidationErrors()
        let current = form["current_password"] ?? ""
        if current.isEmpty { errors.add("current_password", "is required") }
        else if !(try await Secrets.verifyPassword(current, hash: try await services.users.passwordHash(userID: userID))) {
            errors.add("current_password", "is not your current password")
        }
        let new = Validate.newPassword(form["new_password"], field: "new_password", into: &errors)
        if let new, form["confirm_password"] != new { errors.add("confirm_password", "does not match the new password") }
        guard errors.isEmpty, let new else {
            return pages.render("auth/password", title: "Change password", data: ["minLength": Validate.minimumPasswordLength, "errors": errors.fields], context: context, request: request, status: .unprocessableContent)
        }
        let hash = try await Secrets.hashPassword(new, cost: services.config.bcryptCost)
        try await services.users.setPassword(userID, hash: hash, scope: .everything, actor: p.actor, keepTokenHash: p.tokenHash)
        return PageRenderer.redirect(to: "/", flash: "Your password is changed. Other sessions are signed out.")
    }

    struct TokenRequest: APIInput {
        var username: String
        var password: String
        static let fields: Set<String> = ["username", "password"]
    }

    struct TokenResponse: Encodable { var token: String; var expiresAt: String }

    @Sendable func token(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(TokenRequest.self, from: request, context: context)
        switch try await authenticate(login: body.username, password: body.password, ip: context.clientIP) {
        case .tooMany: throw AppError.tooManyRequests("Too many failed attempts for this login; wait 15 minutes.")
        case .wrong: throw AppError.unauthenticated
        case let .ok(userID):
            let token = Secrets.token()
            let lifetime = services.config.tokenLifetime
            try await services.auth.createToken(kind: .bearer, tokenHash: Secrets.hash(token), userID: userID, csrfToken: "", lifetime: lifetime)
            return try APIResponse.json(TokenResponse(token: token, expiresAt: Clock.string(Date() + lifetime)), status: .created)
        }
    }

    @Sendable func revokeToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.requirePrincipal()
        guard p.apiKeyID == nil, !context.viaSession else { throw AppError.badRequest("Only a bearer token from /api/v1/auth/token can be revoked here.") }
        try await services.auth.deleteToken(tokenHash: p.tokenHash)
        return APIResponse.noContent()
    }

    struct Me: Encodable {
        var id: Int?
        var login: String
        var name: String
        var email: String
        var orgUnit: Unit
        var roles: [String]
        var permissions: [String]
        var modules: [String]
        var apiKey: Bool
        struct Unit: Encodable { var id: Int; var name: String }
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.requirePrincipal()
        let perms = Set(p.permissions.compactMap(Permission.init(rawValue:)))
        return try APIResponse.json(Me(id: p.userID, login: p.login, name: p.name, email: p.email, orgUnit: .init(id: p.orgUnitID, name: p.orgUnitName),
                                       roles: p.roles.sorted(), permissions: p.permissions.sorted(), modules: AppModule.visible(to: perms).map(\.key), apiKey: p.apiKeyID != nil))
    }
}
