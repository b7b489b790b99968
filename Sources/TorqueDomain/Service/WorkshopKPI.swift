/// Workshop figures (SVC-6, 002: "the workshop's performance as billed hours over worked hours").
public enum WorkshopKPI {
    /// Billed minutes over clocked minutes, in percent; nil before anyone clocked.
    public static func efficiency(billedMinutes: Int, clockedMinutes: Int) -> Int? {
        clockedMinutes <= 0 ? nil : Int((Double(billedMinutes) * 100 / Double(clockedMinutes)).rounded())
    }

    /// Booked bay minutes over the bays' open minutes, in percent.
    public static func utilisation(bookedMinutes: Int, openMinutes: Int) -> Int? {
        openMinutes <= 0 ? nil : Int((Double(bookedMinutes) * 100 / Double(openMinutes)).rounded())
    }

    /// Minutes the workshop is open from `from` to `to` (days, `to` excluded).
    public static func openMinutes(_ hours: WorkingHours, from: String, to: String) -> Int {
        guard let a = CalendarDay.ordinal(from), let b = CalendarDay.ordinal(to), b > a else { return 0 }
        return (a..<b).reduce(0) { sum, day in
            sum + hours.spans.filter { $0.weekday == WorkshopTime.weekday(ordinal: day) }.reduce(0) { $0 + $1.endMinute - $1.startMinute }
        }
    }

    /// A visit of a car back within 30 days for an operation it already had: a comeback.
    public struct Visit: Sendable, Equatable {
        public var vehicleId: Int
        public var day: String
        public var codes: Set<String>
        public init(vehicleId: Int, day: String, codes: Set<String>) { self.vehicleId = vehicleId; self.day = day; self.codes = codes }
    }

    /// How many of `visits` (in the period) repeat an operation of the same car's visit in the
    /// 30 days before (`earlier` may reach back before the period).
    public static func comebacks(_ visits: [Visit], earlier: [Visit]) -> Int {
        var byCar: [Int: [Visit]] = [:]
        for v in earlier + visits { byCar[v.vehicleId, default: []].append(v) }
        return visits.filter { v in
            (byCar[v.vehicleId] ?? []).contains { e in
                e.day < v.day && CalendarDay.adding(30, to: e.day) >= v.day && !e.codes.intersection(v.codes).isEmpty
            }
        }.count
    }
}
