import Foundation
import TorqueDomain

/// A contact as submitted by the form or the API, before validation.
struct ContactFields: APIInput, Sendable {
    var channel: String?
    var direction: String?
    var outcome: String?
    var note: String?
    var followUpOn: String?

    static let fields: Set<String> = ["channel", "direction", "outcome", "note", "follow_up_on"]

    init(channel: String? = nil, direction: String? = nil, outcome: String? = nil, note: String? = nil, followUpOn: String? = nil) {
        self.channel = channel; self.direction = direction; self.outcome = outcome; self.note = note; self.followUpOn = followUpOn
    }

    init(form: FormData) {
        self.init(channel: form["channel"], direction: form["direction"], outcome: form["outcome"], note: form["note"], followUpOn: form["follow_up_on"])
    }

    /// `today` is the caller's day (their unit's time zone); a follow-up cannot be in the past.
    func validated(today: String, errors: inout ValidationErrors) -> ContactInput? {
        let channel = self.channel.flatMap(ContactChannel.init(rawValue:))
        if channel == nil { errors.add("channel", "must be one of: " + ContactChannel.allCases.map(\.rawValue).joined(separator: ", ")) }
        let direction = ContactDirection(rawValue: self.direction ?? "inbound")
        if direction == nil { errors.add("direction", "must be inbound or outbound") }
        let outcome = Validate.text(outcome, field: "outcome", required: false, limit: Validate.nameLimit, into: &errors) ?? ""
        let note = Validate.text(note, field: "note", required: false, limit: Validate.textLimit, into: &errors) ?? ""
        var followUp: String?
        if let day = followUpOn?.trimmingCharacters(in: .whitespaces), !day.isEmpty {
            if CalendarDay.parse(day) == nil { errors.add("follow_up_on", "must be a date like 2026-12-01") }
            else if day < today { errors.add("follow_up_on", "is in the past") }
            else { followUp = day }
        }
        guard errors.isEmpty, let channel, let direction else { return nil }
        return ContactInput(channel: channel, direction: direction, outcome: outcome, note: note, followUpOn: followUp)
    }

    /// Today's date in a time zone, as stored for follow-ups.
    static func today(in timeZone: String, now: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: now)
    }
}
