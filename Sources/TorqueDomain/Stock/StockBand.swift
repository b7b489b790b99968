/// The age band a vehicle is counted in by the network view (STOCK-3): units in stock for 120
/// days or more are `old`, units sold in the last 30 days are `recent`; the rest have none.
public enum StockBand {
    public static let oldAfterDays = 120
    public static let recentSalesDays = 30

    /// `day120` and `day30` are the ISO days 120 and 30 days before today.
    public static func of(status: VehicleStatus, inStockSince: String?, soldAt: String?, day120: String, day30: String) -> String {
        switch status {
        case .inStock, .reserved: if let since = inStockSince, since <= day120 { return "old" }
        case .sold, .delivered: if let sold = soldAt, String(sold.prefix(10)) >= day30 { return "recent" }
        default: break
        }
        return ""
    }
}
