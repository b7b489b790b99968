/// A fleet discount step (SALES-5): from this many cars on one quote, this much off.
public struct FleetTier: Sendable, Equatable, Codable {
    public var minQuantity: Int
    public var discount: Percentage
    public init(minQuantity: Int, discount: Percentage) { self.minQuantity = minQuantity; self.discount = discount }
}

/// Fleet pricing for company accounts: the tier a quantity reaches, given without approval
/// because the dealer's policy set it.
public enum FleetPricing {
    public static let defaultTiers = [
        FleetTier(minQuantity: 5, discount: Percentage(perMillion: 30_000)),
        FleetTier(minQuantity: 10, discount: Percentage(perMillion: 50_000)),
        FleetTier(minQuantity: 25, discount: Percentage(perMillion: 70_000)),
    ]

    /// The discount of the highest tier reached by `quantity` cars (0 below the first).
    public static func discount(quantity: Int, tiers: [FleetTier]) -> Percentage {
        tiers.filter { quantity >= $0.minQuantity }.map(\.discount).max() ?? Percentage(perMillion: 0)
    }

    /// Cars on a quote: the quantities of its vehicle lines.
    public static func vehicles(_ lines: [QuoteLine]) -> Int { lines.filter { $0.kind == .vehicle }.reduce(0) { $0 + $1.quantity } }

    /// Field errors of a tier list: quantities from 2, rising, discounts up to 50 %.
    public static func problems(_ tiers: [FleetTier]) -> [String: String] {
        var e: [String: String] = [:]
        if tiers.count > 10 { e["fleet_tiers"] = "must be at most 10 steps" }
        for (i, t) in tiers.enumerated() {
            if !(2...10_000).contains(t.minQuantity) { e["fleet_tiers[\(i)].min_quantity"] = "must be from 2 to 10,000 cars" }
            if t.discount.perMillion > 500_000 { e["fleet_tiers[\(i)].discount"] = "must be at most 50 %" }
            if i > 0, t.minQuantity <= tiers[i - 1].minQuantity { e["fleet_tiers[\(i)].min_quantity"] = "must be more than the step before" }
        }
        return e
    }
}

/// A company that buys or leases cars (SALES-5): a company customer with its fleet details and
/// the people Torque deals with there.
public struct Account: Sendable, Equatable, Codable {
    public struct Contact: Sendable, Equatable, Codable {
        public var customerId: Int
        public var name: String
        public var role: String
        public var phone: String?
        public var email: String?
        public init(customerId: Int, name: String, role: String, phone: String?, email: String?) {
            self.customerId = customerId; self.name = name; self.role = role; self.phone = phone; self.email = email
        }
    }

    public var customerId: Int
    public var orgUnitId: Int
    public var name: String
    public var industry: String
    public var fleetSize: Int
    public var paymentTermsDays: Int
    public var contacts: [Contact]
    public var createdAt: String

    public init(customerId: Int, orgUnitId: Int, name: String, industry: String, fleetSize: Int, paymentTermsDays: Int, contacts: [Contact], createdAt: String) {
        self.customerId = customerId; self.orgUnitId = orgUnitId; self.name = name; self.industry = industry; self.fleetSize = fleetSize
        self.paymentTermsDays = paymentTermsDays; self.contacts = contacts; self.createdAt = createdAt
    }

    public static func problems(industry: String, fleetSize: Int, paymentTermsDays: Int) -> [String: String] {
        var e: [String: String] = [:]
        if industry.count > 100 { e["industry"] = "must be at most 100 characters" }
        if !(0...1_000_000).contains(fleetSize) { e["fleet_size"] = "must be from 0 to 1,000,000 cars" }
        if !(0...180).contains(paymentTermsDays) { e["payment_terms_days"] = "must be from 0 to 180 days" }
        return e
    }
}

/// A ready-made offer (QUOTE-5): lines for one car, a discount and lease terms, turned into a
/// quote for any company and quantity in one step.
public struct QuoteTemplate: Sendable, Equatable, Codable {
    public var id: Int
    public var orgUnitId: Int
    public var name: String
    public var lines: [QuoteLine]
    public var discountPercent: Percentage?
    public var finance: QuoteFinance?
    public var note: String
    public var createdAt: String

    public init(id: Int, orgUnitId: Int, name: String, lines: [QuoteLine], discountPercent: Percentage?, finance: QuoteFinance?, note: String, createdAt: String) {
        self.id = id; self.orgUnitId = orgUnitId; self.name = name; self.lines = lines; self.discountPercent = discountPercent; self.finance = finance
        self.note = note; self.createdAt = createdAt
    }

    /// The template's lines for `quantity` cars: every line per car.
    public func lines(quantity: Int) -> [QuoteLine] { lines.map { var l = $0; l.quantity = $0.quantity * quantity; return l } }
}
