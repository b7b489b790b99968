import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// Vehicle orders and their allocation (DIST-1, DIST-2): `/api/v1/vehicle-orders`, `/allocate`,
/// `/{id}/override`, `/api/v1/allocations/{id}`, and the network's settings.
struct VehicleOrderAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/vehicle-orders", use: list)
        router.post("/api/v1/vehicle-orders", use: create)
        router.post("/api/v1/vehicle-orders/allocate", use: allocateAll)
        router.get("/api/v1/vehicle-orders/:id", use: show)
        router.post("/api/v1/vehicle-orders/:id/allocate", use: allocate)
        router.post("/api/v1/vehicle-orders/:id/override", use: override)
        router.post("/api/v1/vehicle-orders/:id/cancel", use: cancel)
        router.get("/api/v1/vehicle-orders/:id/allocations", use: history)
        router.get("/api/v1/allocations/:id", use: allocation)
        router.get("/api/v1/distribution-settings", use: settings)
        router.put("/api/v1/distribution-settings", use: saveSettings)
    }

    struct OrderFields: APIInput {
        var orgUnitId: Int?
        var configurationId: Int?
        var modelId: Int?
        var trim: String?
        var engine: String?
        var colour: String?
        var options: [String]?
        var quantity: Int?
        var wantedOn: String?
        var note: String?
        static let fields: Set<String> = ["org_unit_id", "configuration_id", "model_id", "trim", "engine", "colour", "options", "quantity", "wanted_on", "note"]

        var input: VehicleOrderInput {
            VehicleOrderInput(unitID: orgUnitId, configurationID: configurationId, modelID: modelId,
                              build: Build(trim: trim ?? "", engine: engine ?? "", colour: colour ?? "", options: Set(options ?? [])),
                              quantity: quantity, wantedOn: wantedOn ?? "", note: note ?? "")
        }
    }

    struct OverrideFields: APIInput {
        var lineId: Int?
        var vin: String?
        var reason: String?
        static let fields: Set<String> = ["line_id", "vin", "reason"]
    }

    struct SettingsFields: APIInput {
        var minSimilarity: Int?
        var maxDistanceKm: Int?
        var kmPerPoint: Int?
        var maxOrderUnits: Int?
        var maxTimesAverage: Double?
        var minPastOrders: Int?
        var minShareOfTarget: Double?
        static let fields: Set<String> = ["min_similarity", "max_distance_km", "km_per_point", "max_order_units", "max_times_average", "min_past_orders", "min_share_of_target"]

        func applied(to s: DistributionSettingsStore.Settings) -> DistributionSettingsStore.Settings {
            var s = s
            if let v = minSimilarity { s.policy.minimumSimilarity = v }
            if let v = maxDistanceKm { s.policy.maximumDistanceKm = v }
            if let v = kmPerPoint { s.policy.kmPerPoint = v }
            if let v = maxOrderUnits { s.flags.maxOrderUnits = v }
            if let v = maxTimesAverage { s.flags.maxTimesAverage = v }
            if let v = minPastOrders { s.flags.minPastOrders = v }
            if let v = minShareOfTarget { s.flags.minShareOfTarget = v }
            return s
        }
    }

    /// The settings as the API shows them (flat, snake_case like the fields).
    struct SettingsView: Encodable {
        var minSimilarity, maxDistanceKm, kmPerPoint, maxOrderUnits, minPastOrders: Int
        var maxTimesAverage, minShareOfTarget: Double
        init(_ s: DistributionSettingsStore.Settings) {
            minSimilarity = s.policy.minimumSimilarity; maxDistanceKm = s.policy.maximumDistanceKm; kmPerPoint = s.policy.kmPerPoint
            maxOrderUnits = s.flags.maxOrderUnits; maxTimesAverage = s.flags.maxTimesAverage; minPastOrders = s.flags.minPastOrders; minShareOfTarget = s.flags.minShareOfTarget
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionRead)
        let (limit, after) = try request.pagination()
        var filter = VehicleOrderStore.Filter(unitID: request.query("org_unit_id").flatMap(Int.init), flagged: request.query("flagged") == "true")
        if let s = request.query("status") {
            guard let status = VehicleOrder.Status(rawValue: s) else { throw AppError.invalid(.init(["status": "must be open, done or cancelled"])) }
            filter.status = status
        }
        return try APIResponse.list(try await services.vehicleOrders.list(scope: p.scope, filter: filter, limit: limit, after: after))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        let f = try await JSONBody.decode(OrderFields.self, from: request, context: context)
        let order = try await Self.place(f.input, principal: p, services: services)
        var response = try APIResponse.json(order, status: .created)
        response.headers[.location] = "/api/v1/vehicle-orders/\(order.id)"
        return response
    }

    /// Saves the order, then lets the engine allocate it at once (its own transaction: the
    /// order stands even if allocation has to wait).
    static func place(_ input: VehicleOrderInput, principal p: Principal, services: AppServices) async throws -> VehicleOrder {
        let order = try await services.vehicleOrders.create(input, principalUnitID: p.orgUnitID, scope: p.scope, actor: p.actor)
        try await services.allocations.allocate(orderIDs: [order.id], scope: .everything, actor: DistributionAccess.engine)
        return try await services.vehicleOrders.get(order.id, scope: p.scope)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionRead)
        return try APIResponse.json(try await services.vehicleOrders.get(try context.id(), scope: p.scope))
    }

    @Sendable func allocate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        let id = try context.id()
        let made = try await services.allocations.allocate(orderIDs: [id], scope: p.scope, actor: p.actor)
        return try APIResponse.json(["decisions": made])
    }

    @Sendable func allocateAll(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        let made = try await services.allocations.allocate(scope: p.scope, actor: p.actor)
        return try APIResponse.json(["decisions": made])
    }

    @Sendable func override(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        let order = try await services.vehicleOrders.get(try context.id(), scope: p.scope)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        let f = try await JSONBody.decode(OverrideFields.self, from: request, context: context)
        guard let line = f.lineId else { throw AppError.invalid(.init(["line_id": "is required"])) }
        guard order.lines.contains(where: { $0.id == line }) else { throw AppError.invalid(.init(["line_id": "is not a car of this order"])) }
        return try APIResponse.json(try await services.allocations.override(lineID: line, vin: f.vin, reason: f.reason ?? "", scope: p.scope, actor: p.actor))
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        return try APIResponse.json(try await services.vehicleOrders.cancel(try context.id(), scope: p.scope, actor: p.actor))
    }

    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionRead)
        return try APIResponse.list(try await services.allocations.history(orderID: try context.id(), scope: p.scope))
    }

    @Sendable func allocation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionRead)
        return try APIResponse.json(try await services.allocations.get(try context.id(), scope: p.scope))
    }

    @Sendable func settings(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.distributionRead)
        return try APIResponse.json(SettingsView(try await services.distributionSettings.get()))
    }

    @Sendable func saveSettings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        let f = try await JSONBody.decode(SettingsFields.self, from: request, context: context)
        let saved = try await services.distributionSettings.save(f.applied(to: try await services.distributionSettings.get()), unitID: p.orgUnitID, actor: p.actor)
        return try APIResponse.json(SettingsView(saved))
    }
}
