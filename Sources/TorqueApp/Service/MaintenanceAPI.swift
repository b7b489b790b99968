import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/maintenance-plans` (SVC-5): a car's plan, and starting one by hand.
struct MaintenanceAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/maintenance-plans", use: show)
        router.post("/api/v1/maintenance-plans", use: start)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        guard let vehicle = try request.positiveID("vehicle_id") else { throw AppError.invalid(.init(["vehicle_id": "is required"])) }
        _ = try await services.vehicles.get(vehicle, scope: p.scope)
        return try APIResponse.list(try await services.maintenance.items(vehicleID: vehicle))
    }

    struct StartFields: APIInput {
        var vehicleId: Int?
        var startDay: String?
        var mileageKm: Int?
        var orgUnitId: Int?
        static let fields: Set<String> = ["vehicle_id", "start_day", "mileage_km", "org_unit_id"]
    }

    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSchedule)
        let f = try await JSONBody.decode(StartFields.self, from: request, context: context)
        var errors = ValidationErrors()
        if f.vehicleId == nil { errors.add("vehicle_id", "is required") }
        let day = f.startDay ?? ContactFields.today(in: p.timeZone)
        if CalendarDay.parse(day) == nil || !("1990-01-01"..."2199-12-31").contains(day) { errors.add("start_day", "must be a day like 2026-11-25 (from 1990)") }
        if let km = f.mileageKm, !(0...2_000_000).contains(km) { errors.add("mileage_km", "must be from 0 to 2,000,000") }
        guard errors.isEmpty, let vehicle = f.vehicleId else { throw AppError.invalid(errors) }
        let unit = f.orgUnitId ?? p.orgUnitID
        _ = try await services.orgUnits.get(unit, scope: p.scope)
        var km = f.mileageKm ?? 0
        if f.mileageKm == nil { km = try await services.vehicles.get(vehicle, scope: p.scope).mileageKm }
        var response = try APIResponse.list(try await services.maintenance.start(vehicleID: vehicle, unitID: unit, day: day, km: km, scope: p.scope))
        response.status = .created
        return response
    }
}
