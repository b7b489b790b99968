import Hummingbird
import TorqueDomain
import TorqueStore

/// The outbox: every message sent or waiting, of the caller's part of the network.
struct OutboxRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    static let states = ["queued", "sent", "retrying", "failed", "stored"]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/outbox", use: index)
        router.get("/admin/outbox/:id", use: show)
        router.get("/api/v1/outbox-messages", use: list)
        router.get("/api/v1/outbox-messages/:id", use: get)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.jobsAdmin)
        let (limit, after) = try request.pagination()
        let state = try request.choice("state", in: Self.states)
        let page = try await services.outbox.list(scope: p.scope, state: state, limit: limit, afterID: after)
        return pages.render("admin/outbox", title: "Outbox", data: [
            "messages": page.items.map { ["id": $0.id, "recipient": $0.recipient, "subject": $0.subject, "state": $0.state, "created": $0.createdAt, "error": $0.error ?? ""] as [String: Any] },
            "empty": page.items.isEmpty, "smtp": services.config.smtpURL != nil,
            "states": Self.states.map { ["name": $0, "current": $0 == state] as [String: Any] },
            "next": page.nextCursor.map { "/admin/outbox?cursor=\($0)" + (state.map { "&state=\($0)" } ?? "") } ?? "",
        ], context: context, request: request)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.jobsAdmin)
        let m = try await services.outbox.get(try context.id(), scope: p.scope)
        return pages.render("admin/outbox_message", title: m.subject, data: [
            "m": ["id": m.id, "recipient": m.recipient, "subject": m.subject, "body": m.body, "state": m.state, "error": m.error ?? "", "created": m.createdAt, "sent": m.sentAt ?? "", "channel": m.channel] as [String: Any],
        ], context: context, request: request)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.jobsAdmin)
        let (limit, after) = try request.pagination()
        return try APIResponse.list(try await services.outbox.list(scope: p.scope, state: try request.choice("state", in: Self.states), limit: limit, afterID: after))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.jobsAdmin)
        return try APIResponse.json(try await services.outbox.get(try context.id(), scope: p.scope))
    }
}
