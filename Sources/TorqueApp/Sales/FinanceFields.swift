import TorqueDomain

/// A percentage sent as a JSON number (5.99) or string ("5.99", "5,99 %").
struct PercentValue: Decodable, Equatable {
    var rate: Percentage?
    var text: String

    init(rate: Percentage?, text: String) { self.rate = rate; self.text = text }

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Double.self) {
            text = String(d)
            rate = d.isFinite && d >= 0 && d < 1000 ? Percentage(perMillion: Int((d * 10_000).rounded())) : nil
        } else {
            text = try c.decode(String.self)
            rate = Percentage(percent: text)
        }
    }
}

/// The calculator's inputs (QUOTE-2) in one shape for the API (minor units, JSON) and the page
/// (amounts as typed). Errors carry the API's field names; the page strips `_minor`.
struct FinanceFields {
    var kind: String?
    var price: Int?
    var downPayment: Int?
    var tradeIn: Int?
    var fees: Int?
    var rate: Percentage?
    var rateText: String?
    var termMonths: Int?
    var balloon: Int?
    var residual: Int?
    /// Residual as a share of the price, when no amount is given.
    var residualPercent: Percentage?
    var residualPercentText: String?
    var kmPerYear: Int?
    var excessKmCharge: Int?
    var paymentTax: Percentage?
    var paymentTaxText: String?

    /// The terms, or the errors naming each bad field.
    func terms(errors: inout ValidationErrors) -> FinanceTerms? {
        let kind = FinanceKind(rawValue: (kind ?? "loan").lowercased())
        if kind == nil { errors.add("kind", "must be loan or lease") }
        if price == nil { errors.add("price_minor", "is required") }
        if termMonths == nil { errors.add("term_months", "is required") }
        if rate == nil { errors.add("rate", rateText == nil ? "is required" : "must be a percentage like 5.99") }
        if residualPercentText != nil && residualPercent == nil { errors.add("residual_percent", "must be a percentage like 55") }
        if paymentTaxText != nil && paymentTax == nil { errors.add("payment_tax", "must be a percentage like 8.25") }
        if residual != nil && residualPercent != nil { errors.add("residual_percent", "give the residual as an amount or as a percentage, not both") }
        if let p = residualPercent, p.perMillion >= 1_000_000 { errors.add("residual_percent", "must be less than 100 %") }
        if kind != .lease {
            if residual != nil || residualPercent != nil { errors.add("residual_minor", "is only for a lease") }
        } else if (balloon ?? 0) > 0 {
            errors.add("balloon_minor", "is only for a loan")
        }
        guard errors.isEmpty, let kind, let price, let termMonths, let rate else { return nil }
        var residualMinor = residual ?? 0
        if let p = residualPercent, (0...100_000_000_00).contains(price) {
            residualMinor = Finance.divideRounded(price * p.perMillion, by: 1_000_000)
        }
        let terms = FinanceTerms(kind: kind, priceMinor: price, downPaymentMinor: downPayment ?? 0, tradeInMinor: tradeIn ?? 0, feesMinor: fees ?? 0, rate: rate,
                                 termMonths: termMonths, balloonMinor: balloon ?? 0, residualMinor: residualMinor, kmPerYear: kmPerYear ?? 0,
                                 excessKmChargeMinor: excessKmCharge ?? 0, paymentTax: paymentTax ?? Percentage(perMillion: 0))
        for (field, message) in Finance.validate(terms) { errors.add(field, message) }
        return errors.isEmpty ? terms : nil
    }

    /// From the page's query string: amounts in currency units as people type them.
    init(query: (String) -> String?, errors: inout ValidationErrors) {
        func amount(_ name: String) -> Int? {
            guard let text = query(name) else { return nil }
            guard let minor = Money.minorUnits(text) else { errors.add(name + "_minor", "must be an amount like 28900 or 28,900.00"); return nil }
            return minor
        }
        // Thousands may be grouped ("15.000 km") but a fraction ("1.5" months) is refused.
        func whole(_ name: String, _ field: String) -> Int? {
            guard let text = query(name) else { return nil }
            guard let hundredths = Money.minorUnits(text), hundredths % 100 == 0 else { errors.add(field, "must be a whole number"); return nil }
            return hundredths / 100
        }
        kind = query("kind")
        price = amount("price"); downPayment = amount("down_payment"); tradeIn = amount("trade_in"); fees = amount("fees")
        balloon = amount("balloon"); residual = amount("residual"); excessKmCharge = amount("excess_km_charge")
        rateText = query("rate"); rate = rateText.flatMap(Percentage.init(percent:))
        residualPercentText = query("residual_percent"); residualPercent = residualPercentText.flatMap(Percentage.init(percent:))
        paymentTaxText = query("payment_tax"); paymentTax = paymentTaxText.flatMap(Percentage.init(percent:))
        termMonths = whole("term", "term_months"); kmPerYear = whole("km_per_year", "km_per_year")
    }

    init(_ b: FinanceAPI.Body) {
        kind = b.kind; price = b.priceMinor; downPayment = b.downPaymentMinor; tradeIn = b.tradeInMinor; fees = b.feesMinor
        rate = b.rate?.rate; rateText = b.rate?.text; termMonths = b.termMonths; balloon = b.balloonMinor; residual = b.residualMinor
        residualPercent = b.residualPercent?.rate; residualPercentText = b.residualPercent?.text
        kmPerYear = b.kmPerYear; excessKmCharge = b.excessKmChargeMinor; paymentTax = b.paymentTax?.rate; paymentTaxText = b.paymentTax?.text
    }
}
