/// A unit's quoting rules (QUOTE-1), inherited down the tree like its pipeline: its own tax rate
/// (else the country's), whether a trade-in lowers sales tax, how long quotes stay valid, and
/// the discount each role may give without approval.
public struct QuoteSettings: Sendable, Equatable, Codable {
    public var taxRate: Percentage?
    public var tradeInCredit: Bool
    public var validDays: Int
    public var discountLimits: [String: Percentage]
    /// Fleet discount steps for company accounts (SALES-5).
    public var fleetTiers: [FleetTier]

    public init(taxRate: Percentage? = nil, tradeInCredit: Bool = true, validDays: Int = 14, discountLimits: [String: Percentage] = [:],
                fleetTiers: [FleetTier] = FleetPricing.defaultTiers) {
        self.taxRate = taxRate; self.tradeInCredit = tradeInCredit; self.validDays = validDays; self.discountLimits = discountLimits; self.fleetTiers = fleetTiers
    }

    public static let defaults = QuoteSettings()

    /// Field errors (API names).
    public func problems(knownRoles: Set<String>) -> [String: String] {
        var e: [String: String] = [:]
        if let r = taxRate, r.perMillion > 500_000 { e["tax_rate"] = "must be at most 50 %" }
        if !(1...365).contains(validDays) { e["valid_days"] = "must be from 1 to 365 days" }
        for (role, limit) in discountLimits.sorted(by: { $0.key < $1.key }) {
            if !knownRoles.contains(role) { e["discount_limits.\(role)"] = "is not a role of this installation" }
            else if limit.perMillion > 1_000_000 { e["discount_limits.\(role)"] = "must be at most 100 %" }
        }
        e.merge(FleetPricing.problems(fleetTiers)) { a, _ in a }
        return e
    }

    /// The limit for someone with these roles here.
    public func limit(roles: [String]) -> Percentage { DiscountPolicy.limit(roles: roles, configured: discountLimits) }
}
