import TorqueDomain
import TorqueStore

/// A quote version as the quote page and its print show it: lines, each step of the totals,
/// the trade-in and the finance offer.
enum QuoteView {
    static func amount(_ minor: Int, _ currency: String) -> String { "\(currency) \(Money.exact(minor))" }

    /// An optional record id for a template: the id, or false (no link).
    static func link(_ id: Int?) -> Any { id.map { $0 as Any } ?? false }

    static func version(_ v: QuoteVersion, currency c: String) -> [String: Any] {
        let t = v.totals
        var out: [String: Any] = [
            "version": v.version,
            "lines": v.lines.map { l in
                ["kind": l.kind.rawValue.capitalized, "description": l.description, "quantity": l.quantity, "unit": amount(l.unitMinor, c),
                 "amount": amount(l.amountMinor, c), "untaxed": l.kind == .fee && !l.taxable] as [String: Any]
            },
            "goods": amount(t.goodsMinor, c), "hasDiscount": t.discountMinor > 0,
            "hasFleet": v.fleetDiscount.perMillion > 0, "fleet": v.fleetDiscount.percentText, "discount": amount(t.discountMinor, c), "discountShare": t.discountShare.percentText,
            "hasFees": t.feesMinor > 0, "fees": amount(t.feesMinor, c), "total": amount(t.totalMinor, c),
            "salesTax": v.taxStyle == "sales_tax", "taxAdded": amount(t.taxAddedMinor, c), "vatIncluded": amount(t.vatIncludedMinor, c), "taxRate": v.taxRate.percentText,
            "hasTradeIn": v.tradeInAllowanceMinor > 0 || v.tradeInPayoffMinor > 0, "allowance": amount(v.tradeInAllowanceMinor, c),
            "hasPayoff": v.tradeInPayoffMinor > 0, "payoff": amount(v.tradeInPayoffMinor, c), "equity": amount(t.tradeInEquityMinor, c), "due": amount(t.dueMinor, c),
            "appraisalId": link(v.appraisalId),
            "note": v.note, "hasNote": !v.note.isEmpty, "createdAt": String(v.createdAt.prefix(16)).replacingOccurrences(of: "T", with: " "),
            "createdBy": v.createdByName ?? "", "needsApproval": v.needsApproval,
            "approved": v.approvedByName.map { "\($0), \(String((v.approvedAt ?? "").prefix(10)))" } ?? "", "isApproved": v.approvedBy != nil,
        ]
        if let f = v.finance {
            var fin: [String: Any] = ["lease": f.kind == .lease, "kind": f.kind == .lease ? "Lease" : "Loan", "rate": f.rate.percentText, "term": f.termMonths,
                                      "payment": amount(f.monthlyPaymentMinor, c)]
            if f.downPaymentMinor > 0 { fin["down"] = amount(f.downPaymentMinor, c) }
            let cars = FleetPricing.vehicles(v.lines)
            if cars > 1 { fin["perCar"] = amount(Finance.divideRounded(f.monthlyPaymentMinor, by: cars), c); fin["cars"] = cars }
            if f.kind == .loan && f.balloonMinor > 0 { fin["balloon"] = amount(f.balloonMinor, c) }
            if f.kind == .lease { fin["residual"] = amount(f.residualMinor, c); if f.kmPerYear > 0 { fin["km"] = f.kmPerYear } }
            out["finance"] = fin
        }
        return out
    }

    static func statusTag(_ q: Quote, today: String) -> [String: Any] {
        if q.isExpired(today: today) { return ["label": "Expired \(q.validUntil)", "style": "bad"] }
        switch q.status {
        case .open: return ["label": "Open until \(q.validUntil)", "style": "good"]
        case .awaitingApproval: return ["label": "Awaiting approval", "style": "warn"]
        case .accepted: return ["label": "Accepted", "style": "good"]
        case .declined: return ["label": "Declined", "style": "bad"]
        }
    }

    static func contract(_ k: Contract) -> [String: Any] {
        [
            "id": k.id, "number": k.number, "customer": k.customerName ?? "", "customerId": k.customerId, "unit": k.unitName ?? "",
            "quoteId": k.quoteId, "quoteVersion": k.quoteVersion, "vehicle": k.vehicleTitle ?? "", "vin": k.vin ?? "",
            "vehicleId": link(k.vehicleId), "tradeInId": link(k.tradeInVehicleId),
            "total": amount(k.totalMinor, k.currency), "due": amount(k.dueMinor, k.currency),
            "payment": k.monthlyPaymentMinor.map { amount($0, k.currency) } ?? "", "signedAt": String(k.signedAt.prefix(10)), "signedBy": k.signedByName ?? "",
        ]
    }
}
