import Foundation
import TorqueDomain
import TorqueStore

/// The profile card of the 360 page and the profile in the API.
enum ProfileView {
    /// The stored profile, computed again first when the timeline has moved since or it is a day
    /// old (states change with time alone: active turns passive). One customer: a few small queries.
    static func current(_ customerID: Int, newestEvent: Int?, services: AppServices) async throws -> CustomerProfiler.Profile {
        if let stored = try await services.profiles.get(customerID: customerID), stored.lastEventId >= (newestEvent ?? 0),
           let computed = Clock.date(stored.computedAt), Date().timeIntervalSince(computed) < 86400 {
            return stored.profile
        }
        return try await services.profiles.refresh([customerID])[customerID]!
    }

    static func day(_ date: Date?, timeZone: String) -> String {
        guard let date else { return "" }
        return ContactFields.today(in: timeZone, now: date)
    }

    static func data(_ p: CustomerProfiler.Profile, timeZone: String) -> [String: Any] {
        var window = ""
        if let from = p.nextPurchaseFrom, let to = p.nextPurchaseTo {
            window = day(from, timeZone: timeZone) + " – " + day(to, timeZone: timeZone)
        }
        return ["value": Money.whole(p.lifetimeValueMinor), "loyalty": p.loyalty, "state": p.state.label, "stateKey": p.state.rawValue,
                "nextPurchase": window, "nextService": day(p.nextService, timeZone: timeZone), "reasons": p.reasons]
    }

    struct JSON: Encodable {
        var lifetimeValueMinor: Int
        var loyalty: Int
        var state: String
        var nextPurchaseFrom: String?
        var nextPurchaseTo: String?
        var nextService: String?
        var reasons: [String]
        init(_ p: CustomerProfiler.Profile) {
            lifetimeValueMinor = p.lifetimeValueMinor; loyalty = p.loyalty; state = p.state.rawValue
            nextPurchaseFrom = p.nextPurchaseFrom.map(Clock.string); nextPurchaseTo = p.nextPurchaseTo.map(Clock.string); nextService = p.nextService.map(Clock.string)
            reasons = p.reasons
        }
    }
}
