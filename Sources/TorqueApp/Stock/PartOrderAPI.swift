import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// Parts on order (STOCK-2): `/api/v1/parts/{id}/orders` to list and place, and
/// `/api/v1/part-orders/{id}/receive` or `/cancel`. Booking proposals read the expected days.
struct PartOrderAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/parts/:id/orders", use: list)
        router.post("/api/v1/parts/:id/orders", use: place)
        router.get("/api/v1/part-orders/:id", use: show)
        router.post("/api/v1/part-orders/:id/receive", use: receive)
        router.post("/api/v1/part-orders/:id/cancel", use: cancel)
    }

    struct OrderFields: APIInput {
        var quantity: Int?
        var expectedOn: String?
        var reference: String?
        static let fields: Set<String> = ["quantity", "expected_on", "reference"]
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        return try APIResponse.list(try await services.partOrders.open(partID: try context.id(), scope: p.scope))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        return try APIResponse.json(try await services.partOrders.get(try context.id(), scope: p.scope))
    }

    @Sendable func place(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        let id = try context.id()
        _ = try await services.parts.get(id, scope: p.scope)
        let f = try await JSONBody.decode(OrderFields.self, from: request, context: context)
        let order = try await services.partOrders.place(partID: id, quantity: f.quantity ?? 0, expectedOn: f.expectedOn ?? "", reference: f.reference ?? "", scope: p.scope, actor: p.actor)
        var response = try APIResponse.json(order, status: .created)
        response.headers[.location] = "/api/v1/part-orders/\(order.id)"
        return response
    }

    @Sendable func receive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        return try APIResponse.json(try await services.partOrders.receive(try context.id(), scope: p.scope, actor: p.actor))
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        return try APIResponse.json(try await services.partOrders.cancel(try context.id(), scope: p.scope, actor: p.actor))
    }
}
