/// One event of an iCalendar feed.
public struct CalendarEvent: Sendable, Equatable {
    public var uid: String
    public var start: String
    public var end: String
    public var summary: String
    public var description: String
    public var location: String
    public var cancelled: Bool
    public init(uid: String, start: String, end: String, summary: String, description: String = "", location: String = "", cancelled: Bool = false) {
        self.uid = uid; self.start = start; self.end = end; self.summary = summary; self.description = description; self.location = location; self.cancelled = cancelled
    }
}

/// Writes an iCalendar feed (RFC 5545) that calendar apps subscribe to (INT-4): UTC times,
/// text escaped, lines folded at 75 octets, CRLF line ends. Written by hand: no package here
/// writes iCalendar.
public enum ICalendar {
    public static func feed(name: String, events: [CalendarEvent], stamp: String) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Torque//Agenda//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + text(name)]
        for e in events {
            lines += ["BEGIN:VEVENT", "UID:" + text(e.uid), "DTSTAMP:" + basic(stamp), "DTSTART:" + basic(e.start), "DTEND:" + basic(e.end), "SUMMARY:" + text(e.summary)]
            if !e.description.isEmpty { lines.append("DESCRIPTION:" + text(e.description)) }
            if !e.location.isEmpty { lines.append("LOCATION:" + text(e.location)) }
            lines.append("STATUS:" + (e.cancelled ? "CANCELLED" : "CONFIRMED"))
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// "2026-11-26T10:00:00Z" → "20261126T100000Z".
    static func basic(_ instant: String) -> String { instant.filter { $0 != "-" && $0 != ":" } }

    /// TEXT values: backslash, semicolon and comma escaped, newlines as \\n (RFC 5545 3.3.11).
    static func text(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.append(ch)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a
    /// UTF-8 character (RFC 5545 3.1).
    static func fold(_ line: String) -> String {
        var out = "", current = 0
        for ch in line {
            let size = String(ch).utf8.count
            if current + size > 75 {
                out += "\r\n "
                current = 1
            }
            out.append(ch)
            current += size
        }
        return out
    }
}
