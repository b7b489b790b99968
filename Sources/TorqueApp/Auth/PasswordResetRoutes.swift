import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// "Forgot your password?": a one-hour link by e-mail, through the outbox.
struct PasswordResetRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/password/forgot", use: forgotForm)
        router.post("/password/forgot", use: forgot)
        router.get("/password/reset", use: resetForm)
        router.post("/password/reset", use: reset)
    }

    static let sentMessage = "If that account exists, a link to choose a new password is on its way to its e-mail address. It works for one hour."

    @Sendable func forgotForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        pages.render("auth/forgot", title: "Forgot password", context: context, request: request)
    }

    @Sendable func forgot(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let login = (form["login"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if login.isEmpty {
            return pages.render("auth/forgot", title: "Forgot password", data: ["error": "Enter your login."], context: context, request: request, status: .unprocessableContent)
        }
        // The same answer whether or not the login exists, so the form cannot be used to probe accounts.
        let recent = try await services.auth.recentFailures(login: "reset:" + login, ip: context.clientIP, since: Date() - 3600)
        if recent.login < 3, let user = try await services.users.byLogin(login), user.active {
            try await services.auth.recordFailure(login: "reset:" + login, ip: context.clientIP)
            let token = Secrets.token()
            let link = "\(services.config.baseURL)/password/reset?token=\(token)"
            let body = """
                Hello \(user.name),

                someone asked to reset the Torque password of the login \(user.login).
                Choose a new password here (the link works once, for one hour):

                \(link)

                If it was not you, ignore this message: your password stays as it is.
                """
            try await services.passwordResets.create(userID: user.id, orgUnitID: user.orgUnitId, tokenHash: Secrets.hash(token), lifetime: 3600, email: user.email, subject: "Your Torque password", body: body)
        }
        return PageRenderer.redirect(to: "/login", flash: Self.sentMessage)
    }

    @Sendable func resetForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = request.query("token") ?? ""
        let valid = try await services.passwordResets.userID(tokenHash: Secrets.hash(token)) != nil
        return pages.render("auth/reset", title: "Choose a new password", data: ["token": token, "valid": valid, "minLength": Validate.minimumPasswordLength], context: context, request: request, status: valid ? .ok : .notFound)
    }

    @Sendable func reset(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let token = form["token"] ?? ""
        var errors = ValidationErrors()
        let password = Validate.newPassword(form["new_password"], field: "new_password", into: &errors)
        if let password, form["confirm_password"] != password { errors.add("confirm_password", "does not match the new password") }
        guard errors.isEmpty, let password else {
            return pages.render("auth/reset", title: "Choose a new password", data: ["token": token, "valid": true, "minLength": Validate.minimumPasswordLength, "errors": errors.fields], context: context, request: request, status: .unprocessableContent)
        }
        let hash = try await Secrets.hashPassword(password, cost: services.config.bcryptCost)
        guard try await services.passwordResets.consume(tokenHash: Secrets.hash(token), passwordHash: hash) else {
            return pages.render("auth/reset", title: "Choose a new password", data: ["valid": false], context: context, request: request, status: .notFound)
        }
        return PageRenderer.redirect(to: "/login", flash: "Your password is changed. Sign in with the new one.")
    }
}
