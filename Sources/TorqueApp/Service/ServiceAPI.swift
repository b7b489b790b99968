import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// The workshop's API (SVC-1 … SVC-3): `/api/v1/workshops` with bays, `/api/v1/technicians`
/// with skills, hours and absences, `/api/v1/labour-operations`, `/api/v1/service/slots`
/// (proposals) and `/api/v1/service/appointments` (bookings). Times are on the workshop's clock.
struct ServiceAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/workshops", use: workshops)
        router.get("/api/v1/workshops/:id/bays", use: bays)
        router.post("/api/v1/workshops/:id/bays", use: addBay)
        router.get("/api/v1/technicians", use: technicians)
        router.post("/api/v1/technicians", use: addTechnician)
        router.get("/api/v1/technicians/:id", use: technician)
        router.put("/api/v1/technicians/:id", use: updateTechnician)
        router.post("/api/v1/technicians/:id/absences", use: addAbsence)
        router.get("/api/v1/labour-operations", use: operations)
        router.post("/api/v1/labour-operations", use: addOperation)
        router.post("/api/v1/labour-operations/import", use: importOperations)
        router.get("/api/v1/workshops/:id/settings", use: settings)
        router.put("/api/v1/workshops/:id/settings", use: saveSettings)
        router.get("/api/v1/service/slots", use: slots)
        router.get("/api/v1/service/appointments", use: bookings)
        router.post("/api/v1/service/appointments", use: book)
        router.get("/api/v1/service/appointments/:id", use: booking)
    }

    struct WorkshopJSON: Encodable { var id: Int; var code: String; var name: String; var timeZone: String; var workingHours: String }

    @Sendable func workshops(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        let units = try await services.orgUnits.list(scope: p.scope, filter: .init(kind: .workshop), limit: 10_000)
        return try APIResponse.list(units.map { WorkshopJSON(id: $0.id, code: $0.code, name: $0.name, timeZone: $0.timeZone, workingHours: $0.workingHours) })
    }

    /// The workshop a request is about: `workshop_id`, else the caller's own unit.
    static func workshopID(_ request: Request, principal p: Principal) throws -> Int { try request.positiveID("workshop_id") ?? p.orgUnitID }

    @Sendable func bays(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        let id = try context.id()
        _ = try await services.orgUnits.get(id, scope: p.scope)
        return try APIResponse.list(try await services.workshops.bays(workshopID: id, scope: p.scope))
    }

    struct BayFields: APIInput {
        var name: String?
        var capabilities: [String]?
        static let fields: Set<String> = ["name", "capabilities"]
    }

    @Sendable func addBay(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSetup)
        let id = try context.id()
        _ = try await services.orgUnits.get(id, scope: p.scope)
        let f = try await JSONBody.decode(BayFields.self, from: request, context: context)
        return try APIResponse.json(try await services.workshops.addBay(workshopID: id, name: f.name ?? "", capabilities: f.capabilities ?? [], scope: p.scope, actor: p.actor), status: .created)
    }

    @Sendable func technicians(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        return try APIResponse.list(try await services.workshops.technicians(workshopID: try Self.workshopID(request, principal: p), scope: p.scope))
    }

    @Sendable func technician(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        return try APIResponse.json(try await services.workshops.technician(try context.id(), scope: p.scope))
    }

    struct TechnicianFields: APIInput {
        var workshopId: Int?
        var name: String?
        var userId: Int?
        var hours: String?
        var skills: [String: Int]?
        var active: Bool?
        static let fields: Set<String> = ["workshop_id", "name", "user_id", "hours", "skills", "active"]

        var input: TechnicianInput { TechnicianInput(name: name ?? "", userId: userId, hours: hours ?? "", skills: skills ?? [:], active: active ?? true) }
    }

    @Sendable func addTechnician(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSetup)
        let f = try await JSONBody.decode(TechnicianFields.self, from: request, context: context)
        let t = try await services.workshops.addTechnician(workshopID: f.workshopId ?? p.orgUnitID, f.input, scope: p.scope, actor: p.actor)
        var response = try APIResponse.json(t, status: .created)
        response.headers[.location] = "/api/v1/technicians/\(t.id)"
        return response
    }

    @Sendable func updateTechnician(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSetup)
        let id = try context.id()
        _ = try await services.workshops.technician(id, scope: p.scope)
        let f = try await JSONBody.decode(TechnicianFields.self, from: request, context: context)
        if f.workshopId != nil { throw AppError.invalid(.init(["workshop_id": "cannot change: add the technician to the other workshop"])) }
        return try APIResponse.json(try await services.workshops.updateTechnician(id, f.input, scope: p.scope, actor: p.actor))
    }

    struct AbsenceFields: APIInput {
        var fromDay: String?
        var toDay: String?
        var kind: String?
        var note: String?
        static let fields: Set<String> = ["from_day", "to_day", "kind", "note"]
    }

    struct AbsenceJSON: Encodable { var technician: Technician; var bookingsToMove: [ServiceBooking] }

    /// 201 with the technician and the bookings that now fall on their days away.
    @Sendable func addAbsence(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSetup)
        let id = try context.id()
        _ = try await services.workshops.technician(id, scope: p.scope)
        let f = try await JSONBody.decode(AbsenceFields.self, from: request, context: context)
        guard let kind = AbsenceKind(rawValue: (f.kind ?? "vacation").lowercased()) else { throw AppError.invalid(.init(["kind": "must be vacation, sickness, training or other"])) }
        let (t, clashes) = try await services.workshops.addAbsence(technicianID: id, from: f.fromDay ?? "", to: f.toDay ?? f.fromDay ?? "", kind: kind, note: f.note ?? "", scope: p.scope, actor: p.actor)
        return try APIResponse.json(AbsenceJSON(technician: t, bookingsToMove: clashes), status: .created)
    }

    @Sendable func operations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        let unit = try Self.workshopID(request, principal: p)
        _ = try await services.orgUnits.get(unit, scope: p.scope)
        return try APIResponse.list(try await services.labourOperations.usable(byUnit: unit, modelFamily: request.query("model_family")))
    }

    struct OperationFields: APIInput {
        var orgUnitId: Int?
        var code: String?
        var name: String?
        var modelFamily: String?
        var minutes: Int?
        var skill: String?
        var skillLevel: Int?
        var bayCapability: String?
        var parts: [KitPart]?
        static let fields: Set<String> = ["org_unit_id", "code", "name", "model_family", "minutes", "skill", "skill_level", "bay_capability", "parts"]
    }

    @Sendable func addOperation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSetup)
        let f = try await JSONBody.decode(OperationFields.self, from: request, context: context)
        let input = LabourOperationInput(code: f.code ?? "", name: f.name ?? "", modelFamily: (f.modelFamily ?? "").trimmed, minutes: f.minutes ?? 0,
                                         skill: (f.skill ?? "").lowercased(), skillLevel: f.skillLevel ?? 1, bayCapability: (f.bayCapability ?? "").lowercased(),
                                         parts: (f.parts ?? []).map { KitPart(partNumber: $0.partNumber.trimmed.uppercased(), quantity: $0.quantity) })
        return try APIResponse.json(try await services.labourOperations.create(input, unitID: f.orgUnitId ?? p.orgUnitID, scope: p.scope, actor: p.actor), status: .created)
    }

    struct ImportFields: APIInput {
        var csv: String?
        var orgUnitId: Int?
        static let fields: Set<String> = ["csv", "org_unit_id"]
    }

    struct ImportedJSON: Encodable { var added: Int; var replaced: Int }

    /// A CSV of operations (SVC-2), all rows or none: 201 with the counts, 422 naming each bad row.
    @Sendable func importOperations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSetup)
        let f = try await JSONBody.decode(ImportFields.self, from: request, context: context)
        guard let csv = f.csv, !csv.trimmed.isEmpty else { throw AppError.invalid(.init(["csv": "is required: the file's text, first row naming the columns"])) }
        do {
            let (added, replaced) = try await LabourOperationImportFile(services: services).run(csv: csv, unitID: f.orgUnitId ?? p.orgUnitID, principal: p)
            return try APIResponse.json(ImportedJSON(added: added, replaced: replaced), status: .created)
        } catch let problem as ImportFile.Problem {
            throw AppError.invalid(.init(["csv": problem.message]))
        }
    }

    struct SettingsJSON: Codable {
        var labourRate: String
        var simpleJobMinutes: Int
        var simpleJobLevel: Int
    }

    @Sendable func settings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        let id = try context.id()
        _ = try await services.orgUnits.get(id, scope: p.scope)
        let s = try await services.workshopSettings.settings(forUnit: id)
        return try APIResponse.json(SettingsJSON(labourRate: Money.exact(s.labourRateMinor), simpleJobMinutes: s.simpleJobMinutes, simpleJobLevel: s.simpleJobLevel))
    }

    struct SettingsFields: APIInput {
        var labourRate: String?
        var simpleJobMinutes: Int?
        var simpleJobLevel: Int?
        static let fields: Set<String> = ["labour_rate", "simple_job_minutes", "simple_job_level"]
    }

    /// Replaces the unit's own settings; what is left out keeps its current value.
    @Sendable func saveSettings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSetup)
        let id = try context.id()
        _ = try await services.orgUnits.get(id, scope: p.scope)
        let f = try await JSONBody.decode(SettingsFields.self, from: request, context: context)
        var s = try await services.workshopSettings.settings(forUnit: id)
        if let r = f.labourRate {
            guard let minor = Money.minorUnits(r) else { throw AppError.invalid(.init(["labour_rate": "must be an amount like \"65.00\""])) }
            s.labourRateMinor = minor
        }
        if let m = f.simpleJobMinutes { s.simpleJobMinutes = m }
        if let l = f.simpleJobLevel { s.simpleJobLevel = l }
        let saved = try await services.workshopSettings.save(unitID: id, s, scope: p.scope, actor: p.actor)
        return try APIResponse.json(SettingsJSON(labourRate: Money.exact(saved.labourRateMinor), simpleJobMinutes: saved.simpleJobMinutes, simpleJobLevel: saved.simpleJobLevel))
    }

    /// What a request asks the workshop to do, and what it takes.
    struct JobRequest {
        var needs: JobNeeds
        var operations: [BookedOperation]
        /// The operations' parts kits checked against the workshop's stock and open orders.
        var parts: [PartCheck]
    }

    /// The job a request describes: catalog codes (`operations=BRK-F,ALIGN`) and/or free text
    /// with `minutes` and `skill`; the vehicle's model picks the model family's standard times.
    /// A caller without `service.book_any` (a contact-center agent) may only ask for simple jobs;
    /// kit parts that nothing covers are refused (409) naming them.
    func job(codes: [String], freeText: String?, minutes: Int?, skill: String?, level: Int?, vehicleID: Int?, workshopID: Int, principal p: Principal,
             now known: Int? = nil) async throws -> JobRequest {
        var family: String?
        if let v = vehicleID {
            do { family = try await services.vehicles.get(v, scope: .everything).modelName } catch StoreError.notFound {
                throw AppError.invalid(.init(["vehicle_id": "is not a vehicle"]))
            }
        }
        let catalog = try await services.labourOperations.usable(byUnit: workshopID, modelFamily: family)
        var skills: [String: Int] = [:], caps: Set<String> = [], booked: [BookedOperation] = [], kits: [KitPart] = []
        for code in codes {
            guard let op = catalog.first(where: { $0.code == code.uppercased() }) else { throw AppError.invalid(.init(["operations": "\(code) is not an operation of this workshop's catalog"])) }
            skills[op.skill] = max(skills[op.skill] ?? 0, op.skillLevel)
            if !op.bayCapability.isEmpty { caps.insert(op.bayCapability) }
            booked.append(BookedOperation(code: op.code, name: op.name, minutes: op.minutes))
            kits += op.parts
        }
        if let m = minutes {
            guard (1...10_080).contains(m) else { throw AppError.invalid(.init(["minutes": "must be from 1 to 10,080"])) }
            let text = (freeText ?? "").trimmed
            if let s = skill, !s.isEmpty {
                guard WorkshopRules.isCode(s.lowercased()) else { throw AppError.invalid(.init(["skill": "must be a code like brakes"])) }
                skills[s.lowercased()] = max(skills[s.lowercased()] ?? 0, min(3, max(1, level ?? 1)))
            }
            booked.append(BookedOperation(code: "", name: text.isEmpty ? "Other work" : String(text.prefix(200)), minutes: m))
        }
        if booked.isEmpty { throw AppError.invalid(.init(["operations": "are required: catalog codes, or free text with minutes"])) }
        let total = booked.reduce(0) { $0 + $1.minutes }
        if !p.can(.serviceBookAny), let why = try await services.workshopSettings.settings(forUnit: workshopID).notSimple(minutes: total, skills: skills) {
            throw AppError.invalid(.init(["operations": "This job \(why)"]))
        }
        var supplies = try await services.partOrders.supplies(unitID: workshopID, partNumbers: Array(Set(kits.map(\.partNumber))))
        if !kits.isEmpty {
            // Parts the kits of bookings not yet checked in will take are not free for this job.
            let numbers = Set(kits.map(\.partNumber))
            let sharing = Dictionary(catalog.filter { op in op.parts.contains { numbers.contains($0.partNumber) } }.map { ($0.code, $0.parts) }, uniquingKeysWith: { a, _ in a })
            var clock = known
            if clock == nil { clock = try await now(workshopID: workshopID) }
            let today = WorkshopTime.day(clock!)
            for (number, n) in try await services.serviceBookings.promisedParts(workshopID: workshopID, fromDay: today, kits: sharing) {
                supplies[number]?.promised = n
            }
        }
        let checks = PartsAvailability.check(kits: kits, supplies: supplies)
        let partsDay: String?
        switch PartsAvailability.firstDay(checks) {
        case .success(let day): partsDay = day
        case .failure(let problem): throw AppError.conflict(field: "parts", message: problem.message)
        }
        return JobRequest(needs: JobNeeds(skills: skills, bayCapabilities: caps, minutes: total, partsFromDay: partsDay), operations: booked, parts: checks)
    }

    /// Now on the workshop's clock.
    func now(workshopID: Int) async throws -> Int {
        let unit = try await services.orgUnits.get(workshopID, scope: .everything)
        let (day, time) = LocalTime.local(Agenda.instant(Int(Date().timeIntervalSince1970) / 60), timeZone: unit.timeZone)
        return WorkshopTime.minute(day: day, at: WorkshopTime.clock(time) ?? 0) ?? 0
    }

    struct SlotsJSON: Encodable {
        var workshopId: Int
        var minutes: Int
        var operations: [BookedOperation]
        var parts: [PartCheck]
        var proposals: [ProposalJSON]
    }

    struct ProposalJSON: Encodable {
        var technicianId: Int
        var technicianName: String
        var bayId: Int
        var bayName: String
        var startsAt: String
        var endsAt: String
        var explanation: String
        init(_ p: SlotProposal) {
            technicianId = p.technicianId; technicianName = p.technicianName; bayId = p.bayId; bayName = p.bayName
            startsAt = WorkshopRules.stamp(p.start); endsAt = WorkshopRules.stamp(p.end); explanation = p.explanation
        }
    }

    func proposals(_ request: Request, principal p: Principal) async throws -> SlotsJSON {
        let workshop = try Self.workshopID(request, principal: p)
        let codes = (request.query("operations") ?? "").split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
        var minutes: Int?
        if let m = request.query("minutes") { guard let n = Int(m) else { throw AppError.invalid(.init(["minutes": "must be a whole number"])) }; minutes = n }
        let clock = try await now(workshopID: workshop)
        let job = try await job(codes: codes, freeText: request.query("text"), minutes: minutes, skill: request.query("skill"),
                                level: request.query("level").flatMap(Int.init), vehicleID: try request.positiveID("vehicle_id"), workshopID: workshop, principal: p, now: clock)
        switch try await services.serviceBookings.proposals(workshopID: workshop, job: job.needs, now: clock, scope: p.scope) {
        case .success(let found): return SlotsJSON(workshopId: workshop, minutes: job.needs.minutes, operations: job.operations, parts: job.parts, proposals: found.map(ProposalJSON.init))
        case .failure(let r): throw AppError.conflict(field: r.field, message: r.message)
        }
    }

    @Sendable func slots(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        return try APIResponse.json(try await proposals(request, principal: p))
    }

    @Sendable func bookings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        let workshop = try Self.workshopID(request, principal: p)
        let today = WorkshopTime.day(try await now(workshopID: workshop))
        let from = request.query("from") ?? today, to = request.query("to") ?? CalendarDay.adding(7, to: from)
        guard CalendarDay.parse(from) != nil, CalendarDay.parse(to) != nil, to > from else { throw AppError.invalid(.init(["from": "from and to must be days like 2026-12-01, to after from"])) }
        return try APIResponse.list(try await services.serviceBookings.list(workshopID: workshop, from: from, to: to, scope: p.scope))
    }

    @Sendable func booking(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        return try APIResponse.json(try await services.serviceBookings.get(try context.id(), scope: p.scope))
    }

    struct BookFields: APIInput {
        var workshopId: Int?
        var customerId: Int?
        var vehicleId: Int?
        var operations: [String]?
        var text: String?
        var minutes: Int?
        var skill: String?
        var technicianId: Int?
        var bayId: Int?
        var startsAt: String?
        var notes: String?
        static let fields: Set<String> = ["workshop_id", "customer_id", "vehicle_id", "operations", "text", "minutes", "skill", "technician_id", "bay_id", "starts_at", "notes"]
    }

    func book(_ f: BookFields, principal p: Principal) async throws -> ServiceBooking {
        var errors = ValidationErrors()
        if f.technicianId == nil { errors.add("technician_id", "is required (take it from a proposal)") }
        if f.bayId == nil { errors.add("bay_id", "is required (take it from a proposal)") }
        if f.startsAt == nil { errors.add("starts_at", "is required, like 2026-12-01T08:00") }
        if f.customerId == nil && f.vehicleId == nil { errors.add("vehicle_id", "or customer_id is required") }
        guard errors.isEmpty, let tech = f.technicianId, let bay = f.bayId, let start = f.startsAt else { throw AppError.invalid(errors) }
        let workshop = f.workshopId ?? p.orgUnitID
        let job = try await job(codes: f.operations ?? [], freeText: f.text, minutes: f.minutes, skill: f.skill, level: nil, vehicleID: f.vehicleId, workshopID: workshop, principal: p)
        if let day = job.needs.partsFromDay, start < day {
            throw AppError.conflict(field: "starts_at", message: "the parts for this job are expected on \(day): book from that day (" + job.parts.filter { $0.availableFrom != nil }.map(\.sentence).joined(separator: "; ") + ")")
        }
        var customer = f.customerId
        // The car's owner goes on the booking when the caller may see them; otherwise the
        // booking stands without (a 422 on a customer_id nobody typed would say nothing useful).
        if customer == nil, let v = f.vehicleId, let owner = try await services.vehicles.get(v, scope: .everything).customerId,
           (try? await services.customers.get(owner, scope: p.scope)) != nil {
            customer = owner
        }
        return try await services.serviceBookings.book(ServiceBookingInput(customerId: customer, vehicleId: f.vehicleId, operations: job.operations, technicianId: tech, bayId: bay,
                                                                           startsAt: start, notes: (f.notes ?? "").trimmed), workshopID: workshop, scope: p.scope, actor: p.actor)
    }

    @Sendable func book(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSchedule)
        let b = try await book(try await JSONBody.decode(BookFields.self, from: request, context: context), principal: p)
        var response = try APIResponse.json(b, status: .created)
        response.headers[.location] = "/api/v1/service/appointments/\(b.id)"
        return response
    }
}
