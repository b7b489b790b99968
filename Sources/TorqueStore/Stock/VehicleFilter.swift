import TorqueDomain

/// Orders of the vehicle list.
public enum VehicleSort: String, CaseIterable, Sendable {
    case newest, oldestStock = "oldest_stock", priceLow = "price_low", priceHigh = "price_high"
    public var label: String {
        switch self {
        case .newest: "Newest entries first"
        case .oldestStock: "Longest in stock first"
        case .priceLow: "Lowest price first"
        case .priceHigh: "Highest price first"
        }
    }
}

/// Filters of the vehicle list (STOCK-1); the same keys name them in the page URL, the API and
/// saved views.
public struct VehicleFilter: Sendable, Equatable {
    public var status: VehicleStatus?
    /// Only units counted as stock (in transit, in stock, reserved).
    public var stockOnly = false
    public var kind: VehicleKind?
    public var modelID: Int?
    public var unitID: Int?
    public var aging: StockAging?
    /// VIN (or its last characters), plate, make or model.
    public var query: String?
    public var customerID: Int?
    public var sort: VehicleSort = .newest
    public init() {}
}
