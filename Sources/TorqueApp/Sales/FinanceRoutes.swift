import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/sales/finance`: the loan and lease calculator at the counter (QUOTE-2). The terms travel
/// in the URL, so a calculation can be bookmarked or sent on, and Back keeps what was typed.
struct FinanceRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/sales/finance", use: calculator)
    }

    static let inputs = ["price", "down_payment", "trade_in", "fees", "rate", "term", "balloon", "residual", "residual_percent", "km_per_year", "excess_km_charge", "payment_tax"]

    @Sendable func calculator(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        // The form says it was sent (calc=1); a link with only a price just fills the form in.
        let asked = request.query("calc") != nil
        var values = Dictionary(uniqueKeysWithValues: Self.inputs.map { ($0, request.query($0) ?? "") })
        if values["term"]!.isEmpty { values["term"] = "48" }
        let kind = request.query("kind") == "lease" ? "lease" : "loan"
        var data: [String: Any] = ["v": values, "lease": kind == "lease", "asked": asked, "currency": Money.currency(forCountry: p.country), "script": "finance.js"]
        var status: HTTPResponse.Status = .ok
        if asked {
            var errors = ValidationErrors()
            // The other kind's fields ride along hidden (so switching back loses nothing) and are ignored.
            let ignored: Set<String> = kind == "lease" ? ["balloon"] : ["residual", "residual_percent", "km_per_year", "excess_km_charge", "payment_tax"]
            var fields = FinanceFields(query: { ignored.contains($0) ? nil : request.query($0) }, errors: &errors)
            fields.kind = kind
            if let terms = fields.terms(errors: &errors) {
                data["q"] = Self.view(Finance.calculate(terms), terms: terms)
            } else {
                // The page's fields are named without the API's "_minor"; the term is "term".
                var shown: [String: String] = [:]
                for (field, message) in errors.fields {
                    let name = field.replacingOccurrences(of: "_minor", with: "")
                    shown[name == "term_months" ? "term" : name] = message
                }
                data["errors"] = shown
                data["hasErrors"] = true
                status = .unprocessableContent
            }
        }
        return pages.render("sales/finance", title: "Finance and leasing", data: data, context: context, request: request, status: status)
    }

    static func view(_ q: FinanceQuote, terms t: FinanceTerms) -> [String: Any] {
        let m = Money.exact
        var out: [String: Any] = [
            "payment": m(q.monthlyPaymentMinor), "financed": m(q.amountFinancedMinor), "total": m(q.totalOfPaymentsMinor), "charge": m(q.financeChargeMinor),
            "term": t.termMonths, "rate": q.rate.percentText, "lease": q.kind == .lease,
            "schedule": q.schedule.map { r in ["month": r.month, "payment": m(r.paymentMinor), "interest": m(r.interestMinor), "principal": m(r.principalMinor), "balance": m(r.balanceMinor)] },
        ]
        if let f = q.finalPaymentMinor { out["final"] = m(f) }
        if q.kind == .lease {
            out["depreciation"] = m(q.depreciationMinor ?? 0)
            out["rent"] = m(q.rentChargeMinor ?? 0)
            out["residual"] = m(q.residualMinor ?? 0)
            out["moneyFactor"] = String(format: "%.5f", q.moneyFactor ?? 0)
            if let tax = q.taxPerPaymentMinor, tax > 0 { out["tax"] = m(tax) }
            if let km = q.kmAllowance { out["km"] = km }
            if t.excessKmChargeMinor > 0 { out["excessKm"] = m(t.excessKmChargeMinor) }
        }
        return out
    }
}
