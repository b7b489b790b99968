import Foundation

/// LEAD-3: who gets a new lead under a dealer's rule.
public enum LeadAssignmentRule: String, CaseIterable, Codable, Sendable {
    case manual, roundRobin = "round_robin", byBrand = "by_brand"

    public var label: String {
        switch self {
        case .manual: "Manual (the sales manager assigns)"
        case .roundRobin: "Round robin among salespeople"
        case .byBrand: "By brand, round robin within the brand"
        }
    }
}

public enum LeadAssignment {
    /// Picks the assignee. `salespeople` are the dealer's active salespeople by id; `turn` is a
    /// counter the store advances atomically per dealer, so concurrent intakes take turns.
    /// By brand: the people named for the lead's brand (case-insensitive) share it; a brand with
    /// nobody named falls back to everyone.
    public static func choose(rule: LeadAssignmentRule, salespeople: [Int], brand: String, brandRules: [String: [Int]], turn: Int) -> Int? {
        var pool = salespeople.sorted()
        switch rule {
        case .manual:
            return nil
        case .roundRobin:
            break
        case .byBrand:
            let key = brand.trimmed.lowercased()
            let named = brandRules.first { $0.key.lowercased() == key }?.value.filter(pool.contains) ?? []
            if !named.isEmpty { pool = named.sorted() }
        }
        guard !pool.isEmpty else { return nil }
        return pool[((turn % pool.count) + pool.count) % pool.count]
    }
}

/// LEAD-3: the first-response promise per dealer.
public enum LeadSLA {
    public static let defaultMinutes = 15

    /// Minutes left before the promise is broken (negative when late); nil once answered.
    public static func minutesLeft(dueAt: Date?, respondedAt: Date?, now: Date) -> Int? {
        guard let dueAt, respondedAt == nil else { return nil }
        return Int((dueAt.timeIntervalSince(now) / 60).rounded(.down))
    }

    /// How the list and the lead page say it.
    public static func describe(minutesLeft: Int) -> String {
        minutesLeft >= 0 ? "answer within \(minutesLeft) min" : "first response \(-minutesLeft) min late"
    }
}
