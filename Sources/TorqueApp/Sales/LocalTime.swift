import Foundation
import TorqueDomain

/// Local day and time in a unit's time zone ↔ the UTC instants the agenda stores.
enum LocalTime {
    /// "2026-11-26" + "10:00" in `timeZone` → "2026-11-26T09:00:00Z"; nil when not a day or time.
    static func utc(day: String, time: String, timeZone: String) -> String? {
        let parts = time.split(separator: ":")
        guard let d = CalendarDay.ordinal(day), day.count == 10, parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        let local = (d * 1440 + h * 60 + m) * 60
        let tz = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        // The offset at the local wall time: guess with it as UTC, then correct once (DST edges).
        var offset = tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local)))
        offset = tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local - offset)))
        return Agenda.instant((local - offset) / 60)
    }

    /// "2026-11-26T09:00:00Z" → ("2026-11-26", "10:00") in `timeZone`.
    static func local(_ instant: String, timeZone: String) -> (day: String, time: String) {
        guard let minutes = Agenda.minutes(instant) else { return (String(instant.prefix(10)), "") }
        let tz = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        let offset = tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(minutes * 60))) / 60
        let text = Agenda.instant(minutes + offset)
        return (String(text.prefix(10)), String(text.dropFirst(11).prefix(5)))
    }
}
