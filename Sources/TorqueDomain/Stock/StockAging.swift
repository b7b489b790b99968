/// How long a unit has stood in stock, in the bands the stock list colours (STOCK-1).
public enum StockAging: String, Sendable, CaseIterable {
    case fresh, ageing, old

    /// Under 60 days fresh, under 120 ageing, beyond old: the usual floor-plan cost steps.
    public static func band(days: Int) -> StockAging {
        days < 60 ? .fresh : (days < 120 ? .ageing : .old)
    }

    public var label: String {
        switch self {
        case .fresh: "under 60 days"
        case .ageing: "60–119 days"
        case .old: "120 days or more"
        }
    }
}
