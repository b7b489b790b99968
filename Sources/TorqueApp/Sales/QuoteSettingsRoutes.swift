import Hummingbird
import TorqueDomain
import TorqueStore

/// `/sales/quote-settings`: a sales manager sets the dealer's quoting rules (QUOTE-1, SALES-5):
/// its tax rate, how long quotes stay valid, each role's discount limit, the fleet tiers.
struct QuoteSettingsRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/sales/quote-settings", use: form)
        router.post("/sales/quote-settings", use: save)
    }

    static let roles = ["salesperson", "sales_manager", "dealer_principal"]
    static let tierRows = 5

    func render(_ v: [String: String], errors: [String: String], principal p: Principal, request: Request, context: AppRequestContext) async throws -> Response {
        let shown = try await QuoteSettingsAPI(services: services).view(unitID: p.orgUnitID)
        let names = Dictionary(uniqueKeysWithValues: BuiltInRole.all.map { ($0.key, $0.name) })
        return pages.render("sales/quote_settings", title: "Quote rules", data: [
            "v": v, "unit": p.orgUnitName, "salesTax": shown.taxStyle == "sales_tax", "countryRate": shown.taxRateSet ? "" : shown.taxRate,
            "roles": Self.roles.map { r in ["key": r, "name": names[r] ?? r, "value": v["limit_\(r)"] ?? "", "error": errors["limit_\(r)"] ?? ""] as [String: Any] },
            "tiers": (0..<Self.tierRows).map { i in
                ["i": i, "quantity": v["tier_quantity_\(i)"] ?? "", "discount": v["tier_discount_\(i)"] ?? "",
                 "error": errors["tier_\(i)"] ?? ""] as [String: Any]
            },
            "errors": errors, "hasErrors": !errors.isEmpty,
        ], context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.quotesApprove)
        let s = try await services.quoteSettings.settings(forUnit: p.orgUnitID)
        var v = ["tax_rate": s.taxRate?.percentText ?? "", "valid_days": String(s.validDays), "trade_in_credit": s.tradeInCredit ? "on" : ""]
        for r in Self.roles { v["limit_\(r)"] = s.limit(roles: [r]).percentText }
        for (i, t) in s.fleetTiers.prefix(Self.tierRows).enumerated() {
            v["tier_quantity_\(i)"] = String(t.minQuantity)
            v["tier_discount_\(i)"] = t.discount.percentText
        }
        return try await render(v, errors: [:], principal: p, request: request, context: context)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.quotesApprove)
        let form = try await FormData.read(request, context: context)
        var v: [String: String] = ["tax_rate": form["tax_rate"] ?? "", "valid_days": form["valid_days"] ?? "", "trade_in_credit": form["trade_in_credit"] == nil ? "" : "on"]
        var errors: [String: String] = [:]
        let rateText = v["tax_rate"]!.trimmed
        let rate = rateText.isEmpty ? nil : Percentage(percent: rateText)
        if !rateText.isEmpty && rate == nil { errors["tax_rate"] = "must be a percentage like 22 or 8.25" }
        let days = Int(v["valid_days"]!.trimmed)
        if days == nil { errors["valid_days"] = "must be a whole number of days" }
        var limits: [String: Percentage] = [:]
        for r in Self.roles {
            let text = (form["limit_\(r)"] ?? "").trimmed
            v["limit_\(r)"] = text
            if text.isEmpty { continue }
            if let l = Percentage(percent: text) { limits[r] = l } else { errors["limit_\(r)"] = "must be a percentage like 3" }
        }
        var tiers: [FleetTier] = []
        for i in 0..<Self.tierRows {
            let q = (form["tier_quantity_\(i)"] ?? "").trimmed, d = (form["tier_discount_\(i)"] ?? "").trimmed
            v["tier_quantity_\(i)"] = q; v["tier_discount_\(i)"] = d
            if q.isEmpty && d.isEmpty { continue }
            guard let n = Int(q), let pct = Percentage(percent: d) else { errors["tier_\(i)"] = "needs a number of cars and a percentage, like 10 and 5"; continue }
            tiers.append(FleetTier(minQuantity: n, discount: pct))
        }
        if errors.isEmpty, let days {
            let current = try await services.quoteSettings.settings(forUnit: p.orgUnitID)
            var kept = current.discountLimits
            for (r, l) in limits { kept[r] = l }
            let settings = QuoteSettings(taxRate: rate, tradeInCredit: v["trade_in_credit"] == "on", validDays: days, discountLimits: kept, fleetTiers: tiers)
            do {
                _ = try await services.quoteSettings.save(unitID: p.orgUnitID, settings: settings, scope: p.scope, actor: p.actor)
                return PageRenderer.redirect(to: "/sales/quote-settings", flash: "Quote rules saved for \(p.orgUnitName).")
            } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
                for (field, message) in AppError.from(e)!.fields {
                    if field.hasPrefix("fleet_tiers["), let i = field.dropFirst(12).split(separator: "]").first { errors["tier_\(i)"] = message }
                    else if field.hasPrefix("discount_limits.") { errors["limit_\(field.dropFirst(16))"] = message }
                    else { errors[field] = message }
                }
            }
        }
        return try await render(v, errors: errors, principal: p, request: request, context: context)
    }
}
