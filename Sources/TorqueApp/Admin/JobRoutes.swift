import Hummingbird
import TorqueDomain
import TorqueStore

/// Background jobs for administrators: counts by state, the dead letters, retry.
/// Jobs are system work, not records of a unit, so they are not scoped; only `admin.jobs` sees them.
struct JobRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    static let states = ["queued", "running", "done", "dead"]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/jobs", use: index)
        router.post("/admin/jobs/:id/retry", use: retryForm)
        router.get("/api/v1/jobs", use: list)
        router.post("/api/v1/jobs/:id/retry", use: retry)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.jobsAdmin)
        let state = try request.choice("state", in: Self.states) ?? "dead"
        let (limit, after) = try request.pagination()
        let page = try await services.jobs.list(state: state, limit: limit, afterID: after)
        let counts = try await services.jobs.counts()
        return pages.render("admin/jobs", title: "Jobs", data: [
            "states": Self.states.map { ["name": $0, "count": counts[$0] ?? 0, "current": $0 == state] as [String: Any] },
            "state": state, "isDead": state == "dead",
            "jobs": page.items.map { ["id": $0.id, "kind": $0.kind, "attempts": $0.attempts, "maxAttempts": $0.maxAttempts, "runAt": $0.runAt, "error": $0.lastError ?? "", "payload": $0.payload] as [String: Any] },
            "empty": page.items.isEmpty, "next": page.nextCursor.map { "/admin/jobs?state=\(state)&cursor=\($0)" } ?? "",
        ], context: context, request: request)
    }

    @Sendable func retryForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.jobsAdmin)
        let job = try await services.jobs.retry(try context.id())
        return PageRenderer.redirect(to: "/admin/jobs?state=dead", flash: "Job \(job.id) (\(job.kind)) is queued again.")
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.jobsAdmin)
        let (limit, after) = try request.pagination()
        return try APIResponse.list(try await services.jobs.list(state: try request.choice("state", in: Self.states), limit: limit, afterID: after))
    }

    @Sendable func retry(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.jobsAdmin)
        return try APIResponse.json(try await services.jobs.retry(try context.id()))
    }
}
