/// LEAD-2: how likely an inquiry is a sincere buyer, 0…100, with the reasons that add up to it.
/// Data the prospect gave (reachable, a model in mind, a timeframe, a way to pay, a trade-in) and
/// behaviour (they came in person, answered us, are already a customer) each add points.
public enum LeadScore {
    public struct Facts: Sendable, Equatable {
        public var source: LeadSource
        public var hasPhone: Bool
        public var hasEmail: Bool
        public var qualification: LeadQualification
        public var knownCustomer: Bool
        /// Contacts logged since the lead came in (two-way conversation shows intent).
        public var responded: Bool

        public init(source: LeadSource, hasPhone: Bool, hasEmail: Bool, qualification: LeadQualification, knownCustomer: Bool = false, responded: Bool = false) {
            self.source = source; self.hasPhone = hasPhone; self.hasEmail = hasEmail; self.qualification = qualification; self.knownCustomer = knownCustomer; self.responded = responded
        }
    }

    public struct Result: Sendable, Equatable {
        public var points: Int
        public var reasons: [String]
        /// hot ≥ 60, warm ≥ 35, else cold.
        public var band: String { points >= 60 ? "hot" : points >= 35 ? "warm" : "cold" }
    }

    public static func score(_ f: Facts) -> Result {
        var points = 0
        var reasons: [String] = []
        func add(_ n: Int, _ why: String) { points += n; reasons.append("+\(n) \(why)") }
        if f.hasPhone { add(10, "phone number given") }
        if f.hasEmail { add(5, "e-mail given") }
        switch f.source {
        case .walkIn: add(20, "came to the showroom")
        case .phone, .referral, .event: add(10, "spoke to us (\(f.source.label.lowercased()))")
        default: break
        }
        let q = f.qualification
        if !q.interestModel.isEmpty { add(10, "has a model in mind") }
        switch q.timeframe {
        case .now: add(25, "buying within a month")
        case .threeMonths: add(15, "buying within 3 months")
        case .sixMonths: add(5, "buying within 6 months")
        case .later, .unknown: break
        }
        switch q.payment {
        case .cash: add(10, "pays cash")
        case .finance, .lease: add(10, "asked about \(q.payment.label.lowercased())")
        case .unknown: break
        }
        if q.tradeIn { add(5, "has a car to trade in") }
        if q.budget != nil { add(5, "named a budget") }
        if f.knownCustomer { add(10, "already a customer of the network") }
        if f.responded { add(10, "answered our contact") }
        return Result(points: min(points, 100), reasons: reasons)
    }
}
