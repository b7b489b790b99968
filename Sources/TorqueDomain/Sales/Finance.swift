import Foundation

/// A percentage kept exactly in parts per million: 5.99 % is 59_900, so interest, residuals
/// and taxes on cents stay integer arithmetic. Rates are annual.
public struct Percentage: Sendable, Equatable, Comparable, Codable {
    public var perMillion: Int
    public init(perMillion: Int) { self.perMillion = perMillion }

    /// "5.99", "5,99", "5.99%" or "0" → the rate; nil for anything else or more than four decimals.
    public init?(percent text: String) {
        var t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        if t.hasSuffix("%") { t = String(t.dropLast()).trimmingCharacters(in: .whitespaces) }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard !t.isEmpty, t != ".", (1...2).contains(parts.count), let whole = Int(parts[0].isEmpty ? "0" : parts[0]), whole >= 0, whole < 1000,
              parts[0].allSatisfy(\.isNumber) else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let f = parts[1]
            guard !f.isEmpty, f.count <= 4, f.allSatisfy(\.isNumber), let n = Int(f) else { return nil }
            fraction = n * [1, 1000, 100, 10, 1][f.count]
        }
        perMillion = whole * 10_000 + fraction
    }

    public static func < (a: Percentage, b: Percentage) -> Bool { a.perMillion < b.perMillion }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let p = Percentage(percent: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a percentage: \(text)"))
        }
        self = p
    }

    /// Written as its text ("5.99"), as people read it.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(percentText)
    }

    /// "5.99" (at least two decimals, trailing zeros beyond them dropped).
    public var percentText: String {
        let whole = perMillion / 10_000, fraction = perMillion % 10_000
        var f = String(fraction)
        f = String(repeating: "0", count: 4 - f.count) + f
        while f.count > 2 && f.hasSuffix("0") { f.removeLast() }
        return "\(whole).\(f)"
    }

    /// The lease "money factor" for this rate (APR ÷ 2400 as US dealers quote it).
    public var moneyFactor: Double { Double(perMillion) / 1_000_000 / 24 }

    /// Monthly interest on `balance` cents, rounded half up to the cent.
    func monthlyInterest(on balance: Int) -> Int { Finance.divideRounded(balance * perMillion, by: 12_000_000) }
}

/// What a customer is asked to finance: a loan (with an optional balloon) or a lease.
public enum FinanceKind: String, Sendable, Codable, CaseIterable {
    case loan, lease
}

/// The terms typed into the calculator (QUOTE-2). Money in minor units (cents).
public struct FinanceTerms: Sendable, Equatable {
    public var kind: FinanceKind
    /// Vehicle price including options (the quote's total before trade-in).
    public var priceMinor: Int
    public var downPaymentMinor: Int
    /// Trade-in allowance net of any payoff still owed on the old car.
    public var tradeInMinor: Int
    /// Fees financed with the vehicle (documentation, registration…).
    public var feesMinor: Int
    public var rate: Percentage
    public var termMonths: Int
    /// Loan only: the last, larger payment left at the end (0 for none).
    public var balloonMinor: Int
    /// Lease only: what the car is worth at the end of the term.
    public var residualMinor: Int
    /// Lease only: kilometres included per year, and the charge per kilometre above them.
    public var kmPerYear: Int
    public var excessKmChargeMinor: Int
    /// Sales tax on each payment (US leases), in the same millionths as the rate; 0 where the
    /// price already includes VAT.
    public var paymentTax: Percentage

    public init(kind: FinanceKind, priceMinor: Int, downPaymentMinor: Int = 0, tradeInMinor: Int = 0, feesMinor: Int = 0, rate: Percentage,
                termMonths: Int, balloonMinor: Int = 0, residualMinor: Int = 0, kmPerYear: Int = 0, excessKmChargeMinor: Int = 0,
                paymentTax: Percentage = Percentage(perMillion: 0)) {
        self.kind = kind; self.priceMinor = priceMinor; self.downPaymentMinor = downPaymentMinor; self.tradeInMinor = tradeInMinor
        self.feesMinor = feesMinor; self.rate = rate; self.termMonths = termMonths; self.balloonMinor = balloonMinor
        self.residualMinor = residualMinor; self.kmPerYear = kmPerYear; self.excessKmChargeMinor = excessKmChargeMinor; self.paymentTax = paymentTax
    }
}

/// One month of an amortisation schedule.
public struct ScheduleRow: Sendable, Equatable, Codable {
    public var month: Int
    public var paymentMinor: Int
    public var interestMinor: Int
    public var principalMinor: Int
    /// Still owed after this payment.
    public var balanceMinor: Int
}

/// The calculator's answer.
public struct FinanceQuote: Sendable, Equatable, Encodable {
    public var kind: FinanceKind
    public var rate: Percentage
    /// What is financed: price + fees − down payment − trade-in (the lease's net capitalised cost).
    public var amountFinancedMinor: Int
    /// The regular monthly payment, tax included where a payment tax applies.
    public var monthlyPaymentMinor: Int
    /// Loan with a balloon: the final payment (balloon plus that month's regular payment).
    public var finalPaymentMinor: Int?
    /// Everything paid over the term except the down payment and trade-in.
    public var totalOfPaymentsMinor: Int
    /// Interest (loan) or rent charge (lease) over the term.
    public var financeChargeMinor: Int
    /// Lease parts of the payment, before tax.
    public var depreciationMinor: Int?
    public var rentChargeMinor: Int?
    public var taxPerPaymentMinor: Int?
    public var moneyFactor: Double?
    public var residualMinor: Int?
    public var kmAllowance: Int?
    public var schedule: [ScheduleRow]
}

/// Loan and lease arithmetic in integer cents (QUOTE-2). The level payment comes from the
/// annuity formula in floating point and is rounded to the cent; every month's interest is
/// then computed on the cent balance and the last payment absorbs the rounding, so the
/// schedule sums exactly to what is owed.
public enum Finance {
    /// Highest rate the calculator takes: anything above is a typing mistake (usury caps are lower).
    public static let maxRate = Percentage(perMillion: 300_000)

    /// Checks the terms; each failure names its field as the API does.
    public static func validate(_ t: FinanceTerms) -> [String: String] {
        var e: [String: String] = [:]
        let money: [(String, Int)] = [("price_minor", t.priceMinor), ("down_payment_minor", t.downPaymentMinor), ("trade_in_minor", t.tradeInMinor),
                                      ("fees_minor", t.feesMinor), ("balloon_minor", t.balloonMinor), ("residual_minor", t.residualMinor),
                                      ("excess_km_charge_minor", t.excessKmChargeMinor)]
        for (field, value) in money where value < 0 || value > 100_000_000_00 {
            e[field] = value < 0 ? "must not be negative" : "must be at most 100,000,000.00"
        }
        if t.priceMinor == 0 && e["price_minor"] == nil { e["price_minor"] = "must be more than zero" }
        if !(1...120).contains(t.termMonths) { e["term_months"] = "must be from 1 to 120 months" }
        if t.rate < Percentage(perMillion: 0) || t.rate > maxRate { e["rate"] = "must be from 0 to 30 %" }
        if t.paymentTax.perMillion < 0 || t.paymentTax.perMillion > 300_000 { e["payment_tax"] = "must be from 0 to 30 %" }
        if !(0...200_000).contains(t.kmPerYear) { e["km_per_year"] = "must be from 0 to 200,000 km" }
        guard e.isEmpty else { return e }
        let financed = t.priceMinor + t.feesMinor - t.downPaymentMinor - t.tradeInMinor
        if financed <= 0 { e["down_payment_minor"] = "down payment and trade-in leave nothing to finance" }
        switch t.kind {
        case .loan:
            if t.balloonMinor >= financed && financed > 0 { e["balloon_minor"] = "must be less than the amount financed" }
        case .lease:
            if t.residualMinor == 0 { e["residual_minor"] = "is required for a lease" }
            else if t.residualMinor >= t.priceMinor { e["residual_minor"] = "must be less than the price" }
            else if t.residualMinor >= financed && financed > 0 { e["residual_minor"] = "must be less than the amount financed (price + fees − down payment − trade-in)" }
        }
        return e
    }

    /// The payment and its schedule; call `validate` first (invalid terms give a zero quote).
    public static func calculate(_ t: FinanceTerms, schedule wantSchedule: Bool = true) -> FinanceQuote {
        let financed = t.priceMinor + t.feesMinor - t.downPaymentMinor - t.tradeInMinor
        guard validate(t).isEmpty else {
            return FinanceQuote(kind: t.kind, rate: t.rate, amountFinancedMinor: max(financed, 0), monthlyPaymentMinor: 0, totalOfPaymentsMinor: 0, financeChargeMinor: 0, schedule: [])
        }
        switch t.kind {
        case .loan: return loan(t, financed: financed, wantSchedule: wantSchedule)
        case .lease:
            var q = lease(t, financed: financed)
            if !wantSchedule { q.schedule = [] }
            return q
        }
    }

    /// The level payment that pays `principal` down to `balloon` in `n` months at `rate`.
    public static func levelPayment(principal: Int, balloon: Int = 0, rate: Percentage, months n: Int) -> Int {
        guard rate.perMillion > 0 else { return divideRoundedUp(principal - balloon, by: n) }
        let r = Double(rate.perMillion) / 12_000_000
        let growth = pow(1 + r, Double(n))
        let payment = (Double(principal) - Double(balloon) / growth) * r / (1 - 1 / growth)
        return Int(payment.rounded(.toNearestOrAwayFromZero))
    }

    static func loan(_ t: FinanceTerms, financed: Int, wantSchedule: Bool) -> FinanceQuote {
        let payment = levelPayment(principal: financed, balloon: t.balloonMinor, rate: t.rate, months: t.termMonths)
        var balance = financed, total = 0, interestTotal = 0
        var rows: [ScheduleRow] = []
        if wantSchedule { rows.reserveCapacity(t.termMonths) }
        for month in 1...t.termMonths {
            let interest = t.rate.monthlyInterest(on: balance)
            // The last month settles whatever is left, balloon included, so nothing is lost to rounding.
            let due = month == t.termMonths ? balance + interest : min(payment, balance + interest)
            let principal = due - interest
            balance -= principal
            total += due
            interestTotal += interest
            if wantSchedule { rows.append(ScheduleRow(month: month, paymentMinor: due, interestMinor: interest, principalMinor: principal, balanceMinor: balance)) }
        }
        let last = rows.last?.paymentMinor
        return FinanceQuote(kind: .loan, rate: t.rate, amountFinancedMinor: financed, monthlyPaymentMinor: payment,
                            finalPaymentMinor: t.balloonMinor > 0 ? (last ?? payment + t.balloonMinor) : nil,
                            totalOfPaymentsMinor: total, financeChargeMinor: interestTotal, schedule: rows)
    }

    /// The usual closed-end lease: depreciation (net capitalised cost − residual) spread over
    /// the term, plus a rent charge of (net cap cost + residual) × money factor each month,
    /// plus tax on the payment where one applies.
    static func lease(_ t: FinanceTerms, financed: Int) -> FinanceQuote {
        let n = t.termMonths
        let depreciation = divideRounded(financed - t.residualMinor, by: n)
        // (cap + residual) × APR / 2400 in millionths: × perMillion / 24,000,000.
        let rent = divideRounded((financed + t.residualMinor) * t.rate.perMillion, by: 24_000_000)
        let base = depreciation + rent
        let tax = divideRounded(base * t.paymentTax.perMillion, by: 1_000_000)
        let payment = base + tax
        var rows: [ScheduleRow] = []
        var balance = financed
        rows.reserveCapacity(n)
        for month in 1...n {
            // The last month's depreciation lands exactly on the residual.
            let dep = month == n ? balance - t.residualMinor : depreciation
            balance -= dep
            rows.append(ScheduleRow(month: month, paymentMinor: month == n ? dep + rent + tax : payment, interestMinor: rent, principalMinor: dep, balanceMinor: balance))
        }
        let total = rows.reduce(0) { $0 + $1.paymentMinor }
        return FinanceQuote(kind: .lease, rate: t.rate, amountFinancedMinor: financed, monthlyPaymentMinor: payment, totalOfPaymentsMinor: total,
                            financeChargeMinor: rent * n, depreciationMinor: depreciation, rentChargeMinor: rent, taxPerPaymentMinor: tax,
                            moneyFactor: t.rate.moneyFactor, residualMinor: t.residualMinor,
                            kmAllowance: t.kmPerYear > 0 ? divideRounded(t.kmPerYear * n, by: 12) : nil, schedule: rows)
    }

    /// a ÷ b rounded half away from zero (b > 0).
    public static func divideRounded(_ a: Int, by b: Int) -> Int {
        a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b)
    }

    static func divideRoundedUp(_ a: Int, by b: Int) -> Int { a <= 0 ? 0 : (a + b - 1) / b }
}
