/// Weekly opening hours, written as `mon-fri 08:00-18:00; sat 09:00-12:30`.
public struct WorkingHours: Equatable, Sendable {
    public struct Span: Equatable, Sendable {
        public var weekday: Int  // 1 = Monday … 7 = Sunday
        public var startMinute: Int
        public var endMinute: Int
    }

    public var spans: [Span]

    /// No opening hours at all.
    public static let none = WorkingHours(spans: [])

    static let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Parses the text form; the error message is written for the person who typed it.
    public static func parse(_ text: String) -> Result<WorkingHours, FieldProblem> {
        var spans: [Span] = []
        let trimmed = text.trimmed
        if trimmed.isEmpty { return .success(WorkingHours(spans: [])) }
        for part in trimmed.split(separator: ";") {
            let words = part.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count == 2 else { return .failure(.init("write each day range as 'mon-fri 08:00-18:00', separated by ';'")) }
            guard let dayRange = parseDays(String(words[0]).lowercased()) else {
                return .failure(.init("'\(words[0])' is not a day or day range (mon … sun)"))
            }
            let times = words[1].split(separator: "-")
            guard times.count == 2, let start = parseTime(String(times[0])), let end = parseTime(String(times[1])), start < end else {
                return .failure(.init("'\(words[1])' is not a time range like 08:00-18:00"))
            }
            for day in dayRange { spans.append(Span(weekday: day, startMinute: start, endMinute: end)) }
        }
        return .success(WorkingHours(spans: spans))
    }

    static func parseDays(_ text: String) -> ClosedRange<Int>? {
        let ends = text.split(separator: "-").map(String.init)
        guard (1...2).contains(ends.count),
              let first = days.firstIndex(of: ends[0]),
              let last = days.firstIndex(of: ends.last!), first <= last else { return nil }
        return (first + 1)...(last + 1)
    }

    static func parseTime(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 24 * 60 else { return nil }
        return h * 60 + m
    }

    public func isOpen(weekday: Int, minute: Int) -> Bool {
        spans.contains { $0.weekday == weekday && $0.startMinute <= minute && minute < $0.endMinute }
    }
}
