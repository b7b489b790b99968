import Foundation
import Hummingbird
import TorqueStore

/// Finds the caller from the session cookie or an `Authorization: Bearer` token or API key,
/// and enforces CSRF on state-changing requests that ride on the session cookie.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices

    static let sessionCookie = "torque_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        // Public endpoints (a dealer's web form) answer visitors, never a session or token.
        if request.uri.path.hasPrefix(PublicLeadForm.prefix) { return try await next(request, context) }
        // Behind a load balancer every peer is the balancer; its last X-Forwarded-For entry is the client.
        if services.config.trustForwardedFor, let forwarded = request.headers[.xForwardedFor],
           let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            context.clientIP = last
        }
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            let hash = Secrets.hash(token)
            if let cached = services.principals.get(hash) {
                context.principal = cached
            } else {
                context.principal = token.hasPrefix("tqk_")
                    ? try await services.apiKeys.principal(tokenHash: hash)
                    : try await services.auth.principal(tokenHash: hash, kind: .bearer)
                if let p = context.principal { services.principals.put(hash, p) }
            }
            // A presented but unknown token is an error, not an anonymous call.
            if context.principal == nil { throw AppError.unauthenticated }
        } else if let cookie = request.cookies[Self.sessionCookie]?.value, !cookie.isEmpty {
            context.principal = try await services.auth.principal(tokenHash: Secrets.hash(cookie), kind: .session)
            context.viaSession = context.principal != nil
            // Sessions slide: one in use never ends in the middle of someone's work day.
            let lifetime = services.config.sessionLifetime
            if let p = context.principal, let ends = p.expiresAt, ends.timeIntervalSinceNow < lifetime / 2 {
                try await services.auth.extendToken(tokenHash: p.tokenHash, until: Date() + lifetime)
            }
        }
        if ![.get, .head, .options].contains(request.method) {
            if context.viaSession {
                try await checkCSRF(&request, context: context)
            } else if context.principal == nil, isForm(request), request.uri.path != "/logout", !request.uri.path.hasPrefix("/api/") {
                if request.cookies[Self.sessionCookie] != nil, !Self.signedOutForms.contains(request.uri.path) {
                    return try await sessionEnded(&request, context: context)
                }
                try await checkAnonymousCSRF(&request, context: context)
            }
        }
        let response = try await next(request, context)
        if PrincipalCache.invalidates(request), response.status.code < 400 { services.principals.removeAll() }
        return response
    }

    /// The token comes in the `X-CSRF-Token` header (scripts) or the `_csrf` form field (forms).
    func checkCSRF(_ request: inout Request, context: Context) async throws {
        guard let expected = context.principal?.csrfToken else { return }
        if let header = request.headers[.xCSRFToken] {
            if Secrets.equal(header, expected) { return }
            throw CSRFError()
        }
        if request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            if let given = FormData(String(buffer: buffer))["_csrf"], Secrets.equal(given, expected) { return }
        }
        throw CSRFError()
    }
}

extension AuthMiddleware {
    static let anonymousCSRFCookie = "torque_csrf"
    static let signedOutForms: Set<String> = ["/login", "/password/forgot", "/password/reset"]

    /// A form sent after the session ran out: sign in again on a page that keeps what was typed,
    /// then send it (see AuthRoutes.login, `resume:` fields).
    func sessionEnded(_ request: inout Request, context: Context) async throws -> Response {
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let typed = FormData(String(buffer: buffer)).rows.filter { $0["name"] != "_csrf" }
        var response = PageRenderer(services: services).render("auth/login", title: "Sign in again", data: [
            "resumeAction": request.uri.path, "resume": typed, "next": request.uri.path,
            "error": "Your session ended. Sign in again; what you typed is kept and you can send it next.",
        ], context: context, request: request, status: .unauthorized)
        response.setCookie(Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
        return response
    }

    func isForm(_ request: Request) -> Bool {
        request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true
    }

    /// Forms shown before sign-in (login, forgotten password) use a double-submit token:
    /// the cookie set with the page must come back as the form's `_csrf` field.
    func checkAnonymousCSRF(_ request: inout Request, context: Context) async throws {
        guard let expected = request.cookies[Self.anonymousCSRFCookie]?.value, !expected.isEmpty else { throw CSRFError() }
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard let given = FormData(String(buffer: buffer))["_csrf"], Secrets.equal(given, expected) else { throw CSRFError() }
    }
}

/// A form or script call without the session's CSRF token.
struct CSRFError: Error {}
