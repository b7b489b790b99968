/// One priced line of a quote (QUOTE-1), in minor units.
public struct QuoteLine: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The car itself and what is built into it: discounts apply to these.
        case vehicle, option
        /// Dealer-fitted items, also discountable.
        case accessory
        /// Documentation, registration, delivery…: never discounted; `taxable` says whether tax applies.
        case fee
    }
    public var kind: Kind
    public var description: String
    public var unitMinor: Int
    public var quantity: Int
    public var taxable: Bool

    public init(kind: Kind, description: String, unitMinor: Int, quantity: Int = 1, taxable: Bool = true) {
        self.kind = kind; self.description = description; self.unitMinor = unitMinor; self.quantity = quantity; self.taxable = taxable
    }

    public var amountMinor: Int { unitMinor * quantity }
}

/// How a dealer's country taxes a car sale.
public enum SalesTaxStyle: Sendable, Equatable {
    /// Prices include VAT at this rate (Europe): the quote shows the VAT contained in the total.
    case vatIncluded(Percentage)
    /// Tax is added on top (US sales tax); with `tradeInCredit` the trade-in lowers the taxed
    /// amount, as most states allow.
    case salesTax(Percentage, tradeInCredit: Bool)
}

/// What the salesperson gives off the price.
public enum QuoteDiscount: Sendable, Equatable {
    case none
    case percent(Percentage)
    case amount(Int)
}

/// The used car taken in part exchange.
public struct TradeIn: Sendable, Equatable {
    /// What the dealer allows for it.
    public var allowanceMinor: Int
    /// What is still owed on it, paid off by the dealer.
    public var payoffMinor: Int
    public init(allowanceMinor: Int, payoffMinor: Int = 0) { self.allowanceMinor = allowanceMinor; self.payoffMinor = payoffMinor }
    /// Positive: the customer's equity; negative: owed beyond the car's value.
    public var equityMinor: Int { allowanceMinor - payoffMinor }
}

/// A quote's totals, each step shown to the customer.
public struct QuoteTotals: Sendable, Equatable, Codable {
    /// Vehicle, options and accessories before discount.
    public var goodsMinor: Int
    public var discountMinor: Int
    /// The discount as a share of the goods, in parts per million (for the approval rule).
    public var discountShare: Percentage
    public var feesMinor: Int
    /// Tax added on top (sales tax), or 0 where prices include VAT.
    public var taxAddedMinor: Int
    /// VAT contained in the total (VAT-inclusive countries), or 0.
    public var vatIncludedMinor: Int
    /// Goods − discount + fees + added tax.
    public var totalMinor: Int
    public var tradeInEquityMinor: Int
    /// What the customer still pays or finances: total − trade-in equity.
    public var dueMinor: Int

    public init(goodsMinor: Int, discountMinor: Int, discountShare: Percentage, feesMinor: Int, taxAddedMinor: Int, vatIncludedMinor: Int,
                totalMinor: Int, tradeInEquityMinor: Int, dueMinor: Int) {
        self.goodsMinor = goodsMinor; self.discountMinor = discountMinor; self.discountShare = discountShare; self.feesMinor = feesMinor
        self.taxAddedMinor = taxAddedMinor; self.vatIncludedMinor = vatIncludedMinor; self.totalMinor = totalMinor
        self.tradeInEquityMinor = tradeInEquityMinor; self.dueMinor = dueMinor
    }
}

/// Quote arithmetic (QUOTE-1): discounts on the goods only, fees as they are, the country's tax
/// style, and the trade-in; integer cents throughout.
public enum QuotePricing {
    /// Field errors for the lines and the discount (API field names).
    public static func validate(lines: [QuoteLine], discount: QuoteDiscount, tradeIn: TradeIn?) -> [String: String] {
        var e: [String: String] = [:]
        if !lines.contains(where: { $0.kind == .vehicle }) { e["lines"] = "must include the vehicle" }
        if lines.count > 200 { e["lines"] = "must be at most 200" }
        for (i, l) in lines.enumerated() {
            if !(0...100_000_000_00).contains(l.unitMinor) { e["lines[\(i)].unit_minor"] = "must be from 0 to 100,000,000.00" }
            if !(1...1_000).contains(l.quantity) { e["lines[\(i)].quantity"] = "must be from 1 to 1,000" }
            if l.description.trimmingCharacters(in: .whitespaces).isEmpty { e["lines[\(i)].description"] = "is required" }
        }
        let goods = lines.filter { $0.kind != .fee }.reduce(0) { $0 + $1.amountMinor }
        switch discount {
        case .none: break
        case .percent(let p): if p.perMillion < 0 || p.perMillion > 1_000_000 { e["discount_percent"] = "must be from 0 to 100 %" }
        case .amount(let a): if a < 0 || a > goods { e["discount_minor"] = "must be from 0 to the price of the goods" }
        }
        if let t = tradeIn {
            if !(0...100_000_000_00).contains(t.allowanceMinor) { e["trade_in.allowance_minor"] = "must be from 0 to 100,000,000.00" }
            if !(0...100_000_000_00).contains(t.payoffMinor) { e["trade_in.payoff_minor"] = "must be from 0 to 100,000,000.00" }
        }
        return e
    }

    /// The totals; call `validate` first.
    public static func totals(lines: [QuoteLine], discount: QuoteDiscount, tax: SalesTaxStyle, tradeIn: TradeIn?) -> QuoteTotals {
        let goods = lines.filter { $0.kind != .fee }.reduce(0) { $0 + $1.amountMinor }
        let fees = lines.filter { $0.kind == .fee }.reduce(0) { $0 + $1.amountMinor }
        let taxableFees = lines.filter { $0.kind == .fee && $0.taxable }.reduce(0) { $0 + $1.amountMinor }
        let off: Int
        switch discount {
        case .none: off = 0
        case .percent(let p): off = Finance.divideRounded(goods * p.perMillion, by: 1_000_000)
        case .amount(let a): off = min(a, goods)
        }
        let equity = tradeIn?.equityMinor ?? 0
        var added = 0, contained = 0
        switch tax {
        case let .salesTax(rate, credit):
            let base = max(0, goods - off + taxableFees - (credit ? max(0, tradeIn?.allowanceMinor ?? 0) : 0))
            added = Finance.divideRounded(base * rate.perMillion, by: 1_000_000)
        case let .vatIncluded(rate):
            let gross = goods - off + taxableFees
            contained = Finance.divideRounded(gross * rate.perMillion, by: 1_000_000 + rate.perMillion)
        }
        let total = goods - off + fees + added
        return QuoteTotals(goodsMinor: goods, discountMinor: off,
                           discountShare: Percentage(perMillion: goods == 0 ? 0 : Finance.divideRounded(off * 1_000_000, by: goods)),
                           feesMinor: fees, taxAddedMinor: added, vatIncludedMinor: contained, totalMinor: total, tradeInEquityMinor: equity, dueMinor: total - equity)
    }

    /// Whether a discount needs a manager: its part beyond what policy already grants (a fleet
    /// tier) is above the role's limit (parts per million).
    public static func needsApproval(_ totals: QuoteTotals, roleLimit: Percentage, preApproved: Percentage = Percentage(perMillion: 0)) -> Bool {
        totals.discountShare.perMillion - preApproved.perMillion > roleLimit.perMillion
    }
}
