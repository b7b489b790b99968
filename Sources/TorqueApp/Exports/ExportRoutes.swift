import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// Export all of a part of the network's data (CUS-8): page under Admin and API.
struct ExportRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/exports", use: index)
        router.post("/admin/exports", use: requestForm)
        router.get("/admin/exports/:id/download", use: download)
        router.get("/api/v1/exports", use: list)
        router.post("/api/v1/exports", use: create)
        router.get("/api/v1/exports/:id", use: show)
        router.get("/api/v1/exports/:id/download", use: download)
    }

    /// The people who answer for a unit's data: those who manage its logins.
    func require(_ context: AppRequestContext) throws -> Principal { try context.require(.usersWrite) }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try require(context)
        let list = try await services.exports.list(scope: p.scope).items
        let running = list.contains { $0.status == "queued" || $0.status == "running" }
        var data: [String: Any] = [
            "unit": p.orgUnitName, "empty": list.isEmpty,
            "exports": list.map { e in
                ["id": e.id, "status": e.status, "done": e.status == "done", "when": AuditView.localTime(e.createdAt, timeZone: p.timeZone), "who": e.userName,
                 "size": e.bytes > 0 ? String(format: "%.1f MB", Double(e.bytes) / 1_000_000) : "", "message": e.message] as [String: Any]
            },
        ]
        if running { data["refresh"] = 2 }
        return pages.render("admin/exports", title: "Export all data", data: data, context: context, request: request)
    }

    @Sendable func requestForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try require(context)
        _ = try await services.exports.request(unitID: p.orgUnitID, userID: p.userID, userName: p.name, actor: p.actor)
        return PageRenderer.redirect(to: "/admin/exports", flash: "Export queued: this page updates when the file is ready.")
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try require(context)
        let e = try await services.exports.get(try context.id(), scope: p.scope)
        guard e.status == "done", !e.filename.isEmpty, !e.filename.contains("/") else { throw AppError.notFound }
        let url = URL(fileURLWithPath: services.config.exportDirectory).appendingPathComponent(e.filename)
        guard FileManager.default.fileExists(atPath: url.path) else { throw AppError.notFound }
        // Streamed in chunks from disk: an OEM's bundle can be gigabytes.
        let body = try await FileIO().loadFile(path: url.path, context: context)
        return Response(status: .ok, headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(e.filename)\"", .contentLength: "\(e.bytes)"],
                        body: body)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try require(context)
        let (limit, after) = try request.pagination(defaultLimit: 20)
        return try APIResponse.list(try await services.exports.list(scope: p.scope, limit: limit, afterID: after))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try require(context)
        let e = try await services.exports.request(unitID: p.orgUnitID, userID: p.userID, userName: p.name, actor: p.actor)
        var response = try APIResponse.json(e, status: .accepted)
        response.headers[.location] = "/api/v1/exports/\(e.id)"
        return response
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try require(context)
        return try APIResponse.json(try await services.exports.get(try context.id(), scope: p.scope))
    }
}
