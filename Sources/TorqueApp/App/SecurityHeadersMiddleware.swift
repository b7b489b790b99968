import HTTPTypes
import Hummingbird

/// Headers every response carries: no framing, no sniffing, a strict content policy.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        // A dealer's website may post inquiries from its own pages' scripts, errors included.
        if request.uri.path.hasPrefix(PublicLeadForm.prefix) { response.headers[.accessControlAllowOrigin] = "*" }
        return response
    }
}

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xCSRFToken = Self("X-CSRF-Token")!
    static let xForwardedFor = Self("X-Forwarded-For")!
}
