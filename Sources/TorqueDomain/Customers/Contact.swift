/// How a contact with a customer happened (CUS-5).
public enum ContactChannel: String, CaseIterable, Codable, Sendable {
    case walkIn = "walk_in", phone, email, sms, fax, web, social, letter

    public var label: String {
        switch self {
        case .walkIn: "Walk-in"
        case .phone: "Phone"
        case .email: "E-mail"
        case .sms: "SMS"
        case .fax: "Fax"
        case .web: "Web"
        case .social: "Social"
        case .letter: "Letter"
        }
    }
}

/// Who started the contact.
public enum ContactDirection: String, CaseIterable, Codable, Sendable {
    case inbound, outbound
}

/// One logged contact, as stored.
public struct Contact: Codable, Sendable, Equatable {
    public var id: Int
    public var customerId: Int
    public var orgUnitId: Int
    public var userId: Int?
    public var userName: String
    public var at: String
    public var channel: String
    public var direction: String
    public var outcome: String
    public var note: String
}

/// A validated contact to log, with an optional follow-up day for the person logging it.
public struct ContactInput: Sendable, Equatable {
    public var channel: ContactChannel
    public var direction: ContactDirection
    public var outcome: String
    public var note: String
    /// ISO date (yyyy-MM-dd) of the follow-up, if any.
    public var followUpOn: String?

    public init(channel: ContactChannel, direction: ContactDirection, outcome: String, note: String, followUpOn: String?) {
        self.channel = channel; self.direction = direction; self.outcome = outcome; self.note = note; self.followUpOn = followUpOn
    }
}

/// A to-do on someone's work list.
public struct WorkTask: Codable, Sendable, Equatable {
    public var id: Int
    public var orgUnitId: Int
    public var assigneeUserId: Int
    public var customerId: Int?
    public var customerName: String?
    public var leadId: Int?
    /// A page the task is about when it is neither a customer nor a lead (a defect alert).
    public var link: String?
    public var title: String
    public var dueOn: String
    public var doneAt: String?
    public var createdAt: String
}

/// Calendar days as typed in forms and stored: `2026-11-25`.
public enum CalendarDay {
    /// The date if `text` is a real day (no 31 November), else nil.
    public static func parse(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1 else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days ? (y, m, d) : nil
    }

    /// Days since 1970-01-01 of an ISO day (proleptic Gregorian; H. Hinnant's days_from_civil).
    public static func ordinal(_ text: String) -> Int? {
        guard let (y0, m, d) = parse(String(text.prefix(10))) else { return nil }
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The ISO day `ordinal` days after 1970-01-01 (civil_from_days).
    public static func fromOrdinal(_ ordinal: Int) -> String {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }

    /// `day` moved by `days` (negative for earlier); `day` itself when it is not a date.
    public static func adding(_ days: Int, to day: String) -> String {
        ordinal(day).map { fromOrdinal($0 + days) } ?? day
    }
}
