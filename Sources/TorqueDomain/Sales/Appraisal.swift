/// When a used car's condition is written down (QUOTE-3, 002 "scheda di valutazione usato"):
/// when it is offered in part exchange, when the dealer takes it, and when it is sold on.
public enum AppraisalStage: String, Sendable, Codable, CaseIterable {
    case quote, delivery, resale

    public var label: String {
        switch self {
        case .quote: "At quote"
        case .delivery: "At delivery to the dealer"
        case .resale: "At resale"
        }
    }
}

/// One point of the used-car checklist.
public enum AppraisalItem: String, Sendable, Codable, CaseIterable {
    case body, paint, glass, lights, tyres, brakes, suspension, engine, gearbox, electrics, interior, documents

    public var label: String {
        switch self {
        case .body: "Body panels"
        case .paint: "Paint"
        case .glass: "Glass and mirrors"
        case .lights: "Lights"
        case .tyres: "Tyres"
        case .brakes: "Brakes"
        case .suspension: "Suspension and steering"
        case .engine: "Engine"
        case .gearbox: "Gearbox and clutch"
        case .electrics: "Electrics and infotainment"
        case .interior: "Interior and seats"
        case .documents: "Service book and documents"
        }
    }
}

/// How one item was found.
public enum ConditionGrade: String, Sendable, Codable, CaseIterable {
    case good, worn, damaged
    /// Not looked at (the sheet says so rather than guessing).
    case unchecked

    public var label: String {
        switch self {
        case .good: "Good"
        case .worn: "Worn"
        case .damaged: "Damaged"
        case .unchecked: "Not checked"
        }
    }
}

/// The condition recorded at one stage.
public struct ConditionReport: Sendable, Equatable, Codable {
    public var stage: AppraisalStage
    public var mileageKm: Int
    public var grades: [String: ConditionGrade]
    public var notes: String
    public var recordedBy: Int?
    public var recordedByName: String?
    public var recordedAt: String

    public init(stage: AppraisalStage, mileageKm: Int, grades: [String: ConditionGrade], notes: String, recordedBy: Int?, recordedByName: String?, recordedAt: String) {
        self.stage = stage; self.mileageKm = mileageKm; self.grades = grades; self.notes = notes
        self.recordedBy = recordedBy; self.recordedByName = recordedByName; self.recordedAt = recordedAt
    }

    public func grade(_ item: AppraisalItem) -> ConditionGrade { grades[item.rawValue] ?? .unchecked }
}

/// Where an appraisal stands: offered, taken into stock when the deal closed, or not taken.
public enum AppraisalStatus: String, Sendable, Codable, CaseIterable {
    case open
    case takenIn = "taken_in"
    case declined
}

/// A used car offered in part exchange, with its condition reports (QUOTE-3).
public struct Appraisal: Sendable, Equatable, Codable {
    public var id: Int
    public var orgUnitId: Int
    public var customerId: Int
    public var customerName: String?
    public var vin: String
    public var make: String
    public var modelName: String
    public var modelYear: Int?
    public var colour: String
    public var plate: String
    public var mileageKm: Int
    public var estimatedValueMinor: Int
    public var payoffMinor: Int
    public var currency: String
    public var status: AppraisalStatus
    public var stockVehicleId: Int?
    public var reports: [ConditionReport]
    public var createdBy: Int?
    public var createdAt: String
    public var updatedAt: String

    public init(id: Int, orgUnitId: Int, customerId: Int, customerName: String?, vin: String, make: String, modelName: String, modelYear: Int?, colour: String,
                plate: String, mileageKm: Int, estimatedValueMinor: Int, payoffMinor: Int, currency: String, status: AppraisalStatus, stockVehicleId: Int?,
                reports: [ConditionReport], createdBy: Int?, createdAt: String, updatedAt: String) {
        self.id = id; self.orgUnitId = orgUnitId; self.customerId = customerId; self.customerName = customerName; self.vin = vin; self.make = make
        self.modelName = modelName; self.modelYear = modelYear; self.colour = colour; self.plate = plate; self.mileageKm = mileageKm
        self.estimatedValueMinor = estimatedValueMinor; self.payoffMinor = payoffMinor; self.currency = currency; self.status = status
        self.stockVehicleId = stockVehicleId; self.reports = reports; self.createdBy = createdBy; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    public var number: String { "APR-\(id)" }
    public var title: String { [make, modelName, modelYear.map(String.init) ?? ""].filter { !$0.isEmpty }.joined(separator: " ") }
    public func report(_ stage: AppraisalStage) -> ConditionReport? { reports.last { $0.stage == stage } }
}

/// The sheet's checks.
public enum AppraisalRules {
    /// Field errors for a report: grades only for known items, mileage plausible and never
    /// lower than at an earlier stage (an odometer does not go back).
    public static func problems(_ r: ConditionReport, earlier: [ConditionReport]) -> [String: String] {
        var e: [String: String] = [:]
        if !(0...2_000_000).contains(r.mileageKm) { e["mileage_km"] = "must be from 0 to 2,000,000 km" }
        if let last = earlier.filter({ $0.stage != r.stage }).map(\.mileageKm).max(), r.mileageKm < last, e["mileage_km"] == nil {
            e["mileage_km"] = "is lower than the \(last) km recorded before; check the odometer"
        }
        for key in r.grades.keys.sorted() where AppraisalItem(rawValue: key) == nil { e["grades.\(key)"] = "is not an item of the checklist" }
        if r.notes.count > 4000 { e["notes"] = "must be at most 4,000 characters" }
        return e
    }

    /// Items that got worse since the quote (what the dealer checks at delivery and resale).
    public static func worsened(from a: ConditionReport, to b: ConditionReport) -> [AppraisalItem] {
        func rank(_ g: ConditionGrade) -> Int { switch g { case .good: 0; case .worn: 1; case .damaged: 2; case .unchecked: -1 } }
        return AppraisalItem.allCases.filter { rank(a.grade($0)) >= 0 && rank(b.grade($0)) > rank(a.grade($0)) }
    }
}
