/// A bay or lift of a workshop and what it is equipped for (SVC-1).
public struct WorkshopBay: Sendable, Equatable, Codable {
    public var id: Int
    public var orgUnitId: Int
    public var name: String
    public var capabilities: [String]
    public var active: Bool
    public var createdAt: String

    public init(id: Int, orgUnitId: Int, name: String, capabilities: [String], active: Bool, createdAt: String) {
        self.id = id; self.orgUnitId = orgUnitId; self.name = name; self.capabilities = capabilities; self.active = active; self.createdAt = createdAt
    }
}

/// Days a technician is away.
public struct TechnicianAbsence: Sendable, Equatable, Codable {
    public var id: Int
    public var fromDay: String
    public var toDay: String
    public var kind: AbsenceKind
    public var note: String

    public init(id: Int, fromDay: String, toDay: String, kind: AbsenceKind, note: String) {
        self.id = id; self.fromDay = fromDay; self.toDay = toDay; self.kind = kind; self.note = note
    }
}

/// A technician of a workshop (SVC-1, ORG-4): skills with levels, weekly hours, absences.
public struct Technician: Sendable, Equatable, Codable {
    public var id: Int
    public var orgUnitId: Int
    public var userId: Int?
    public var name: String
    /// `mon-fri 08:00-12:00; mon-fri 13:00-17:00`
    public var hours: String
    public var active: Bool
    public var skills: [String: Int]
    public var absences: [TechnicianAbsence]
    public var createdAt: String

    public init(id: Int, orgUnitId: Int, userId: Int?, name: String, hours: String, active: Bool, skills: [String: Int], absences: [TechnicianAbsence], createdAt: String) {
        self.id = id; self.orgUnitId = orgUnitId; self.userId = userId; self.name = name; self.hours = hours; self.active = active; self.skills = skills; self.absences = absences; self.createdAt = createdAt
    }

    /// As the scheduler sees them.
    public var plan: TechnicianPlan {
        TechnicianPlan(id: id, name: name, skills: skills, hours: (try? WorkingHours.parse(hours).get()) ?? WorkingHours(spans: []),
                       absences: absences.map { Absence(fromDay: $0.fromDay, toDay: $0.toDay, kind: $0.kind) })
    }
}

/// A labour operation of the catalog (SVC-2): its standard time for a model family ('' for
/// any), and the skill and bay it needs.
public struct LabourOperation: Sendable, Equatable, Codable {
    public var id: Int
    public var orgUnitId: Int
    public var code: String
    public var name: String
    public var modelFamily: String
    public var minutes: Int
    public var skill: String
    public var skillLevel: Int
    public var bayCapability: String
    /// The parts kit: part numbers the job uses, taken from the workshop's own stock.
    public var parts: [KitPart]
    public var createdAt: String

    public init(id: Int, orgUnitId: Int, code: String, name: String, modelFamily: String, minutes: Int, skill: String, skillLevel: Int, bayCapability: String, parts: [KitPart] = [], createdAt: String) {
        self.id = id; self.orgUnitId = orgUnitId; self.code = code; self.name = name; self.modelFamily = modelFamily; self.minutes = minutes; self.skill = skill; self.skillLevel = skillLevel; self.bayCapability = bayCapability; self.parts = parts; self.createdAt = createdAt
    }
}

/// What a booking does: an operation of the catalog, or free text with an estimate.
public struct BookedOperation: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var minutes: Int
    public init(code: String, name: String, minutes: Int) { self.code = code; self.name = name; self.minutes = minutes }
}

/// A workshop booking (SVC-3): the car, the technician and bay, the time on the workshop's clock.
public struct ServiceBooking: Sendable, Equatable, Codable {
    public var id: Int
    public var orgUnitId: Int
    public var customerId: Int?
    public var customerName: String?
    public var vehicleId: Int?
    public var vehicleTitle: String?
    public var technicianId: Int
    public var technicianName: String?
    public var bayId: Int
    public var bayName: String?
    /// "2026-11-30T08:00", the workshop's local time.
    public var startsAt: String
    public var endsAt: String
    public var minutes: Int
    public var operations: [BookedOperation]
    public var status: String
    public var notes: String
    public var createdAt: String

    public init(id: Int, orgUnitId: Int, customerId: Int?, customerName: String?, vehicleId: Int?, vehicleTitle: String?, technicianId: Int, technicianName: String?, bayId: Int, bayName: String?, startsAt: String, endsAt: String, minutes: Int, operations: [BookedOperation], status: String, notes: String, createdAt: String) {
        self.id = id; self.orgUnitId = orgUnitId; self.customerId = customerId; self.customerName = customerName; self.vehicleId = vehicleId; self.vehicleTitle = vehicleTitle; self.technicianId = technicianId; self.technicianName = technicianName; self.bayId = bayId; self.bayName = bayName; self.startsAt = startsAt; self.endsAt = endsAt; self.minutes = minutes; self.operations = operations; self.status = status; self.notes = notes; self.createdAt = createdAt
    }
}

/// Checks of the workshop set-up: names of skills and equipment, levels, hours.
public enum WorkshopRules {
    /// Skill and equipment codes: lowercase letters, digits and `_` (ev_high_voltage).
    public static func isCode(_ s: String) -> Bool { !s.isEmpty && s.count <= 40 && s.allSatisfy { ($0.isLetter && $0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "_" } }

    public static func skillProblems(_ skills: [String: Int]) -> [String: String] {
        var e: [String: String] = [:]
        for (code, level) in skills.sorted(by: { $0.key < $1.key }) {
            if !isCode(code) { e["skills.\(code)"] = "must be a code of lowercase letters, digits and _ (like ev_high_voltage)" }
            else if !(1...3).contains(level) { e["skills.\(code)"] = "level must be 1 (basic), 2 or 3 (expert)" }
        }
        return e
    }

    /// "2026-11-30T08:00" ↔ workshop minutes.
    public static func stamp(_ minute: Int) -> String { WorkshopTime.text(minute).replacingOccurrences(of: " ", with: "T") }
    public static func minute(_ stamp: String) -> Int? {
        let parts = stamp.split(separator: "T")
        guard parts.count == 2, let m = WorkshopTime.clock(String(parts[1])) else { return nil }
        return WorkshopTime.minute(day: String(parts[0]), at: m)
    }
}
