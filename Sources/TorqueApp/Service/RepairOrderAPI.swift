import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/repair-orders` (SVC-4, SVC-7): check-in, lines, approval of additional work,
/// technicians' clocks and the close that tells the owner the car is ready.
struct RepairOrderAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/repair-orders", use: list)
        router.post("/api/v1/repair-orders", use: checkIn)
        router.get("/api/v1/repair-orders/:id", use: show)
        router.post("/api/v1/repair-orders/:id/lines", use: addLine)
        router.post("/api/v1/repair-orders/:id/lines/:line/approve", use: approve)
        router.post("/api/v1/repair-orders/:id/clock", use: clock)
        router.post("/api/v1/repair-orders/:id/close", use: close)
        router.patch("/api/v1/repair-orders/:id", use: update)
        router.post("/api/v1/repair-orders/import", use: importOrders)
    }

    struct UpdateFields: APIInput {
        var customerNotes: String?
        static let fields: Set<String> = ["customer_notes"]
    }

    /// Notes for the customer while the order is open (SVC-4).
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.serviceSchedule, .serviceWork])
        let id = try context.id()
        _ = try await services.repairOrders.get(id, scope: p.scope)
        let f = try await JSONBody.decode(UpdateFields.self, from: request, context: context)
        guard let notes = f.customerNotes else { throw AppError.invalid(.init(["customer_notes": "is required"])) }
        return try APIResponse.json(try await services.repairOrders.setCustomerNotes(id, notes, scope: p.scope, actor: p.actor))
    }

    struct ImportFields: APIInput {
        var csv: String?
        var workshopId: Int?
        static let fields: Set<String> = ["csv", "workshop_id"]
    }

    struct ImportedJSON: Encodable { var orders: Int; var lines: Int }

    /// Work orders from the previous system (INT-3): all or nothing, row errors in `error.details`.
    @Sendable func importOrders(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSetup)
        let f = try await JSONBody.decode(ImportFields.self, from: request, context: context)
        guard let csv = f.csv, !csv.trimmed.isEmpty else { throw AppError.invalid(.init(["csv": "is required: the file's text, first row naming the columns"])) }
        do {
            let (orders, lines) = try await WorkOrderImportFile(services: services).run(csv: csv, workshopID: f.workshopId ?? p.orgUnitID, principal: p)
            return try APIResponse.json(ImportedJSON(orders: orders, lines: lines), status: .created)
        } catch let problem as ImportFile.Problem {
            throw AppError.invalid(.init(["csv": problem.message]))
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        let status = try request.choice("status", in: ["open", "closed"])
        return try APIResponse.list(try await services.repairOrders.list(workshopID: try ServiceAPI.workshopID(request, principal: p), status: status, scope: p.scope))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        return try APIResponse.json(try await services.repairOrders.get(try context.id(), scope: p.scope))
    }

    struct CheckInFields: APIInput {
        var workshopId: Int?
        var bookingId: Int?
        var vehicleId: Int?
        var customerId: Int?
        var mileageKm: Int?
        var concerns: String?
        var confirmMileage: Bool?
        static let fields: Set<String> = ["workshop_id", "booking_id", "vehicle_id", "customer_id", "mileage_km", "concerns", "confirm_mileage"]
    }

    func checkIn(_ f: CheckInFields, principal p: Principal) async throws -> RepairOrder {
        guard let km = f.mileageKm else { throw AppError.invalid(.init(["mileage_km": "is required"])) }
        var workshop = f.workshopId ?? p.orgUnitID
        if f.workshopId == nil, let b = f.bookingId, let booking = try? await services.serviceBookings.get(b, scope: p.scope) { workshop = booking.orgUnitId }
        let unit = try await services.orgUnits.get(workshop, scope: p.scope)
        return try await services.repairOrders.checkIn(workshopID: workshop, bookingID: f.bookingId, vehicleID: f.vehicleId, customerID: f.customerId, mileageKm: km,
                                                       concerns: (f.concerns ?? "").trimmed, confirmMileage: f.confirmMileage ?? false,
                                                       currency: Money.currency(forCountry: unit.country), scope: p.scope, actor: p.actor)
    }

    @Sendable func checkIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSchedule)
        let ro = try await checkIn(try await JSONBody.decode(CheckInFields.self, from: request, context: context), principal: p)
        var response = try APIResponse.json(ro, status: .created)
        response.headers[.location] = "/api/v1/repair-orders/\(ro.id)"
        return response
    }

    struct LineFields: APIInput {
        var kind: String?
        var code: String?
        var description: String?
        var minutes: Int?
        var partId: Int?
        var quantity: Int?
        var technicianId: Int?
        var additional: Bool?
        static let fields: Set<String> = ["kind", "code", "description", "minutes", "part_id", "quantity", "technician_id", "additional"]
    }

    /// Labour from the catalog by `code` (its standard minutes) or free with `minutes`; a part by `part_id`.
    func line(_ f: LineFields, order: RepairOrder, principal p: Principal) async throws -> RepairOrderLineInput {
        guard let kind = RepairOrderLine.Kind(rawValue: (f.kind ?? "labour").lowercased()) else { throw AppError.invalid(.init(["kind": "must be labour or part"])) }
        var input = RepairOrderLineInput(kind: kind, code: (f.code ?? "").trimmed.uppercased(), description: (f.description ?? "").trimmed, minutes: f.minutes ?? 0,
                                         partId: f.partId, quantity: f.quantity ?? 1, technicianId: f.technicianId, additional: f.additional ?? false)
        if kind == .labour, !input.code.isEmpty, f.minutes == nil {
            var family: String?
            if let v = order.vehicleId { family = try? await services.vehicles.get(v, scope: .everything).modelName }
            guard let op = try await services.labourOperations.usable(byUnit: order.orgUnitId, modelFamily: family).first(where: { $0.code == input.code }) else {
                throw AppError.invalid(.init(["code": "is not an operation of this workshop's catalog"]))
            }
            input.minutes = op.minutes
            if input.description.isEmpty { input.description = op.name }
        }
        return input
    }

    /// Advisors write what the customer asked and approved; technicians add what they found.
    @Sendable func addLine(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.serviceWork, .serviceSchedule])
        let ro = try await services.repairOrders.get(try context.id(), scope: p.scope)
        let input = try await line(try await JSONBody.decode(LineFields.self, from: request, context: context), order: ro, principal: p)
        return try APIResponse.json(try await services.repairOrders.addLine(ro.id, input, mayOverride: p.can(.stockOverride), scope: p.scope, actor: p.actor), status: .created)
    }

    @Sendable func approve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSchedule)
        let id = try context.id()
        _ = try await services.repairOrders.get(id, scope: p.scope)
        return try APIResponse.json(try await services.repairOrders.approve(id, lineID: try context.id("line"), scope: p.scope, actor: p.actor))
    }

    struct ClockFields: APIInput {
        var lineId: Int?
        var technicianId: Int?
        var action: String?
        static let fields: Set<String> = ["line_id", "technician_id", "action"]
    }

    /// `{"line_id", "action": "in" | "out"}`; a technician with a login clocks themselves.
    @Sendable func clock(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceWork)
        let ro = try await services.repairOrders.get(try context.id(), scope: p.scope)
        let f = try await JSONBody.decode(ClockFields.self, from: request, context: context)
        guard let line = f.lineId else { throw AppError.invalid(.init(["line_id": "is required"])) }
        guard let action = f.action, action == "in" || action == "out" else { throw AppError.invalid(.init(["action": "must be in or out"])) }
        var tech = f.technicianId
        if tech == nil, let user = p.userID {
            tech = try await services.workshops.technicians(workshopID: ro.orgUnitId, scope: p.scope).first { $0.userId == user }?.id
        }
        guard let tech else { throw AppError.invalid(.init(["technician_id": "is required (your login is not linked to a technician)"])) }
        let now = try await ServiceAPI(services: services).now(workshopID: ro.orgUnitId)
        return try APIResponse.json(try await services.repairOrders.clock(ro.id, lineID: line, technicianID: tech, clockIn: action == "in", at: now, scope: p.scope, actor: p.actor))
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSchedule)
        let id = try context.id()
        _ = try await services.repairOrders.get(id, scope: p.scope)
        return try APIResponse.json(try await services.repairOrders.close(id, scope: p.scope, actor: p.actor))
    }
}
