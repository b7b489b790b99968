/// One item of a maintenance schedule (SVC-5): due every so many months or kilometres,
/// whichever comes first. `code` matches the labour operation that does it.
public struct MaintenanceItem: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var everyMonths: Int
    public var everyKm: Int
    public init(code: String, name: String, everyMonths: Int, everyKm: Int) { self.code = code; self.name = name; self.everyMonths = everyMonths; self.everyKm = everyKm }
}

/// When maintenance falls due, from time and from the car's use.
public enum MaintenancePlanner {
    /// The manufacturer's schedule for its cars (a model family may later have its own).
    public static let standardSchedule = [
        MaintenanceItem(code: "SRV-A", name: "Annual service", everyMonths: 12, everyKm: 15_000),
        MaintenanceItem(code: "BRK-FLUID", name: "Brake fluid", everyMonths: 24, everyKm: 0),
        MaintenanceItem(code: "ALIGN", name: "Wheel alignment check", everyMonths: 24, everyKm: 30_000),
    ]

    /// Reminders go out this many days before an item is due.
    public static let remindDaysBefore = 21

    /// Kilometres a car runs a day, from two readings; 40 km (≈ 15,000 a year) without history.
    public static func kmPerDay(fromDay: String, fromKm: Int, toDay: String, toKm: Int) -> Double {
        guard let a = CalendarDay.ordinal(fromDay), let b = CalendarDay.ordinal(toDay), b - a >= 30, toKm > fromKm else { return 40 }
        return Double(toKm - fromKm) / Double(b - a)
    }

    /// The day the item is next due after it was last done on `lastDay` at `lastKm`: its
    /// months later, or the day the car is expected to reach the kilometres, whichever is first.
    public static func nextDue(_ item: MaintenanceItem, lastDay: String, lastKm: Int, kmPerDay: Double) -> String {
        var due = item.everyMonths > 0 ? addMonths(item.everyMonths, to: lastDay) : CalendarDay.adding(3650, to: lastDay)
        if item.everyKm > 0, kmPerDay > 0 {
            let byKm = CalendarDay.adding(Int((Double(item.everyKm) / kmPerDay).rounded(.down)), to: lastDay)
            due = min(due, byKm)
        }
        return due
    }

    /// `months` calendar months after `day`, the last day of the month when it has fewer days.
    public static func addMonths(_ months: Int, to day: String) -> String {
        guard let (y, m, d) = CalendarDay.parse(day) else { return day }
        let index = y * 12 + (m - 1) + months
        let (ny, nm) = (index / 12, index % 12 + 1)
        guard (1...9999).contains(ny) else { return day }
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        func text(_ dd: Int) -> String { "\(pad(ny, 4))-\(pad(nm, 2))-\(pad(dd, 2))" }
        // Every month has a 28th: the walk back from the 31st ends there at the latest.
        var nd = d
        while nd > 28 && CalendarDay.parse(text(nd)) == nil { nd -= 1 }
        return text(nd)
    }

    /// Whether a reminder is due today for an item due on `dueDay` that was last reminded for
    /// `remindedFor` (once per due date).
    public static func shouldRemind(dueDay: String, remindedFor: String?, today: String) -> Bool {
        remindedFor != dueDay && CalendarDay.adding(-remindDaysBefore, to: dueDay) <= today
    }
}
