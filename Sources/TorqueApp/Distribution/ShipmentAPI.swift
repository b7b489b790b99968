import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// Shipments and carrier reports (DIST-3, DIST-4), settlements (FIN-2) and flags (BI-5).
struct ShipmentAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/shipments", use: list)
        router.post("/api/v1/shipments", use: dispatch)
        router.post("/api/v1/shipments/events", use: carrierReport)
        router.get("/api/v1/shipments/:id", use: show)
        router.post("/api/v1/shipments/:id/events", use: report)
        router.get("/api/v1/settlements", use: settlements)
        router.post("/api/v1/settlements", use: credit)
        router.post("/api/v1/settlements/:id/paid", use: paid)
        router.post("/api/v1/settlements/:id/cancel", use: cancelEntry)
    }

    struct DispatchFields: APIInput {
        var lineIds: [Int]?
        var carrier: String?
        var trackingNumber: String?
        var legs: [Shipment.Leg]?
        var eta: String?
        static let fields: Set<String> = ["line_ids", "carrier", "tracking_number", "legs", "eta"]
    }

    struct EventFields: APIInput {
        var trackingNumber: String?
        var status: String?
        var location: String?
        var happenedAt: String?
        var eta: String?
        var note: String?
        static let fields: Set<String> = ["tracking_number", "status", "location", "happened_at", "eta", "note"]
        var input: ShipmentEventInput { ShipmentEventInput(status: status ?? "", location: location ?? "", happenedAt: happenedAt, eta: eta, note: note ?? "") }
    }

    struct CreditFields: APIInput {
        var orderId: Int?
        var kind: String?
        var amountMinor: Int?
        var reference: String?
        static let fields: Set<String> = ["order_id", "kind", "amount_minor", "reference"]
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionRead)
        let (limit, after) = try request.pagination()
        return try APIResponse.list(try await services.shipments.list(scope: p.scope, open: request.query("open") == "true", limit: limit, after: after))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionRead)
        return try APIResponse.json(try await services.shipments.get(try context.id(), scope: p.scope))
    }

    @Sendable func dispatch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        let f = try await JSONBody.decode(DispatchFields.self, from: request, context: context)
        let legs = (f.legs ?? []).map { "\($0.from) > \($0.to)" }.joined(separator: "\n")
        let shipment = try await services.shipments.dispatch(DispatchInput(lineIDs: f.lineIds ?? [], carrier: f.carrier ?? "", trackingNumber: f.trackingNumber ?? "", legs: legs, eta: f.eta ?? ""),
                                                             scope: p.scope, actor: p.actor)
        var response = try APIResponse.json(shipment, status: .created)
        response.headers[.location] = "/api/v1/shipments/\(shipment.id)"
        return response
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        let id = try context.id()
        _ = try await services.shipments.get(id, scope: p.scope)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        let f = try await JSONBody.decode(EventFields.self, from: request, context: context)
        return try APIResponse.json(try await services.shipments.report(id, f.input, scope: p.scope, actor: p.actor), status: .created)
    }

    /// The carrier's endpoint: the report names the shipment by its tracking number.
    @Sendable func carrierReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        let f = try await JSONBody.decode(EventFields.self, from: request, context: context)
        guard let t = f.trackingNumber, !t.trimmed.isEmpty else { throw AppError.invalid(.init(["tracking_number": "is required"])) }
        let shipment = try await services.shipments.find(trackingNumber: t, scope: p.scope)
        return try APIResponse.json(try await services.shipments.report(shipment.id, f.input, scope: p.scope, actor: p.actor), status: .created)
    }

    struct SettlementList: Encodable {
        var data: [SettlementEntry]
        var nextCursor: String?
        /// What is still owed per currency, over the whole filter (not only this page).
        var openBalanceMinor: [String: Int]
    }

    @Sendable func settlements(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.financeRead, .distributionRead])
        let (limit, after) = try request.pagination()
        let orderID = request.query("order_id").flatMap(Int.init)
        var status: SettlementEntry.Status?
        if let s = request.query("status") {
            guard let parsed = SettlementEntry.Status(rawValue: s) else { throw AppError.invalid(.init(["status": "must be open, paid or cancelled"])) }
            status = parsed
        }
        if let orderID { _ = try await services.vehicleOrders.get(orderID, scope: p.scope) }
        let page = try await services.settlements.list(scope: p.scope, orderID: orderID, status: status, limit: limit, after: after)
        return try APIResponse.json(SettlementList(data: page.items, nextCursor: page.nextCursor, openBalanceMinor: try await services.settlements.balance(scope: p.scope, orderID: orderID)))
    }

    @Sendable func credit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.financeWrite, .distributionWrite])
        try await DistributionAccess.requireNetworkSide(p, services: services)
        let f = try await JSONBody.decode(CreditFields.self, from: request, context: context)
        guard let orderID = f.orderId else { throw AppError.invalid(.init(["order_id": "is required"])) }
        guard let kind = SettlementEntry.Kind(rawValue: f.kind ?? "") else { throw AppError.invalid(.init(["kind": "must be credit_note or incentive"])) }
        do {
            return try APIResponse.json(try await services.settlements.credit(orderID: orderID, kind: kind, amountMinor: f.amountMinor, reference: f.reference ?? "", scope: p.scope, actor: p.actor),
                                        status: .created)
        } catch StoreError.notFound { throw AppError.invalid(.init(["order_id": "is not an order you can see"])) }
    }

    @Sendable func paid(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.financeWrite, .distributionWrite])
        let id = try context.id()
        _ = try await services.settlements.get(id, scope: p.scope)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        return try APIResponse.json(try await services.settlements.settle(id, status: .paid, scope: p.scope, actor: p.actor))
    }

    @Sendable func cancelEntry(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.financeWrite, .distributionWrite])
        let id = try context.id()
        _ = try await services.settlements.get(id, scope: p.scope)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        return try APIResponse.json(try await services.settlements.settle(id, status: .cancelled, scope: p.scope, actor: p.actor))
    }
}
