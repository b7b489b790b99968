import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// Check-in photos and the customer's signature (SVC-4): `/api/v1/repair-orders/{id}/files`.
/// The image is the request body (no multipart), `kind=photo|signature` and `note` in the query;
/// the repair-order page's script uses the same endpoints with the session.
struct RepairOrderFileAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/repair-orders/:id/files", use: list)
        router.post("/api/v1/repair-orders/:id/files", use: add)
        router.get("/api/v1/repair-orders/:id/files/:file", use: content)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        return try APIResponse.list(try await services.repairOrderFiles.list(orderID: try context.id(), scope: p.scope))
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.serviceSchedule, .serviceWork])
        let id = try context.id()
        _ = try await services.repairOrders.get(id, scope: p.scope)
        guard let kind = RepairOrderFile.Kind(rawValue: request.query("kind") ?? "photo") else { throw AppError.invalid(.init(["kind": "must be photo or signature"])) }
        var request = request
        let data: Data
        do { data = Data(buffer: try await request.collectBody(upTo: RepairOrderFileStore.maxBytes + 1)) } catch {
            throw AppError.invalid(.init(["file": "is larger than \(RepairOrderFileStore.maxBytes / 1024 / 1024) MiB"]))
        }
        let file = try await services.repairOrderFiles.add(orderID: id, kind: kind, data: data, note: request.query("note") ?? "", scope: p.scope, actor: p.actor)
        var response = try APIResponse.json(file, status: .created)
        response.headers[.location] = "/api/v1/repair-orders/\(id)/files/\(file.id)"
        return response
    }

    /// The image itself, for an `<img>` on the page or a download.
    @Sendable func content(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        let (file, data) = try await services.repairOrderFiles.content(orderID: try context.id(), fileID: try context.id("file"), scope: p.scope)
        var headers = HTTPFields()
        headers[.contentType] = file.contentType
        headers[.cacheControl] = "private, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
