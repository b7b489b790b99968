import TorqueDomain

/// An agenda entry as the API sends it (UTC instants) or the form types it (local day, time
/// and duration, converted by the route).
struct AppointmentFields: APIInput {
    var kind: String?
    var title: String?
    var startsAt: String?
    var endsAt: String?
    var userId: Int?
    var customerId: Int?
    var opportunityId: Int?
    var vehicleId: Int?
    var location: String?
    var notes: String?
    var orgUnitId: Int?
    static let fields: Set<String> = ["kind", "title", "starts_at", "ends_at", "user_id", "customer_id", "opportunity_id", "vehicle_id", "location", "notes", "org_unit_id"]

    init() {}

    init(_ a: Appointment) {
        kind = a.kind.rawValue; title = a.title; startsAt = a.startsAt; endsAt = a.endsAt; userId = a.userId; customerId = a.customerId
        opportunityId = a.opportunityId; vehicleId = a.vehicleId; location = a.location; notes = a.notes
    }

    func validated() throws -> AppointmentInput {
        guard let kind = AppointmentKind(rawValue: kind ?? "appointment") else {
            throw AppError.invalid(.init(["kind": "must be one of: " + AppointmentKind.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        var input = AppointmentInput(kind: kind, title: (title ?? "").trimmed, startsAt: (startsAt ?? "").trimmed, endsAt: (endsAt ?? "").trimmed, userId: userId,
                                     customerId: customerId, opportunityId: opportunityId, vehicleId: vehicleId, location: (location ?? "").trimmed, notes: notes ?? "")
        let problems = Agenda.validate(input)
        if !problems.isEmpty { throw AppError.invalid(ValidationErrors(problems)) }
        // Stored in one form, so instants compare as text.
        input.startsAt = Agenda.instant(Agenda.minutes(input.startsAt)!)
        input.endsAt = Agenda.instant(Agenda.minutes(input.endsAt)!)
        return input
    }
}
