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
}
