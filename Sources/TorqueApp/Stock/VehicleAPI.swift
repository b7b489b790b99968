import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/vehicles`: stock units (STOCK-1), reservation, matching and the network view (STOCK-3).
struct VehicleAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/vehicles", use: list)
        router.post("/api/v1/vehicles", use: create)
        router.get("/api/v1/vehicles/match", use: match)
        router.post("/api/v1/vehicles/import", use: importList)
        router.get("/api/v1/vehicles/:id", use: show)
        router.patch("/api/v1/vehicles/:id", use: update)
        router.post("/api/v1/vehicles/:id/reserve", use: reserve)
        router.post("/api/v1/vehicles/:id/release", use: release)
        router.get("/api/v1/stock/network", use: network)
    }

    /// The list filters, shared with the HTML list and saved views.
    static func filter(_ request: Request) throws -> VehicleFilter {
        var f = VehicleFilter()
        f.status = try request.choice("status", in: VehicleStatus.allCases.map(\.rawValue)).flatMap(VehicleStatus.init(rawValue:))
        f.stockOnly = try request.choice("stock", in: ["true", "false"]) == "true"
        f.kind = try request.choice("kind", in: VehicleKind.allCases.map(\.rawValue)).flatMap(VehicleKind.init(rawValue:))
        f.aging = try request.choice("aging", in: StockAging.allCases.map(\.rawValue)).flatMap(StockAging.init(rawValue:))
        f.modelID = try request.positiveID("model_id")
        f.unitID = try request.positiveID("org_unit_id")
        f.customerID = try request.positiveID("customer_id")
        f.query = request.query("q")
        f.sort = try request.choice("sort", in: VehicleSort.allCases.map(\.rawValue)).flatMap(VehicleSort.init(rawValue:)) ?? .newest
        return f
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        let (limit, after) = try request.pagination()
        let page = try await services.vehicles.list(try Self.filter(request), today: ContactFields.today(in: p.timeZone), scope: p.scope, limit: limit, after: after)
        return try APIResponse.list(page)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        return try APIResponse.json(try await services.vehicles.get(try context.id(), scope: p.scope))
    }

    func input(_ fields: VehicleFields, principal p: Principal) async throws -> VehicleInput {
        var errors = ValidationErrors()
        var model: PricedModel?
        if let id = fields.modelId {
            do { model = try await services.catalog.priced(id, on: ContactFields.today(in: p.timeZone), scope: p.scope) } catch StoreError.notFound {
                errors.add("model_id", "is not a model of your catalog")
            }
        }
        guard let input = fields.validated(model: model, currentYear: VinAPI.currentYear(), decoder: services.vinDecoder, errors: &errors) else { throw AppError.invalid(errors) }
        return input
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        let fields = try await JSONBody.decode(VehicleFields.self, from: request, context: context)
        let input = try await input(fields, principal: p)
        if input.status == .reserved { throw AppError.invalid(.init(["status": "is set by reserving the unit for an opportunity"])) }
        let vehicle = try await services.vehicles.create(input, currency: Money.currency(forCountry: p.country), unitID: fields.orgUnitId ?? p.orgUnitID, scope: p.scope, actor: p.actor)
        var response = try APIResponse.json(vehicle, status: .created)
        response.headers[.location] = "/api/v1/vehicles/\(vehicle.id)"
        return response
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        let id = try context.id()
        let current = try await services.vehicles.get(id, scope: p.scope)
        let (patch, keys) = try await JSONBody.decodeWithKeys(VehicleFields.self, from: request, context: context)
        if keys["vin"] != nil, patch.vin.map(VIN.normalise) != current.vin { throw AppError.invalid(.init(["vin": "cannot change: register the other vehicle instead"])) }
        if keys["org_unit_id"] != nil { throw AppError.invalid(.init(["org_unit_id": "cannot change here: units move between dealers by a transfer"])) }
        var f = VehicleFields(current)
        let merge: [(String, (inout VehicleFields) -> Void)] = [
            ("model_id", { $0.modelId = patch.modelId }), ("make", { $0.make = patch.make }), ("model_name", { $0.modelName = patch.modelName }),
            ("model_year", { $0.modelYear = patch.modelYear }), ("trim", { $0.trim = patch.trim }), ("engine", { $0.engine = patch.engine }),
            ("colour", { $0.colour = patch.colour }), ("options", { $0.options = patch.options }), ("description", { $0.description = patch.description }),
            ("status", { $0.status = patch.status }), ("kind", { $0.kind = patch.kind }), ("location", { $0.location = patch.location }),
            ("cost_minor", { $0.costMinor = patch.costMinor }), ("price_minor", { $0.priceMinor = patch.priceMinor }), ("mileage_km", { $0.mileageKm = patch.mileageKm }),
            ("plate", { $0.plate = patch.plate }), ("in_stock_since", { $0.inStockSince = patch.inStockSince }), ("customer_id", { $0.customerId = patch.customerId }),
        ]
        for (key, apply) in merge where keys[key] != nil { apply(&f) }
        let input = try await input(f, principal: p)
        return try APIResponse.json(try await services.vehicles.update(id, input, scope: p.scope, actor: p.actor))
    }

    struct ImportFields: APIInput {
        var csv: String?
        var orgUnitId: Int?
        static let fields: Set<String> = ["csv", "org_unit_id"]
    }

    struct ImportedJSON: Encodable { var imported: Int }

    @Sendable func importList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        let fields = try await JSONBody.decode(ImportFields.self, from: request, context: context)
        guard let csv = fields.csv, !csv.trimmed.isEmpty else { throw AppError.invalid(.init(["csv": "is required: the file's text, first row naming the columns"])) }
        do {
            let n = try await StockImportFile(services: services).run(csv: csv, unitID: fields.orgUnitId ?? p.orgUnitID, principal: p)
            return try APIResponse.json(ImportedJSON(imported: n), status: .created)
        } catch let problem as ImportFile.Problem {
            throw AppError.invalid(.init(["csv": problem.message]))
        }
    }

    struct ReserveFields: APIInput {
        var opportunityId: Int?
        static let fields: Set<String> = ["opportunity_id"]
    }

    @Sendable func reserve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.salesWrite, .stockWrite])
        let id = try context.id()
        _ = try await services.vehicles.get(id, scope: p.scope)
        let fields = try await JSONBody.decode(ReserveFields.self, from: request, context: context)
        guard let opp = fields.opportunityId else { throw AppError.invalid(.init(["opportunity_id": "is required: a unit is reserved for an opportunity"])) }
        return try APIResponse.json(try await services.vehicles.reserve(id, opportunityID: opp, scope: p.scope, actor: p.actor))
    }

    @Sendable func release(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.salesWrite, .stockWrite])
        return try APIResponse.json(try await services.vehicles.release(try context.id(), scope: p.scope, actor: p.actor))
    }

    struct MatchJSON: Encodable {
        var vehicle: Vehicle
        var score: Int
        var distanceKm: Int?
        var differences: [String]
    }

    @Sendable func match(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        guard let text = request.query("model_id"), let modelID = Int(text) else { throw AppError.invalid(.init(["model_id": "is required"])) }
        let priced: PricedModel
        do { priced = try await services.catalog.priced(modelID, on: ContactFields.today(in: p.timeZone), scope: p.scope) } catch StoreError.notFound {
            throw AppError.invalid(.init(["model_id": "is not a model of your catalog"]))
        }
        let wanted = Build(trim: request.query("trim")?.uppercased() ?? "", engine: request.query("engine")?.uppercased() ?? "", colour: request.query("colour")?.uppercased() ?? "",
                           options: Set((request.query("options") ?? "").uppercased().split(separator: ",").map(String.init)))
        if wanted.options.count > 100 { throw AppError.invalid(.init(["options": "must name at most 100 option codes"])) }
        let results = try await StockMatching(services: services).rank(modelID: modelID, wanted: wanted, priced: priced, principal: p)
        return try APIResponse.list(results.map { MatchJSON(vehicle: $0.vehicle, score: $0.match.score, distanceKm: $0.match.distanceKm, differences: $0.match.differences) })
    }

    @Sendable func network(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        let view = try await NetworkStockView.build(services: services, principal: p)
        return APIResponse.json(bytes: view.json)
    }
}
