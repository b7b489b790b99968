/// The OEM's warning rules on orders and sales (BI-5), configurable per network.
public struct FlagRules: Sendable, Equatable, Codable {
    /// An order of more cars than this is flagged ("order too large").
    public var maxOrderUnits: Int
    /// …or of more than this many times the dealer's average order (with a few past orders).
    public var maxTimesAverage: Double
    /// The average needs at least this many past orders to mean anything.
    public var minPastOrders: Int
    /// A dealer's month below this share of its target is flagged ("dealer sale too small").
    public var minShareOfTarget: Double
    public init(maxOrderUnits: Int = 50, maxTimesAverage: Double = 3, minPastOrders: Int = 3, minShareOfTarget: Double = 0.5) {
        self.maxOrderUnits = maxOrderUnits; self.maxTimesAverage = maxTimesAverage; self.minPastOrders = minPastOrders; self.minShareOfTarget = minShareOfTarget
    }
    public static let defaults = FlagRules()
}

/// A raised warning with its reason in words.
public struct WarningFlag: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case orderTooLarge = "order_too_large", salesTooSmall = "sales_too_small" }
    public var kind: Kind
    public var reason: String
}

/// The flag rules as pure functions (BI-5).
public enum WarningFlags {
    /// Flags on a new order of `units` cars, given the dealer's past orders (units each).
    public static func order(units: Int, pastOrders: [Int], rules: FlagRules = .defaults) -> [WarningFlag] {
        var flags: [WarningFlag] = []
        if units > rules.maxOrderUnits {
            flags.append(WarningFlag(kind: .orderTooLarge, reason: "\(units) cars is above the limit of \(rules.maxOrderUnits) for one order"))
        }
        if pastOrders.count >= rules.minPastOrders {
            let average = Double(pastOrders.reduce(0, +)) / Double(pastOrders.count)
            if average > 0, Double(units) > rules.maxTimesAverage * average {
                flags.append(WarningFlag(kind: .orderTooLarge, reason: "\(units) cars is more than \(format(rules.maxTimesAverage)) times this dealer's average order (\(format(average)))"))
            }
        }
        return flags
    }

    /// The flag on a dealer's month of sales against its target (none without a target).
    public static func sales(units: Int, target: Int, month: String, rules: FlagRules = .defaults) -> WarningFlag? {
        guard target > 0, Double(units) < rules.minShareOfTarget * Double(target) else { return nil }
        return WarningFlag(kind: .salesTooSmall, reason: "\(units) cars sold in \(month): \(Int((Double(units) / Double(target) * 100).rounded())) % of the target of \(target), below \(Int((rules.minShareOfTarget * 100).rounded())) %")
    }

    public static func format(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(Double(Int((x * 10).rounded())) / 10)
    }
}
