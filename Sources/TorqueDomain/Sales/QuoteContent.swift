/// What a salesperson writes into a quote version: the lines, the discount, the trade-in and
/// the finance offer. The totals and the payment are worked out from it, never typed.
public struct QuoteContent: Sendable, Equatable {
    public var lines: [QuoteLine]
    public var discount: QuoteDiscount
    public var appraisalId: Int?
    public var tradeIn: TradeIn?
    /// The finance offer without its payment (worked out by `priced`).
    public var finance: QuoteFinance?
    public var note: String
    /// The fleet tier reached by a company account's quantity, on top of `discount` and given
    /// without approval (the store sets it from the unit's tiers).
    public var fleetDiscount = Percentage(perMillion: 0)

    public init(lines: [QuoteLine], discount: QuoteDiscount = .none, appraisalId: Int? = nil, tradeIn: TradeIn? = nil, finance: QuoteFinance? = nil, note: String = "") {
        self.lines = lines; self.discount = discount; self.appraisalId = appraisalId; self.tradeIn = tradeIn; self.finance = finance; self.note = note
    }

    /// The discount the totals use: the typed one plus the fleet tier (a share of the goods).
    public var effectiveDiscount: QuoteDiscount {
        guard fleetDiscount.perMillion > 0 else { return discount }
        switch discount {
        case .none: return .percent(fleetDiscount)
        case .percent(let p): return .percent(Percentage(perMillion: min(1_000_000, p.perMillion + fleetDiscount.perMillion)))
        case .amount(let a):
            let goods = lines.filter { $0.kind != .fee }.reduce(0) { $0 + $1.amountMinor }
            return .amount(min(goods, a + Finance.divideRounded(goods * fleetDiscount.perMillion, by: 1_000_000)))
        }
    }

    /// Whether a manager must approve: the discount beyond the fleet tier above the role's limit.
    public func needsApproval(_ totals: QuoteTotals, roleLimit: Percentage) -> Bool {
        QuotePricing.needsApproval(totals, roleLimit: roleLimit, preApproved: fleetDiscount)
    }

    /// Field errors of the content (API names), finance terms included.
    public func problems(tax: SalesTaxStyle) -> [String: String] {
        var e = QuotePricing.validate(lines: lines, discount: discount, tradeIn: tradeIn)
        if note.count > 4000 { e["note"] = "must be at most 4,000 characters" }
        if e.isEmpty, let f = finance {
            let totals = QuotePricing.totals(lines: lines, discount: effectiveDiscount, tax: tax, tradeIn: tradeIn)
            for (field, message) in Finance.validate(f.terms(totalMinor: totals.totalMinor, tradeInEquityMinor: totals.tradeInEquityMinor)) {
                e["finance.\(field)"] = message
            }
        }
        return e
    }

    /// The totals and, with a finance offer, its monthly payment; call `problems` first.
    public func priced(tax: SalesTaxStyle) -> (totals: QuoteTotals, finance: QuoteFinance?) {
        let totals = QuotePricing.totals(lines: lines, discount: effectiveDiscount, tax: tax, tradeIn: tradeIn)
        guard var f = finance else { return (totals, nil) }
        f.monthlyPaymentMinor = Finance.calculate(f.terms(totalMinor: totals.totalMinor, tradeInEquityMinor: totals.tradeInEquityMinor), schedule: false).monthlyPaymentMinor
        return (totals, f)
    }
}
