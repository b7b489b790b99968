/// Minutes on the workshop's own clock: days since 1970-01-01 × 1440 + minute of the day, in the
/// workshop's time zone. Scheduling works in these; the edges convert to and from instants.
public enum WorkshopTime {
    public static func minute(day: String, at minuteOfDay: Int) -> Int? { CalendarDay.ordinal(day).map { $0 * 1440 + minuteOfDay } }
    public static func day(_ minute: Int) -> String { CalendarDay.fromOrdinal(floorDiv(minute, 1440)) }
    public static func minuteOfDay(_ minute: Int) -> Int { minute - floorDiv(minute, 1440) * 1440 }
    /// 1 = Monday … 7 = Sunday.
    public static func weekday(ordinal: Int) -> Int { ((ordinal + 3) % 7 + 7) % 7 + 1 }
    /// "2026-12-01 08:30".
    public static func text(_ minute: Int) -> String {
        let m = minuteOfDay(minute)
        return "\(day(minute)) \(m / 60 < 10 ? "0" : "")\(m / 60):\(m % 60 < 10 ? "0" : "")\(m % 60)"
    }
    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// "08:30" → 510; nil for anything else.
    public static func clock(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0...59).contains(m),
              h * 60 + m <= 1440 else { return nil }
        return h * 60 + m
    }
}

/// Why a technician is away.
public enum AbsenceKind: String, Sendable, Codable, CaseIterable {
    case vacation, sickness, training, other
    public var label: String {
        switch self {
        case .vacation: "Vacation"
        case .sickness: "Sickness"
        case .training: "Training"
        case .other: "Away"
        }
    }
}

/// Days away, both ends included.
public struct Absence: Sendable, Equatable, Codable {
    public var fromDay: String
    public var toDay: String
    public var kind: AbsenceKind
    public init(fromDay: String, toDay: String, kind: AbsenceKind) { self.fromDay = fromDay; self.toDay = toDay; self.kind = kind }
    public func covers(_ day: String) -> Bool { fromDay <= day && day <= toDay }
}

/// A technician as the scheduler sees them: skills with levels (1 basic … 3 expert), hours, absences.
public struct TechnicianPlan: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var skills: [String: Int]
    /// Weekly hours in the unit's text form (`mon-fri 08:00-17:00`), parsed.
    public var hours: WorkingHours
    public var absences: [Absence]
    public init(id: Int, name: String, skills: [String: Int], hours: WorkingHours, absences: [Absence]) {
        self.id = id; self.name = name; self.skills = skills; self.hours = hours; self.absences = absences
    }

    public func qualifies(for required: [String: Int]) -> Bool { required.allSatisfy { (skills[$0.key] ?? 0) >= $0.value } }
}

/// A bay or lift and what it is equipped for (alignment, EV high voltage, …).
public struct BayPlan: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var capabilities: Set<String>
    public init(id: Int, name: String, capabilities: Set<String>) { self.id = id; self.name = name; self.capabilities = capabilities }
}

/// Time already taken, by a technician or a bay.
public struct BusySpan: Sendable, Equatable {
    public enum Resource: Sendable, Hashable { case technician(Int), bay(Int) }
    public var resource: Resource
    public var start: Int
    public var end: Int
    public init(_ resource: Resource, start: Int, end: Int) { self.resource = resource; self.start = start; self.end = end }
}

/// What a job needs (SVC-3): skills at a level, a bay with capabilities, working minutes, and
/// the first day its parts are there.
public struct JobNeeds: Sendable, Equatable {
    public var skills: [String: Int]
    public var bayCapabilities: Set<String>
    public var minutes: Int
    public var partsFromDay: String?
    public init(skills: [String: Int], bayCapabilities: Set<String> = [], minutes: Int, partsFromDay: String? = nil) {
        self.skills = skills; self.bayCapabilities = bayCapabilities; self.minutes = minutes; self.partsFromDay = partsFromDay
    }
}

/// One proposed booking: who, where, when (the technician's working pieces), and why.
public struct SlotProposal: Sendable, Equatable, Codable {
    public var technicianId: Int
    public var technicianName: String
    public var bayId: Int
    public var bayName: String
    public var start: Int
    public var end: Int
    /// The technician's working pieces (several when the job runs over days or breaks).
    public var pieces: [[Int]]
    public var explanation: String
}
