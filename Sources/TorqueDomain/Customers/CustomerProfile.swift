import Foundation

/// CUS-6: a customer's value, loyalty, activity state and next moments, computed from the
/// timeline (purchases, workshop visits, contacts) and open leads and opportunities.
public enum CustomerProfiler {
    /// What the profile is computed from; the store gathers it with a few grouped queries.
    public struct Facts: Sendable, Equatable {
        public var customerSince: Date
        /// Vehicle purchases (contracts), oldest first, with their value in cents.
        public var purchases: [(at: Date, amountMinor: Int)]
        /// Workshop visits (closed repair orders), oldest first.
        public var services: [(at: Date, amountMinor: Int)]
        public var lastContact: Date?
        public var openLeads: Int
        public var openOpportunities: Int

        public init(customerSince: Date, purchases: [(at: Date, amountMinor: Int)] = [], services: [(at: Date, amountMinor: Int)] = [],
                    lastContact: Date? = nil, openLeads: Int = 0, openOpportunities: Int = 0) {
            self.customerSince = customerSince; self.purchases = purchases; self.services = services
            self.lastContact = lastContact; self.openLeads = openLeads; self.openOpportunities = openOpportunities
        }

        public static func == (a: Facts, b: Facts) -> Bool {
            a.customerSince == b.customerSince && a.purchases.map(\.at) == b.purchases.map(\.at) && a.purchases.map(\.amountMinor) == b.purchases.map(\.amountMinor)
                && a.services.map(\.at) == b.services.map(\.at) && a.services.map(\.amountMinor) == b.services.map(\.amountMinor)
                && a.lastContact == b.lastContact && a.openLeads == b.openLeads && a.openOpportunities == b.openOpportunities
        }
    }

    public enum State: String, Codable, Sendable {
        case new, active, passive, dormant
        public var label: String {
            switch self {
            case .new: "New"
            case .active: "Active"
            case .passive: "Passive"
            case .dormant: "Dormant"
            }
        }
    }

    public struct Profile: Sendable, Equatable {
        public var lifetimeValueMinor: Int
        /// 0…100
        public var loyalty: Int
        public var state: State
        /// The window in which the next vehicle purchase is expected, if any can be said.
        public var nextPurchaseFrom: Date?
        public var nextPurchaseTo: Date?
        public var nextService: Date?
        /// One line per rule that contributed: the "why this score".
        public var reasons: [String]

        public init(lifetimeValueMinor: Int, loyalty: Int, state: State, nextPurchaseFrom: Date?, nextPurchaseTo: Date?, nextService: Date?, reasons: [String]) {
            self.lifetimeValueMinor = lifetimeValueMinor; self.loyalty = loyalty; self.state = state
            self.nextPurchaseFrom = nextPurchaseFrom; self.nextPurchaseTo = nextPurchaseTo; self.nextService = nextService; self.reasons = reasons
        }
    }

    static let day: TimeInterval = 86400
    static let year: TimeInterval = 365.25 * day
    /// Typical ownership before replacing a car when a customer has bought only once.
    public static let typicalOwnershipYears = (4.0, 6.0)

    public static func compute(_ f: Facts, now: Date) -> Profile {
        var reasons: [String] = []
        let value = f.purchases.reduce(0) { $0 + $1.amountMinor } + f.services.reduce(0) { $0 + $1.amountMinor }
        if value > 0 {
            reasons.append("Value \(Money.whole(value)) from \(f.purchases.count) purchase\(f.purchases.count == 1 ? "" : "s") and \(f.services.count) workshop visit\(f.services.count == 1 ? "" : "s")")
        } else {
            reasons.append("No purchases or workshop visits recorded yet")
        }

        var loyalty = 0
        if f.purchases.count > 1 {
            let points = min(60, 30 * (f.purchases.count - 1))
            loyalty += points
            reasons.append("+\(points) loyalty: bought again (\(f.purchases.count) vehicles)")
        }
        let recentServices = f.services.filter { now.timeIntervalSince($0.at) <= 3 * year }.count
        if recentServices > 0 {
            let points = min(24, 4 * recentServices)
            loyalty += points
            reasons.append("+\(points) loyalty: \(recentServices) workshop visit\(recentServices == 1 ? "" : "s") in 3 years")
        }
        let years = Int(now.timeIntervalSince(f.customerSince) / year)
        if years > 0 {
            let points = min(16, 2 * years)
            loyalty += points
            reasons.append("+\(points) loyalty: customer for \(years) year\(years == 1 ? "" : "s")")
        }

        let activity = ([f.purchases.last?.at, f.services.last?.at, f.lastContact].compactMap { $0 }).max()
        let state: State
        if f.openLeads + f.openOpportunities > 0 {
            state = .active
            reasons.append("Active: \(f.openLeads + f.openOpportunities) open lead\(f.openLeads + f.openOpportunities == 1 ? "" : "s") or opportunit\(f.openLeads + f.openOpportunities == 1 ? "y" : "ies")")
        } else if let last = activity, now.timeIntervalSince(last) <= year {
            state = .active
            reasons.append("Active: last purchase, visit or contact within 12 months")
        } else if activity == nil, now.timeIntervalSince(f.customerSince) <= 90 * day {
            state = .new
            reasons.append("New: known for less than 90 days, no activity yet")
        } else if let last = activity, now.timeIntervalSince(last) <= 3 * year {
            state = .passive
            reasons.append("Passive: nothing for more than 12 months")
        } else {
            state = .dormant
            reasons.append("Dormant: nothing for more than 3 years" + (activity == nil ? " (no activity at all)" : ""))
        }

        var from: Date?, to: Date?
        if let last = f.purchases.last?.at {
            if f.purchases.count >= 2 {
                let gaps = zip(f.purchases.dropFirst(), f.purchases).map { $0.at.timeIntervalSince($1.at) }
                let mean = gaps.reduce(0, +) / Double(gaps.count)
                from = last + mean * 0.75
                to = last + mean * 1.25
                reasons.append("Next purchase: every \(String(format: "%.1f", mean / year)) years on average so far")
            } else {
                from = last + typicalOwnershipYears.0 * year
                to = last + typicalOwnershipYears.1 * year
                reasons.append("Next purchase: \(Int(typicalOwnershipYears.0))–\(Int(typicalOwnershipYears.1)) years after the only purchase (typical ownership)")
            }
        }
        if f.openOpportunities > 0 {
            from = now; to = now + 90 * day
            reasons.append("Next purchase: now, an opportunity is open")
        }
        var nextService: Date?
        if let lastVisit = ([f.services.last?.at, f.purchases.last?.at].compactMap { $0 }).max() {
            nextService = lastVisit + year
            reasons.append("Next service: a year after the last visit or purchase")
        }
        return Profile(lifetimeValueMinor: value, loyalty: min(100, loyalty), state: state, nextPurchaseFrom: from, nextPurchaseTo: to, nextService: nextService, reasons: reasons)
    }
}
