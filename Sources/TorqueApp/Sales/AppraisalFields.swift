import TorqueDomain
import TorqueStore

/// A trade-in appraisal as the API sends it (QUOTE-3); the form fills the same shape.
struct AppraisalFields: APIInput {
    var customerId: Int?
    var vin: String?
    var make: String?
    var modelName: String?
    var modelYear: Int?
    var colour: String?
    var plate: String?
    var mileageKm: Int?
    var estimatedValueMinor: Int?
    var payoffMinor: Int?
    var grades: [String: String]?
    var notes: String?
    var orgUnitId: Int?
    static let fields: Set<String> = ["customer_id", "vin", "make", "model_name", "model_year", "colour", "plate", "mileage_km", "estimated_value_minor",
                                      "payoff_minor", "grades", "notes", "org_unit_id"]

    init() {}

    /// Checks what needs no database. Make and year come from the VIN when not typed.
    func validated(decoder: VINDecoder, currentYear: Int, actor: Actor) throws -> AppraisalInput {
        var errors = ValidationErrors()
        if customerId == nil { errors.add("customer_id", "is required") }
        var vin = "", make = (make ?? "").trimmed, year = modelYear
        switch decoder.decode(self.vin ?? "", currentYear: currentYear) {
        case .failure(let p): errors.add("vin", p.message)
        case .success(let d):
            vin = d.vin
            if make.isEmpty { make = d.manufacturer ?? "" }
            if year == nil { year = d.modelYear }
        }
        let model = (modelName ?? "").trimmed
        if model.isEmpty { errors.add("model_name", "is required (the VIN does not say it)") } else if model.count > 100 { errors.add("model_name", "must be at most 100 characters") }
        if make.isEmpty { errors.add("make", "is required (the VIN's maker is not known)") } else if make.count > 100 { errors.add("make", "must be at most 100 characters") }
        if let y = year, !(1900...(currentYear + 1)).contains(y) { errors.add("model_year", "must be from 1900 to \(currentYear + 1)") }
        if mileageKm == nil { errors.add("mileage_km", "is required") }
        if estimatedValueMinor == nil { errors.add("estimated_value_minor", "is required") }
        if (colour ?? "").count > 60 { errors.add("colour", "must be at most 60 characters") }
        if (plate ?? "").count > 20 { errors.add("plate", "must be at most 20 characters") }
        let grades = Self.grades(self.grades, errors: &errors)
        guard errors.isEmpty, let customerId, let mileageKm, let estimatedValueMinor else { throw AppError.invalid(errors) }
        let report = ConditionReport(stage: .quote, mileageKm: mileageKm, grades: grades, notes: (notes ?? "").trimmed, recordedBy: actor.userID,
                                     recordedByName: nil, recordedAt: "")
        return AppraisalInput(customerId: customerId, vin: vin, make: make, modelName: model, modelYear: year, colour: (colour ?? "").trimmed,
                              plate: (plate ?? "").trimmed, estimatedValueMinor: estimatedValueMinor, payoffMinor: payoffMinor ?? 0, report: report)
    }

    /// The checklist's grades; an unknown grade names its item.
    static func grades(_ raw: [String: String]?, errors: inout ValidationErrors) -> [String: ConditionGrade] {
        var out: [String: ConditionGrade] = [:]
        for (item, text) in raw ?? [:] {
            guard let g = ConditionGrade(rawValue: text.lowercased()) else { errors.add("grades.\(item)", "must be one of good, worn, damaged, unchecked"); continue }
            out[item] = g
        }
        return out
    }
}

/// The condition recorded again at delivery or resale.
struct ConditionReportFields: APIInput {
    var stage: String?
    var mileageKm: Int?
    var grades: [String: String]?
    var notes: String?
    static let fields: Set<String> = ["stage", "mileage_km", "grades", "notes"]

    func validated(actor: Actor) throws -> ConditionReport {
        var errors = ValidationErrors()
        let stage = AppraisalStage(rawValue: (self.stage ?? "").lowercased())
        if stage == nil || stage == .quote { errors.add("stage", "must be delivery or resale (the condition at quote is recorded with the appraisal)") }
        if mileageKm == nil { errors.add("mileage_km", "is required") }
        let grades = AppraisalFields.grades(self.grades, errors: &errors)
        guard errors.isEmpty, let stage, let mileageKm else { throw AppError.invalid(errors) }
        return ConditionReport(stage: stage, mileageKm: mileageKm, grades: grades, notes: (notes ?? "").trimmed, recordedBy: actor.userID, recordedByName: nil, recordedAt: "")
    }
}
