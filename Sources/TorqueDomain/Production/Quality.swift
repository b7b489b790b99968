/// A defect code of the catalogue, per component (PROD-1).
public struct DefectCode: Codable, Sendable, Equatable {
    public var id: Int
    public var code: String
    public var component: String
    public var description: String
    public init(id: Int, code: String, component: String, description: String) { self.id = id; self.code = code; self.component = component; self.description = description }

    /// Codes like "EL-021": letters, digits and dashes, 2 to 20.
    public static func problem(code: String) -> String? {
        guard (2...20).contains(code.count) else { return "must be 2 to 20 characters" }
        return code.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "-") }) ? nil : "may hold capital letters, digits and dashes only"
    }
}

/// A QA inspection of one car at its plant, passed or failed with the defects found.
public struct QAInspection: Codable, Sendable, Equatable {
    public var id: Int
    public var orgUnitId: Int
    public var plantName: String?
    public var vin: String
    public var modelId: Int
    public var inspectedOn: String
    public var passed: Bool
    public var defects: [String]
    public var inspector: String
    public var note: String
    public var createdAt: String
    public init(id: Int, orgUnitId: Int, plantName: String?, vin: String, modelId: Int, inspectedOn: String, passed: Bool, defects: [String], inspector: String, note: String, createdAt: String) {
        self.id = id; self.orgUnitId = orgUnitId; self.plantName = plantName; self.vin = vin; self.modelId = modelId; self.inspectedOn = inspectedOn; self.passed = passed
        self.defects = defects; self.inspector = inspector; self.note = note; self.createdAt = createdAt
    }

    /// A failed inspection names at least one defect; a passed one names none.
    public static func problem(passed: Bool, defects: [String]) -> String? {
        if !passed && defects.isEmpty { return "a failed inspection names at least one defect code" }
        if passed && !defects.isEmpty { return "a passed inspection has no defects: untick \"passed\" or remove the codes" }
        return nil
    }
}

/// A recurring-defect alert (PROD-2): the code's recent rate on a model at a plant against its baseline.
public struct DefectAlert: Codable, Sendable, Equatable {
    public var id: Int
    public var orgUnitId: Int
    public var plantName: String?
    public var modelId: Int
    public var modelTitle: String?
    public var code: String
    public var component: String?
    public var raisedOn: String
    public var recentDefects: Int
    public var recentInspections: Int
    public var baselineDefects: Int
    public var baselineInspections: Int
    public var expected: Double
    public var pValue: Double
    public var reason: String
    public var status: String
    public var closedByName: String?
    public var closedAt: String?
    public init(id: Int, orgUnitId: Int, plantName: String?, modelId: Int, modelTitle: String?, code: String, component: String?, raisedOn: String, recentDefects: Int, recentInspections: Int,
                baselineDefects: Int, baselineInspections: Int, expected: Double, pValue: Double, reason: String, status: String, closedByName: String?, closedAt: String?) {
        self.id = id; self.orgUnitId = orgUnitId; self.plantName = plantName; self.modelId = modelId; self.modelTitle = modelTitle; self.code = code; self.component = component
        self.raisedOn = raisedOn; self.recentDefects = recentDefects; self.recentInspections = recentInspections; self.baselineDefects = baselineDefects
        self.baselineInspections = baselineInspections; self.expected = expected; self.pValue = pValue; self.reason = reason; self.status = status
        self.closedByName = closedByName; self.closedAt = closedAt
    }

    /// The windows the job compares: the last `recentDays` against the `baselineDays` before.
    public static let recentDays = 7, baselineDays = 90
}

/// The demo plant's defect catalogue and a deterministic stream of inspections with one code
/// rising in the last week, so the alert has something to find.
public enum DemoQuality {
    public static let codes: [(code: String, component: String, description: String)] = [
        ("PT-101", "Paint", "Orange peel on the bonnet"), ("PT-102", "Paint", "Dust inclusion"), ("BD-201", "Body", "Door gap out of tolerance"),
        ("BD-202", "Body", "Tailgate seal misaligned"), ("EL-301", "Electrics", "Infotainment reboots at start"), ("EL-302", "Electrics", "Rear camera no signal"),
        ("PW-401", "Powertrain", "Oil seep at the sump gasket"), ("BR-501", "Brakes", "Brake pedal travel long"), ("IN-601", "Interior", "Dashboard rattle"),
    ]

    /// Defects found on the `n`-th car built `age` days ago of model `model` (0-based): about 3 %
    /// of cars fail on ordinary codes; in the last week EL-301 hits model 1 at 6 %.
    public static func defects(model: Int, age: Int, n: Int) -> [String] {
        let h = (model * 7_919 + age * 104_729 + n * 1_299_709) % 1_000
        if model == 1 && age < DefectAlert.recentDays && h % 100 < 6 { return ["EL-301"] }
        guard h < 30 else { return [] }
        return [codes[(h + model) % codes.count].code]
    }
}
