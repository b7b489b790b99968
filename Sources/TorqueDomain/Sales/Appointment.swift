/// What an agenda entry is for (SALES-2).
public enum AppointmentKind: String, Codable, Sendable, CaseIterable {
    case appointment, testDrive = "test_drive", call, delivery

    public var label: String {
        switch self {
        case .appointment: "Appointment"
        case .testDrive: "Test drive"
        case .call: "Follow-up call"
        case .delivery: "Delivery"
        }
    }
}

/// An entry of a salesperson's agenda.
public struct Appointment: Codable, Sendable, Equatable {
    public var id: Int
    public var orgUnitId: Int
    public var kind: AppointmentKind
    public var title: String
    /// UTC instants, "2026-11-26T10:00:00Z"; the end is excluded.
    public var startsAt: String
    public var endsAt: String
    public var userId: Int?
    public var userName: String?
    public var customerId: Int?
    public var customerName: String?
    public var opportunityId: Int?
    /// The car of a test drive.
    public var vehicleId: Int?
    public var vehicleTitle: String?
    public var location: String
    public var notes: String
    public var cancelled: Bool
    public var createdAt: String
}

/// What is typed to book an agenda entry.
public struct AppointmentInput: Sendable, Equatable {
    public var kind: AppointmentKind
    public var title: String
    public var startsAt: String
    public var endsAt: String
    public var userId: Int?
    public var customerId: Int?
    public var opportunityId: Int?
    public var vehicleId: Int?
    public var location: String
    public var notes: String

    public init(kind: AppointmentKind, title: String, startsAt: String, endsAt: String, userId: Int? = nil, customerId: Int? = nil, opportunityId: Int? = nil,
                vehicleId: Int? = nil, location: String = "", notes: String = "") {
        self.kind = kind; self.title = title; self.startsAt = startsAt; self.endsAt = endsAt; self.userId = userId; self.customerId = customerId
        self.opportunityId = opportunityId; self.vehicleId = vehicleId; self.location = location; self.notes = notes
    }
}

/// The agenda's rules: a sane time span, and a test-drive car in one place at a time.
public enum Agenda {
    /// Longest entry: a day (a delivery with paperwork); longer is a typing mistake.
    public static let longestMinutes = 24 * 60

    /// Field errors for a booking, before anything is read (instants as "…Z").
    public static func validate(_ a: AppointmentInput) -> [String: String] {
        var e: [String: String] = [:]
        let title = a.title.trimmingCharacters(in: .whitespaces)
        if title.isEmpty { e["title"] = "is required" } else if title.count > 200 { e["title"] = "must be at most 200 characters" }
        guard let start = minutes(a.startsAt) else { e["starts_at"] = "must be a time like 2026-11-26T10:00:00Z"; return e }
        guard let end = minutes(a.endsAt) else { e["ends_at"] = "must be a time like 2026-11-26T10:30:00Z"; return e }
        if end <= start { e["ends_at"] = "must be after the start" } else if end - start > longestMinutes { e["ends_at"] = "must be at most 24 hours after the start" }
        if a.kind == .testDrive && a.vehicleId == nil { e["vehicle_id"] = "is required for a test drive" }
        if a.notes.count > 2000 { e["notes"] = "must be at most 2,000 characters" }
        if a.location.count > 200 { e["location"] = "must be at most 200 characters" }
        return e
    }

    /// Whether [a1, a2) and [b1, b2) share a moment (touching ends do not).
    public static func overlaps(_ a1: String, _ a2: String, _ b1: String, _ b2: String) -> Bool {
        a1 < b2 && b1 < a2
    }

    /// Minutes since 1970 of "YYYY-MM-DDTHH:MM[:SS]Z"; nil for anything else.
    public static func minutes(_ instant: String) -> Int? {
        let chars = Array(instant)
        guard chars.count == 20 || chars.count == 17, chars.last == "Z", chars[10] == "T", chars[13] == ":",
              let day = CalendarDay.ordinal(String(chars[0..<10])),
              let h = Int(String(chars[11..<13])), let m = Int(String(chars[14..<16])), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        if chars.count == 20 { guard chars[16] == ":", let s = Int(String(chars[17..<19])), (0..<60).contains(s) else { return nil } }
        return day * 1440 + h * 60 + m
    }

    /// The canonical text of an instant, "2026-11-26T10:00:00Z", so stored instants compare as text.
    public static func instant(_ minutes: Int) -> String {
        let day = CalendarDay.fromOrdinal(Int((Double(minutes) / 1440).rounded(.down)))
        let inDay = ((minutes % 1440) + 1440) % 1440
        let h = inDay / 60, m = inDay % 60
        return day + "T" + (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m) + ":00Z"
    }
}
