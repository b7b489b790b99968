import Foundation

extension WorkingHours {
    /// The moment `minutes` of opening time after `start`, in the unit's time zone: a lead that
    /// arrives at 21:00 with a 15-minute promise is due 15 minutes after the next opening, not
    /// at 21:15. Without opening hours the minutes are plain clock minutes.
    public func deadline(from start: Date, addingMinutes minutes: Int, timeZone: TimeZone) -> Date {
        guard !spans.isEmpty else { return start + Double(minutes) * 60 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var left = Double(minutes) * 60
        var dayStart = calendar.startOfDay(for: start)
        for _ in 0..<21 {
            // Calendar weekday: 1 = Sunday … 7 = Saturday; ours: 1 = Monday … 7 = Sunday.
            let weekday = (calendar.component(.weekday, from: dayStart) + 5) % 7 + 1
            for span in spans.filter({ $0.weekday == weekday }).sorted(by: { $0.startMinute < $1.startMinute }) {
                guard let open = calendar.date(byAdding: .minute, value: span.startMinute, to: dayStart),
                      let close = calendar.date(byAdding: .minute, value: span.endMinute, to: dayStart), close > start else { continue }
                let from = max(open, start)
                let available = close.timeIntervalSince(from)
                if left <= available { return from + left }
                left -= available
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: dayStart) else { break }
            dayStart = next
        }
        return start + Double(minutes) * 60
    }
}
