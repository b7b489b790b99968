import TorqueDomain

/// An opportunity as sent by the API (JSON) or typed into the form (SALES-1).
struct OpportunityFields: APIInput {
    var customerId: Int?
    var title: String?
    var stage: String?
    var ownerUserId: Int?
    var expectedValueMinor: Int?
    var closeOn: String?
    var vehicleId: Int?
    var configurationId: Int?
    var lostReason: String?
    var orgUnitId: Int?
    static let fields: Set<String> = ["customer_id", "title", "stage", "owner_user_id", "expected_value_minor", "close_on", "vehicle_id", "configuration_id",
                                      "lost_reason", "org_unit_id"]

    init() {}

    init(_ o: Opportunity) {
        customerId = o.customerId; title = o.title; stage = o.stage; ownerUserId = o.ownerUserId; expectedValueMinor = o.expectedValueMinor
        closeOn = o.closeOn; vehicleId = o.vehicleId; configurationId = o.configurationId; lostReason = o.lostReason
    }

    /// Checks what needs no database; `defaultStage` is the unit's first open stage.
    func validated(defaultStage: String) throws -> OpportunityInput {
        var errors = ValidationErrors()
        let title = (title ?? "").trimmed
        if customerId == nil { errors.add("customer_id", "is required") }
        if title.isEmpty { errors.add("title", "is required, e.g. “Dama Lusso for the family”") } else if title.count > 200 { errors.add("title", "must be at most 200 characters") }
        if let v = expectedValueMinor, !(0...100_000_000_00).contains(v) { errors.add("expected_value_minor", "must be from 0 to 100,000,000.00") }
        if let d = closeOn, !d.isEmpty, CalendarDay.parse(d) == nil { errors.add("close_on", "must be a date like 2027-03-15") }
        if (lostReason ?? "").count > 500 { errors.add("lost_reason", "must be at most 500 characters") }
        guard errors.isEmpty, let customerId else { throw AppError.invalid(errors) }
        return OpportunityInput(customerId: customerId, title: title, stage: (stage ?? "").trimmed.isEmpty ? defaultStage : stage!.trimmed, ownerUserId: ownerUserId,
                                expectedValueMinor: expectedValueMinor, closeOn: (closeOn ?? "").isEmpty ? nil : closeOn, vehicleId: vehicleId,
                                configurationId: configurationId, lostReason: (lostReason ?? "").trimmed)
    }
}
