import Foundation

/// Next month's sales per dealer and model from the last 12 months (DIST-5, PROD-3). Method:
/// - a **seasonal index** per calendar month from the network's 12 months (that month's total
///   over the average month), pooled across dealers and models because one dealer's year is too
///   thin to show a season;
/// - a dealer × model **level**: the last three months' sales, each divided by its month's index;
/// - the **forecast** for a month: level × that month's index.
/// Accuracy is measured by `backtest` on held-out months the forecast did not see.
public enum DemandForecast {
    /// The seasonal index of each calendar month (1–12) from network totals of 12 consecutive
    /// months; months without sales count as average.
    public static func seasonalIndex(totals: [Int], calendarMonths: [Int]) -> [Int: Double] {
        let average = Double(totals.reduce(0, +)) / Double(max(1, totals.count))
        var index: [Int: Double] = [:]
        for (t, m) in zip(totals, calendarMonths) { index[m] = average > 0 && t > 0 ? Double(t) / average : 1 }
        return index
    }

    /// The forecast for `target` (calendar month) from a series whose last three values fell in
    /// `lastMonths`, given the index.
    public static func forecast(series: [Int], lastMonths: [Int], target: Int, index: [Int: Double]) -> Double {
        let recent = Array(series.suffix(3))
        guard !recent.isEmpty else { return 0 }
        let level = zip(recent, lastMonths.suffix(recent.count)).map { Double($0) / max(0.05, index[$1] ?? 1) }.reduce(0, +) / Double(recent.count)
        return level * (index[target] ?? 1)
    }

    /// Forecasts the calendar month `target` (default: the month after the history) for every
    /// series; `months` are the history's months ("2026-01"…), the same for every series, oldest first.
    public static func plan<Key: Hashable>(history: [Key: [Int]], months: [String], target: Int? = nil) -> [Key: Double] {
        let window = Array(months.suffix(12))
        let calendar = window.map { Int($0.suffix(2)) ?? 1 }
        var totals = [Int](repeating: 0, count: window.count)
        for series in history.values { for (i, v) in series.suffix(window.count).enumerated() { totals[i] += v } }
        let index = seasonalIndex(totals: totals, calendarMonths: calendar)
        let target = target ?? (calendar.last ?? 12) % 12 + 1
        return history.mapValues { forecast(series: Array($0.suffix(12)), lastMonths: calendar, target: target, index: index) }
    }

    /// How good the forecast was on held-out history.
    public struct Accuracy: Sendable, Equatable, Codable {
        /// Weighted absolute percentage error: Σ|forecast − actual| ÷ Σ actual, over every
        /// dealer × model × held-out month.
        public var wape: Double
        /// The same for the naive forecast "next month sells like last month", for comparison.
        public var naiveWape: Double
        public var months: [String]
        public var points: Int
    }

    /// Forecasts each of the last `holdout` months from the 12 months before it only, and
    /// compares with what was sold. Needs 12 + `holdout` months of history.
    public static func backtest<Key: Hashable>(history: [Key: [Int]], months: [String], holdout: Int = 3) -> Accuracy? {
        guard holdout > 0, months.count >= 12 + holdout else { return nil }
        var error = 0.0, naiveError = 0.0, actualTotal = 0.0, points = 0
        var tested: [String] = []
        for h in (months.count - holdout)..<months.count {
            let past = Array(months[(h - 12)..<h])
            let cut = history.mapValues { Array($0[(h - 12)..<h]) }
            let predicted = plan(history: cut, months: past)
            for (key, series) in history {
                let actual = Double(series[h])
                error += abs((predicted[key] ?? 0) - actual)
                naiveError += abs(Double(series[h - 1]) - actual)
                actualTotal += actual
                points += 1
            }
            tested.append(months[h])
        }
        guard actualTotal > 0 else { return nil }
        return Accuracy(wape: error / actualTotal, naiveWape: naiveError / actualTotal, months: tested, points: points)
    }

    /// Cars to send a dealer: a month of forecast sales, less what it holds and has coming.
    public static func toSend(forecast: Double, stock: Int, coming: Int) -> Int { max(0, Int(forecast.rounded()) - stock - coming) }
}

/// The production-rate recommendation per model (PROD-3), stated: build next month what the
/// network is forecast to sell, plus what brings stock to `targetDaysOfSupply` days of sales,
/// spread over the plant's working days; never below zero.
public struct ProductionAdvice: Sendable, Equatable, Codable {
    public var forecast: Int
    public var stock: Int
    public var daysOfSupply: Int?
    public var monthUnits: Int
    public var perDay: Int
    public var reason: String

    public static let targetDaysOfSupply = 45, workingDays = 21

    public static func advise(forecast: Double, stock: Int, current perDay: Int?) -> ProductionAdvice {
        let daily = forecast / 30
        let days = daily > 0 ? Int((Double(stock) / daily).rounded()) : nil
        let wantedStock = daily * Double(targetDaysOfSupply)
        let month = max(0, Int((forecast + wantedStock - Double(stock)).rounded()))
        let rate = Int((Double(month) / Double(workingDays)).rounded(.up))
        var reason = "forecast \(Int(forecast.rounded())) sold next month; stock \(stock)" + (days.map { " (\($0) days of supply)" } ?? "")
        reason += "; for \(targetDaysOfSupply) days of supply build \(month), \(rate) a day over \(workingDays) working days"
        if let perDay { reason += perDay == rate ? " (as now)" : (perDay < rate ? " (up from \(perDay))" : " (down from \(perDay))") }
        return ProductionAdvice(forecast: Int(forecast.rounded()), stock: stock, daysOfSupply: days, monthUnits: month, perDay: rate, reason: reason)
    }
}
