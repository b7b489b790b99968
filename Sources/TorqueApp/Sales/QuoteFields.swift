import TorqueDomain
import TorqueStore

/// A quote line as the API sends it.
struct QuoteLineFields: Decodable, Equatable {
    var kind: String?
    var description: String?
    var unitMinor: Int?
    var quantity: Int?
    var taxable: Bool?
}

/// The trade-in of a quote: an appraisal, and the allowance and payoff (the appraisal's by default).
struct TradeInFields: Decodable, Equatable {
    var appraisalId: Int?
    var allowanceMinor: Int?
    var payoffMinor: Int?
}

/// The finance or lease offer printed on a quote.
struct QuoteFinanceFields: Decodable, Equatable {
    var kind: String?
    var rate: PercentValue?
    var termMonths: Int?
    var downPaymentMinor: Int?
    var balloonMinor: Int?
    var residualMinor: Int?
    var kmPerYear: Int?
}

/// A quote or a new version of it, as the API (JSON) and the form send it (QUOTE-1).
struct QuoteFields: APIInput {
    var customerId: Int?
    var opportunityId: Int?
    var vehicleId: Int?
    var configurationId: Int?
    var title: String?
    var validUntil: String?
    var orgUnitId: Int?
    var lines: [QuoteLineFields]?
    var discountPercent: PercentValue?
    var discountMinor: Int?
    var tradeIn: TradeInFields?
    var finance: QuoteFinanceFields?
    var note: String?
    static let fields: Set<String> = ["customer_id", "opportunity_id", "vehicle_id", "configuration_id", "title", "valid_until", "org_unit_id", "lines",
                                      "discount_percent", "discount_minor", "trade_in", "finance", "note"]
    /// What a new version may change (the customer and the car stay).
    static let versionFields: Set<String> = ["valid_until", "lines", "discount_percent", "discount_minor", "trade_in", "finance", "note"]

    init() {}

    /// The content; `appraisal` fills an allowance and payoff left out. Lines must be given.
    func content(appraisal: Appraisal?, errors: inout ValidationErrors) -> QuoteContent? {
        var lines: [QuoteLine] = []
        for (i, l) in (self.lines ?? []).enumerated() {
            guard let kind = QuoteLine.Kind(rawValue: (l.kind ?? "").lowercased()) else {
                errors.add("lines[\(i)].kind", "must be one of vehicle, option, accessory, fee"); continue
            }
            guard let unit = l.unitMinor else { errors.add("lines[\(i)].unit_minor", "is required"); continue }
            lines.append(QuoteLine(kind: kind, description: (l.description ?? "").trimmed, unitMinor: unit, quantity: l.quantity ?? 1, taxable: l.taxable ?? true))
        }
        if self.lines == nil { errors.add("lines", "are required (the vehicle at least)") }
        var discount = QuoteDiscount.none
        if let p = discountPercent {
            if let rate = p.rate { discount = .percent(rate) } else { errors.add("discount_percent", "must be a percentage like 4.5") }
            if discountMinor != nil { errors.add("discount_minor", "give the discount as a percentage or as an amount, not both") }
        } else if let a = discountMinor {
            discount = .amount(a)
        }
        var tradeIn: TradeIn?
        if let t = self.tradeIn, t.appraisalId != nil || t.allowanceMinor != nil || t.payoffMinor != nil {
            tradeIn = TradeIn(allowanceMinor: t.allowanceMinor ?? appraisal?.estimatedValueMinor ?? 0, payoffMinor: t.payoffMinor ?? appraisal?.payoffMinor ?? 0)
        }
        var finance: QuoteFinance?
        if let f = self.finance {
            let kind = FinanceKind(rawValue: (f.kind ?? "").lowercased())
            if kind == nil { errors.add("finance.kind", "must be loan or lease") }
            if f.rate == nil { errors.add("finance.rate", "is required") } else if f.rate?.rate == nil { errors.add("finance.rate", "must be a percentage like 5.99") }
            if f.termMonths == nil { errors.add("finance.term_months", "is required") }
            if kind == .loan, (f.residualMinor ?? 0) > 0 { errors.add("finance.residual_minor", "is only for a lease") }
            if kind == .lease, (f.balloonMinor ?? 0) > 0 { errors.add("finance.balloon_minor", "is only for a loan") }
            if let kind, let rate = f.rate?.rate, let term = f.termMonths {
                finance = QuoteFinance(kind: kind, rate: rate, termMonths: term, downPaymentMinor: f.downPaymentMinor ?? 0, balloonMinor: f.balloonMinor ?? 0,
                                       residualMinor: f.residualMinor ?? 0, kmPerYear: f.kmPerYear ?? 0)
            }
        }
        if let d = validUntil, !d.isEmpty, CalendarDay.parse(d) == nil { errors.add("valid_until", "must be a date like 2027-03-15") }
        guard errors.isEmpty else { return nil }
        return QuoteContent(lines: lines, discount: discount, appraisalId: tradeIn == nil ? nil : self.tradeIn?.appraisalId, tradeIn: tradeIn, finance: finance,
                            note: (note ?? "").trimmed)
    }

    /// The fields of an existing version (for a new one that changes a part only).
    init(_ q: Quote) {
        let v = q.current
        lines = v.lines.map { QuoteLineFields(kind: $0.kind.rawValue, description: $0.description, unitMinor: $0.unitMinor, quantity: $0.quantity, taxable: $0.taxable) }
        switch v.discount {
        case .none: break
        case .percent(let p): discountPercent = PercentValue(rate: p, text: p.percentText)
        case .amount(let a): discountMinor = a
        }
        if v.appraisalId != nil || v.tradeInAllowanceMinor > 0 || v.tradeInPayoffMinor > 0 {
            tradeIn = TradeInFields(appraisalId: v.appraisalId, allowanceMinor: v.tradeInAllowanceMinor, payoffMinor: v.tradeInPayoffMinor)
        }
        if let f = v.finance {
            finance = QuoteFinanceFields(kind: f.kind.rawValue, rate: PercentValue(rate: f.rate, text: f.rate.percentText), termMonths: f.termMonths,
                                         downPaymentMinor: f.downPaymentMinor, balloonMinor: f.balloonMinor, residualMinor: f.residualMinor, kmPerYear: f.kmPerYear)
        }
        validUntil = q.validUntil
        note = v.note
    }
}

/// The lines a quote starts with: the stock unit at its price, or the configuration's priced items.
enum QuoteStartingLines {
    static func from(vehicle v: Vehicle) -> [QuoteLine] {
        let build = [v.trim, v.engine, v.colour].filter { !$0.isEmpty }.joined(separator: ", ")
        return [QuoteLine(kind: .vehicle, description: "\(v.title)\(build.isEmpty ? "" : ", " + build) (VIN \(v.vin))", unitMinor: v.priceMinor)]
    }

    static func from(configuration c: Configuration) -> [QuoteLine] {
        var lines = [QuoteLine(kind: .vehicle, description: "\(c.modelTitle) (configuration \(c.number))", unitMinor: 0)]
        for l in c.lines {
            if l.kind == .trim { lines[0].unitMinor += l.price; lines[0].description = "\(c.modelTitle) \(l.name) (configuration \(c.number))"; continue }
            guard l.price > 0 else { continue }
            lines.append(QuoteLine(kind: l.kind == .accessory ? .accessory : .option, description: l.name, unitMinor: l.price))
        }
        return lines
    }
}
