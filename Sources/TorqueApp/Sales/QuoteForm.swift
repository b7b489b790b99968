import TorqueDomain
import TorqueStore

/// The quote form (QUOTE-1) both ways: what was typed → `QuoteFields`, and a quote or the typed
/// values → what the template shows. Amounts are typed in currency units ("28,900.50").
struct QuoteForm {
    /// Rows offered beyond the quote's own lines, for accessories and fees.
    static let spareRows = 4
    static let maxRows = 40

    var values: [String: String] = [:]
    var rows: [[String: String]] = []

    /// From what was typed; money and numbers that do not parse are named in `errors` (form names).
    static func read(_ form: FormData, errors: inout ValidationErrors) -> (QuoteFields, QuoteForm) {
        var f = QuoteFields()
        var shown = QuoteForm()
        for key in ["customer_id", "opportunity_id", "vehicle_id", "configuration_id", "title", "valid_until", "note", "discount_percent", "discount_amount",
                    "appraisal_id", "allowance", "payoff", "finance_kind", "finance_rate", "finance_term", "finance_down", "finance_balloon", "finance_residual", "finance_km"] {
            shown.values[key] = form[key] ?? ""
        }
        func money(_ name: String) -> Int? {
            guard let t = form[name]?.trimmed, !t.isEmpty else { return nil }
            guard let m = Money.minorUnits(t), m <= 100_000_000_00 else { errors.add(name, "must be an amount like 28900 or 28,900.50"); return nil }
            return m
        }
        func whole(_ name: String) -> Int? { FormValue.int(form[name], field: name, into: &errors) }
        f.customerId = whole("customer_id"); f.opportunityId = whole("opportunity_id"); f.vehicleId = whole("vehicle_id"); f.configurationId = whole("configuration_id")
        f.title = form["title"]; f.validUntil = form["valid_until"]?.trimmed; f.note = form["note"]
        var lines: [QuoteLineFields] = []
        for i in 0..<maxRows {
            guard let kind = form["line_kind_\(i)"] else { continue }
            let row = ["i": String(i), "kind": kind, "description": form["line_desc_\(i)"] ?? "", "price": form["line_price_\(i)"] ?? "",
                       "quantity": form["line_qty_\(i)"] ?? "", "taxable": form["line_taxable_\(i)"] == nil ? "" : "on"]
            shown.rows.append(row)
            if row["description"]!.trimmed.isEmpty && row["price"]!.trimmed.isEmpty { continue }
            let price = money("line_price_\(i)")
            let qty = row["quantity"]!.trimmed.isEmpty ? 1 : whole("line_qty_\(i)")
            if row["price"]!.trimmed.isEmpty { errors.add("line_price_\(i)", "is required") }
            lines.append(QuoteLineFields(kind: kind, description: row["description"], unitMinor: price ?? 0, quantity: qty ?? 1, taxable: kind != "fee" || row["taxable"] == "on"))
        }
        f.lines = lines
        if let t = form["discount_percent"]?.trimmed, !t.isEmpty { f.discountPercent = PercentValue(rate: Percentage(percent: t), text: t) }
        f.discountMinor = money("discount_amount")
        let appraisal = whole("appraisal_id"), allowance = money("allowance"), payoff = money("payoff")
        if appraisal != nil || allowance != nil || payoff != nil { f.tradeIn = TradeInFields(appraisalId: appraisal, allowanceMinor: allowance, payoffMinor: payoff) }
        if let kind = form["finance_kind"], kind == "loan" || kind == "lease" {
            let rate = form["finance_rate"]?.trimmed ?? ""
            f.finance = QuoteFinanceFields(kind: kind, rate: rate.isEmpty ? nil : PercentValue(rate: Percentage(percent: rate), text: rate),
                                           termMonths: whole("finance_term"), downPaymentMinor: money("finance_down"),
                                           balloonMinor: kind == "loan" ? money("finance_balloon") : nil, residualMinor: kind == "lease" ? money("finance_residual") : nil,
                                           kmPerYear: kind == "lease" ? whole("finance_km") : nil)
        }
        return (f, shown)
    }

    /// The form filled from fields (a new quote's starting lines, or the current version).
    static func filled(_ f: QuoteFields) -> QuoteForm {
        var shown = QuoteForm()
        func amount(_ m: Int?) -> String { m.map(Money.exact) ?? "" }
        shown.values = [
            "customer_id": f.customerId.map(String.init) ?? "", "opportunity_id": f.opportunityId.map(String.init) ?? "",
            "vehicle_id": f.vehicleId.map(String.init) ?? "", "configuration_id": f.configurationId.map(String.init) ?? "",
            "title": f.title ?? "", "valid_until": f.validUntil ?? "", "note": f.note ?? "",
            "discount_percent": f.discountPercent?.text ?? "", "discount_amount": amount(f.discountMinor),
            "appraisal_id": f.tradeIn?.appraisalId.map(String.init) ?? "", "allowance": f.tradeIn?.appraisalId == nil ? amount(f.tradeIn?.allowanceMinor) : "",
            "payoff": f.tradeIn?.appraisalId == nil ? amount(f.tradeIn?.payoffMinor) : "",
            "finance_kind": f.finance?.kind ?? "", "finance_rate": f.finance?.rate?.text ?? "", "finance_term": f.finance?.termMonths.map(String.init) ?? "",
            "finance_down": (f.finance?.downPaymentMinor ?? 0) > 0 ? amount(f.finance?.downPaymentMinor) : "",
            "finance_balloon": (f.finance?.balloonMinor ?? 0) > 0 ? amount(f.finance?.balloonMinor) : "",
            "finance_residual": (f.finance?.residualMinor ?? 0) > 0 ? amount(f.finance?.residualMinor) : "",
            "finance_km": (f.finance?.kmPerYear ?? 0) > 0 ? String(f.finance!.kmPerYear!) : "",
        ]
        shown.rows = (f.lines ?? []).enumerated().map { i, l in
            ["i": String(i), "kind": l.kind ?? "option", "description": l.description ?? "", "price": amount(l.unitMinor), "quantity": String(l.quantity ?? 1),
             "taxable": (l.taxable ?? true) ? "on" : ""]
        }
        return shown
    }

    /// The API's field names as the form calls them ("lines[2].unit_minor" → "line_price_2").
    static func formField(_ api: String) -> String {
        if api.hasPrefix("lines["), let close = api.firstIndex(of: "]") {
            let i = api[api.index(api.startIndex, offsetBy: 6)..<close]
            let rest = api[api.index(after: close)...]
            switch rest {
            case ".unit_minor": return "line_price_\(i)"
            case ".quantity": return "line_qty_\(i)"
            case ".kind": return "line_kind_\(i)"
            default: return "line_desc_\(i)"
            }
        }
        let names = ["discount_minor": "discount_amount", "trade_in.appraisal_id": "appraisal_id", "trade_in.allowance_minor": "allowance",
                     "trade_in.payoff_minor": "payoff", "finance.kind": "finance_kind", "finance.rate": "finance_rate", "finance.term_months": "finance_term",
                     "finance.down_payment_minor": "finance_down", "finance.balloon_minor": "finance_balloon", "finance.residual_minor": "finance_residual",
                     "finance.km_per_year": "finance_km", "finance.price_minor": "lines", "finance.trade_in_minor": "allowance", "finance.fees_minor": "payoff"]
        return names[api] ?? api
    }

    /// The rows to show: the quote's, then empty ones to add accessories and fees; each with its
    /// kind choices and errors.
    func rowViews(errors: [String: String]) -> [[String: Any]] {
        var all = rows
        let next = (rows.compactMap { Int($0["i"] ?? "") }.max() ?? -1) + 1
        for i in next..<min(next + Self.spareRows, Self.maxRows) {
            all.append(["i": String(i), "kind": i == 0 ? "vehicle" : "accessory", "description": "", "price": "", "quantity": "", "taxable": "on"])
        }
        return all.map { r in
            let i = r["i"]!
            var v: [String: Any] = r
            v["kinds"] = QuoteLine.Kind.allCases.map { ["value": $0.rawValue, "label": $0.rawValue.capitalized, "selected": $0.rawValue == r["kind"]] }
            v["isTaxable"] = r["taxable"] == "on"
            for (key, name) in [("priceError", "line_price_\(i)"), ("qtyError", "line_qty_\(i)"), ("descError", "line_desc_\(i)"), ("kindError", "line_kind_\(i)")] {
                if let e = errors[name] { v[key] = e }
            }
            return v
        }
    }
}
