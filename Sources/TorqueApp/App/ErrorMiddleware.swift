import Foundation
import Hummingbird
import Logging
import TorqueStore

/// Turns every error into an answer the caller can use: JSON under /api, a page elsewhere.
/// Nothing a user can cause reaches them as a bare 500.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let appError: AppError
            if let e = AppError.from(error) {
                appError = e
            } else if error is CSRFError {
                appError = .forbidden
                if !isAPI(request) { return page(.forbidden, title: "This form has expired", message: "The page was open too long or came from elsewhere. Go back, reload it and send it again.", request: request, context: context) }
            } else if let http = error as? HTTPError {
                appError = http.status == .notFound ? .notFound : (http.status.code < 500 ? .badRequest(http.body ?? http.status.reasonPhrase) : .unavailable("The server could not answer."))
                if http.status.code >= 500 { context.logger.error("http error: \(error)") }
            } else {
                context.logger.error("unexpected error on \(request.method) \(request.uri.path): \(String(reflecting: error))")
                if isAPI(request) {
                    return APIResponse.error(.unavailable("Something went wrong on our side; it has been logged.")).withStatus(.internalServerError)
                }
                return page(.internalServerError, title: "Something went wrong", message: "It has been logged. Try again, and tell your administrator if it keeps happening.", request: request, context: context)
            }
            if isAPI(request) { return APIResponse.error(appError) }
            switch appError {
            case .unauthenticated:
                let next = request.uri.path
                return PageRenderer.redirect(to: "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
            case .forbidden:
                return page(.forbidden, title: "Not allowed", message: "Your role does not give access to this page.", request: request, context: context)
            case .notFound:
                return page(.notFound, title: "Not found", message: "There is nothing here, or it is not part of your network.", request: request, context: context)
            default:
                let detail = appError.fields.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "; ")
                return page(appError.status, title: "That did not work", message: appError.message + (detail.isEmpty ? "" : " (" + detail + ")"), request: request, context: context)
            }
        }
    }

    func isAPI(_ request: Request) -> Bool { request.uri.path.hasPrefix("/api/") }

    func page(_ status: HTTPResponse.Status, title: String, message: String, request: Request, context: Context) -> Response {
        PageRenderer(services: services).render("error", title: title, data: ["title": title, "message": message, "status": status.code], context: context, request: request, status: status)
    }
}

extension Response {
    func withStatus(_ status: HTTPResponse.Status) -> Response {
        var r = self
        r.status = status
        return r
    }
}
