/// What one salesperson did over a period (SALES-4, 004 "metrics in staff meetings"): contacts
/// and visits, test drives, quotes and contracts, and the rates a sales manager asks about.
public struct SalesActivity: Sendable, Equatable, Codable {
    public var userId: Int?
    public var name: String
    public var unitName: String
    public var calls = 0
    public var visits = 0
    public var testDrives = 0
    public var opportunitiesOpened = 0
    public var won = 0
    public var lost = 0
    public var quotes = 0
    public var contracts = 0
    public var revenueMinor = 0
    /// Sum of the quotes' discount shares (ppm), for the average.
    public var discountPerMillionSum = 0

    public init(userId: Int?, name: String, unitName: String) { self.userId = userId; self.name = name; self.unitName = unitName }

    /// Won out of the deals closed (won or lost) in the period, in percent.
    public var winRate: Int? { won + lost == 0 ? nil : Int((Double(won) * 100 / Double(won + lost)).rounded()) }
    /// Contracts per quote made in the period, in percent.
    public var quoteToContract: Int? { quotes == 0 ? nil : Int((Double(contracts) * 100 / Double(quotes)).rounded()) }
    /// The average discount of the period's quotes.
    public var averageDiscount: Percentage? { quotes == 0 ? nil : Percentage(perMillion: (discountPerMillionSum + quotes / 2) / quotes) }

    public mutating func add(_ o: SalesActivity) {
        calls += o.calls; visits += o.visits; testDrives += o.testDrives; opportunitiesOpened += o.opportunitiesOpened; won += o.won; lost += o.lost
        quotes += o.quotes; contracts += o.contracts; revenueMinor += o.revenueMinor; discountPerMillionSum += o.discountPerMillionSum
    }

    /// Plain sentences for the meeting: who has not followed up, who discounts most.
    public static func remarks(_ rows: [SalesActivity]) -> [String] {
        var out: [String] = []
        let active = rows.filter { $0.userId != nil }
        for r in active where r.calls + r.visits == 0 { out.append("\(r.name) logged no call or visit.") }
        for r in active where r.quotes >= 3 && r.contracts == 0 { out.append("\(r.name) made \(r.quotes) quotes and closed none.") }
        if let top = active.filter({ $0.quotes > 0 }).max(by: { ($0.averageDiscount?.perMillion ?? 0) < ($1.averageDiscount?.perMillion ?? 0) }),
           let d = top.averageDiscount, d.perMillion >= 30_000, active.filter({ $0.quotes > 0 }).count > 1 {
            out.append("\(top.name) gives the highest average discount: \(d.percentText) %.")
        }
        return out
    }
}
