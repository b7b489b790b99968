import Foundation

/// A defect code's recent rate on a model against its baseline (PROD-2).
public struct DefectRate: Sendable, Equatable {
    public var defects: Int
    public var inspections: Int
    public init(defects: Int, inspections: Int) { self.defects = defects; self.inspections = inspections }
    public var rate: Double { inspections == 0 ? 0 : Double(defects) / Double(inspections) }
}

/// The verdict on one defect code, with the numbers behind it.
public struct DefectSignal: Sendable, Equatable {
    public var rising: Bool
    /// Defects expected in the recent window at the baseline rate.
    public var expected: Double
    /// P(X ≥ observed) for X ~ Poisson(expected): how surprising the recent count is.
    public var pValue: Double
    public var reason: String
}

/// The recurring-defect rule (PROD-2), stated: the recent window's defect count is compared with
/// the count the baseline rate predicts for the same number of inspections, by a one-sided
/// Poisson test; the code is rising when P(X ≥ observed) < `alpha` (default 0.001, so a
/// network of a few hundred codes raises a false alarm rarely) and at least `minDefects`
/// defects were seen (a single defect never alarms).
public enum DefectRule {
    public static func evaluate(recent: DefectRate, baseline: DefectRate, alpha: Double = 0.001, minDefects: Int = 3) -> DefectSignal {
        // A code never seen before gets half a defect in the baseline, so its first defects
        // can stand out without dividing by zero.
        let baseRate = baseline.inspections == 0 ? 0 : max(Double(baseline.defects), 0.5) / Double(baseline.inspections)
        let expected = baseRate * Double(recent.inspections)
        let p = poissonTail(atLeast: recent.defects, mean: expected)
        let rising = recent.defects >= minDefects && p < alpha && baseline.inspections > 0
        let reason = String(format: "%d defects in %d inspections (%.2f %%) against %.1f expected at the baseline %.2f %%: P = %.2g",
                            recent.defects, recent.inspections, recent.rate * 100, expected, baseRate * 100, p)
        return DefectSignal(rising: rising, expected: expected, pValue: p, reason: reason + (rising ? ", rising" : ""))
    }

    /// P(X ≥ k) for X ~ Poisson(mean), summed in log space so large counts do not overflow.
    public static func poissonTail(atLeast k: Int, mean: Double) -> Double {
        guard k > 0 else { return 1 }
        guard mean > 0 else { return 0 }
        func logTerm(_ i: Int) -> Double { -mean + Double(i) * log(mean) - lgamma(Double(i) + 1) }
        if Double(k) > mean {
            // Above the mean the terms fall: sum the tail itself (1 − the rest would lose it
            // to rounding when it is tiny).
            var tail = 0.0, i = k
            while true {
                let term = exp(logTerm(i))
                tail += term
                if term < tail * 1e-17 || i > k + 100_000 { break }
                i += 1
            }
            return min(1, tail)
        }
        var below = 0.0
        for i in 0..<k { below += exp(logTerm(i)) }
        return max(0, min(1, 1 - below))
    }
}
