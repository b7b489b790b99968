/// How an opportunity at a stage ends up: still open, won or lost.
public enum StageOutcome: String, Codable, Sendable, CaseIterable {
    case open, won, lost
}

/// One column of a dealer's pipeline (SALES-1).
public struct PipelineStage: Codable, Sendable, Equatable {
    public var code: String
    public var label: String
    /// Chance of closing from this stage, 0–100, for the weighted forecast.
    public var probability: Int
    public var outcome: StageOutcome

    public init(code: String, label: String, probability: Int, outcome: StageOutcome = .open) {
        self.code = code; self.label = label; self.probability = probability; self.outcome = outcome
    }
}

/// The pipeline's rules: the stages a dealer starts with, which moves are allowed, what counts
/// as stale, and the weighted value of an opportunity.
public enum Pipeline {
    /// The stages of a network that has not configured its own.
    public static let defaultStages: [PipelineStage] = [
        PipelineStage(code: "new", label: "New", probability: 10),
        PipelineStage(code: "contacted", label: "Contacted", probability: 20),
        PipelineStage(code: "test_drive", label: "Test drive", probability: 40),
        PipelineStage(code: "quoted", label: "Quoted", probability: 60),
        PipelineStage(code: "negotiating", label: "Negotiating", probability: 80),
        PipelineStage(code: "won", label: "Won", probability: 100, outcome: .won),
        PipelineStage(code: "lost", label: "Lost", probability: 0, outcome: .lost),
    ]

    /// An open opportunity whose stage has not moved for this many days is stale.
    public static let staleAfterDays = 14

    /// Why a move to `stage` cannot be made (field → message), empty when it can.
    public static func checkMove(to stage: String, lostReason: String, stages: [PipelineStage]) -> [String: String] {
        guard let target = stages.first(where: { $0.code == stage }) else {
            return ["stage": "must be one of: " + stages.map(\.code).joined(separator: ", ")]
        }
        if target.outcome == .lost && lostReason.trimmingCharacters(in: .whitespaces).isEmpty {
            return ["lost_reason": "is required when an opportunity is lost"]
        }
        return [:]
    }

    /// A stage list as a sales manager would save it: codes unique and plain, one won and one
    /// lost stage, at least one open stage, probabilities 0–100.
    public static func validate(_ stages: [PipelineStage]) -> [String: String] {
        var e: [String: String] = [:]
        if stages.count > 20 { e["stages"] = "must be at most 20" }
        var seen = Set<String>()
        for (i, s) in stages.enumerated() {
            let okCode = !s.code.isEmpty && s.code.count <= 40 && s.code.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }
            if !okCode { e["stages[\(i)].code"] = "must be lowercase letters, digits or _ (at most 40)" }
            if !seen.insert(s.code).inserted { e["stages[\(i)].code"] = "appears twice" }
            if s.label.trimmingCharacters(in: .whitespaces).isEmpty || s.label.count > 60 { e["stages[\(i)].label"] = "must be 1 to 60 characters" }
            if !(0...100).contains(s.probability) { e["stages[\(i)].probability"] = "must be from 0 to 100" }
        }
        for outcome in [StageOutcome.won, .lost] where stages.filter({ $0.outcome == outcome }).count != 1 {
            e["stages"] = "must have exactly one \(outcome.rawValue) stage"
        }
        if !stages.contains(where: { $0.outcome == .open }) { e["stages"] = "must have at least one open stage" }
        return e
    }

    /// The expected value weighted by the stage's chance, rounded to the cent.
    public static func weighted(valueMinor: Int, probability: Int) -> Int {
        (valueMinor * probability + 50) / 100
    }

    /// Open, and its stage unchanged since `staleAfterDays` before `today` (ISO days).
    public static func isStale(stageChangedOn day: String, today: String, outcome: StageOutcome) -> Bool {
        guard outcome == .open, let changed = CalendarDay.ordinal(day), let now = CalendarDay.ordinal(today) else { return false }
        return now - changed >= staleAfterDays
    }
}
