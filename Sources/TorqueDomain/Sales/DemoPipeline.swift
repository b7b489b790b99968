/// The demo's deals: for each dealer, a few customers (generated people) and opportunities
/// spread over the default stages, some of them stale, one won and one lost, so a new user
/// opens a pipeline with something on it.
public enum DemoPipeline {
    /// One planned opportunity: the customer it belongs to (index into the dealer's customers),
    /// its stage, value, and how many days ago its stage last changed.
    public struct Deal: Sendable, Equatable {
        public var customer: Int
        public var title: String
        public var stage: String
        public var valueMinor: Int
        public var stageDaysAgo: Int
        public var closeInDays: Int
        public var lostReason: String

        public init(customer: Int, title: String, stage: String, valueMinor: Int, stageDaysAgo: Int, closeInDays: Int, lostReason: String) {
            self.customer = customer; self.title = title; self.stage = stage; self.valueMinor = valueMinor
            self.stageDaysAgo = stageDaysAgo; self.closeInDays = closeInDays; self.lostReason = lostReason
        }
    }

    public static let customersPerDealer = 12

    /// Customer numbers of generated people for the `dealer`-th dealer (0-based), disjoint from
    /// those of the OEM-scale benchmark (which start at 1).
    public static func customerIndexes(dealer: Int) -> [Int] {
        (0..<customersPerDealer).map { 90_000_000 + dealer * 100 + $0 }
    }

    public static func deals(dealer: Int) -> [Deal] {
        let models = DemoCatalog.all
        let plan: [(String, Int, Int, String)] = [
            ("new", 1, 30, ""), ("new", 3, 45, ""), ("contacted", 5, 30, ""), ("contacted", 21, 20, ""), ("test_drive", 2, 21, ""),
            ("quoted", 4, 14, ""), ("quoted", 25, 10, ""), ("negotiating", 1, 7, ""), ("won", 3, 0, ""), ("lost", 6, 0, "Bought a used car from a private seller"),
        ]
        return plan.enumerated().map { i, p in
            let model = models[(dealer + i) % models.count]
            let trim = model.items.filter { $0.kind == .trim }
            let chosen = trim[(dealer + i) % max(trim.count, 1)]
            let base = model.prices[chosen.code] ?? 2_500_000
            return Deal(customer: i % customersPerDealer, title: "\(model.input.name) \(chosen.name)", stage: p.0, valueMinor: base / 100_00 * 100_00,
                        stageDaysAgo: p.1, closeInDays: p.2, lostReason: p.3)
        }
    }
}
