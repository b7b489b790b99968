/// A month as people plan sales in ("2026-11").
public enum SalesMonth {
    /// The month if `text` reads like 2026-11 (years 2000–2199), else nil.
    public static func parse(_ text: String) -> (year: Int, month: Int)? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (2000...2199).contains(y), (1...12).contains(m) else { return nil }
        return (y, m)
    }

    public static func of(day: String) -> String { String(day.prefix(7)) }

    /// `n` months after (or before, negative) `month`; call with a parsed month.
    public static func adding(_ n: Int, to month: String) -> String {
        let (y, m) = parse(month) ?? (2000, 1)
        let index = y * 12 + (m - 1) + n
        let (ny, nm) = (index / 12, index % 12 + 1)
        return "\(ny)-\(nm < 10 ? "0" : "")\(nm)"
    }

    /// The first day of the month and of the next one (a half-open range of days).
    public static func days(_ month: String) -> (first: String, next: String) { (month + "-01", adding(1, to: month) + "-01") }
}

/// A monthly target (SALES-3) for a unit (dealer, region, the network) or for one salesperson
/// of a unit: units sold and revenue.
public struct SalesTarget: Sendable, Equatable, Codable {
    public var orgUnitId: Int
    public var userId: Int?
    public var month: String
    public var units: Int
    public var revenueMinor: Int

    public init(orgUnitId: Int, userId: Int?, month: String, units: Int, revenueMinor: Int) {
        self.orgUnitId = orgUnitId; self.userId = userId; self.month = month; self.units = units; self.revenueMinor = revenueMinor
    }

    /// Field errors (API names).
    public var problems: [String: String] {
        var e: [String: String] = [:]
        if SalesMonth.parse(month) == nil { e["month"] = "must be a month like 2026-11" }
        if !(0...100_000).contains(units) { e["units"] = "must be from 0 to 100,000" }
        if !(0...100_000_000_000_00).contains(revenueMinor) { e["revenue_minor"] = "must be from 0 to 100,000,000,000.00" }
        return e
    }
}

/// What one line of a forecast adds up: deals won, open deals expected to close (weighted by
/// their stage's probability), and the target.
public struct ForecastFigures: Sendable, Equatable, Codable {
    public var wonUnits = 0
    public var wonRevenueMinor = 0
    public var openCount = 0
    public var openValueMinor = 0
    /// Expected units in hundredths (3 deals at 40 % = 120, i.e. 1.2 cars).
    public var weightedUnitsHundredths = 0
    public var weightedRevenueMinor = 0
    public var targetUnits: Int?
    public var targetRevenueMinor: Int?

    public init() {}

    /// Won plus weighted pipeline, in hundredths of a unit.
    public var forecastUnitsHundredths: Int { wonUnits * 100 + weightedUnitsHundredths }
    public var forecastRevenueMinor: Int { wonRevenueMinor + weightedRevenueMinor }

    /// Forecast revenue as a percentage of the revenue target (nil without a target).
    public var revenueAttainment: Int? {
        guard let t = targetRevenueMinor, t > 0 else { return nil }
        return Int((Double(forecastRevenueMinor) * 100 / Double(t)).rounded())
    }

    /// Forecast units as a percentage of the units target.
    public var unitsAttainment: Int? {
        guard let t = targetUnits, t > 0 else { return nil }
        return Int((Double(forecastUnitsHundredths) / Double(t)).rounded())
    }

    public mutating func addWon(count: Int, revenueMinor: Int) { wonUnits += count; wonRevenueMinor += revenueMinor }

    /// Open deals at a stage with `probability` percent.
    public mutating func addOpen(count: Int, valueMinor: Int, probability: Int) {
        openCount += count
        openValueMinor += valueMinor
        weightedUnitsHundredths += count * probability
        weightedRevenueMinor += Pipeline.weighted(valueMinor: valueMinor, probability: probability)
    }

    public mutating func add(_ o: ForecastFigures) {
        wonUnits += o.wonUnits; wonRevenueMinor += o.wonRevenueMinor; openCount += o.openCount; openValueMinor += o.openValueMinor
        weightedUnitsHundredths += o.weightedUnitsHundredths; weightedRevenueMinor += o.weightedRevenueMinor
        if let t = o.targetUnits { targetUnits = (targetUnits ?? 0) + t }
        if let t = o.targetRevenueMinor { targetRevenueMinor = (targetRevenueMinor ?? 0) + t }
    }

    /// "3.4" from 340 hundredths.
    public static func unitsText(_ hundredths: Int) -> String {
        let tenths = (hundredths + 5) / 10
        return "\(tenths / 10).\(tenths % 10)"
    }
}
