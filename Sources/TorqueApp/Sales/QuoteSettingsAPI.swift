import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/quote-settings`: a unit's tax rate, quote validity and discount limits per role.
struct QuoteSettingsAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/quote-settings", use: show)
        router.put("/api/v1/quote-settings", use: save)
    }

    struct SettingsJSON: Encodable {
        var orgUnitId: Int
        var taxStyle: String
        var taxRate: String
        var taxRateSet: Bool
        var tradeInCredit: Bool
        var validDays: Int
        var discountLimits: [String: String]
        var fleetTiers: [FleetTier]
    }

    /// The settings as shown: every role with its limit in force (own or default).
    func view(unitID: Int) async throws -> SettingsJSON {
        let s = try await services.quoteSettings.settings(forUnit: unitID)
        let unit = try await services.orgUnits.get(unitID, scope: .everything)
        let stored = SalesTaxRules.stored(SalesTaxRules.style(country: unit.country, rate: s.taxRate, tradeInCredit: s.tradeInCredit))
        var limits: [String: String] = [:]
        for (role, p) in DiscountPolicy.defaultLimits { limits[role] = p.percentText }
        for (role, p) in s.discountLimits { limits[role] = p.percentText }
        return SettingsJSON(orgUnitId: unitID, taxStyle: stored.style, taxRate: stored.rate.percentText, taxRateSet: s.taxRate != nil,
                            tradeInCredit: s.tradeInCredit, validDays: s.validDays, discountLimits: limits, fleetTiers: s.fleetTiers)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let unit = try await OpportunityAPI(services: services).stageUnit(request, principal: p)
        return try APIResponse.json(try await view(unitID: unit))
    }

    struct Body: APIInput {
        var taxRate: PercentValue?
        var tradeInCredit: Bool?
        var validDays: Int?
        var discountLimits: [String: PercentValue]?
        var fleetTiers: [TierFields]?
        static let fields: Set<String> = ["tax_rate", "trade_in_credit", "valid_days", "discount_limits", "fleet_tiers"]
    }

    struct TierFields: Decodable {
        var minQuantity: Int?
        var discount: PercentValue?
    }

    /// Sales managers and dealer principals set them; `tax_rate` null goes back to the country's.
    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.quotesApprove)
        let unit = try await OpportunityAPI(services: services).stageUnit(request, principal: p)
        let b = try await JSONBody.decode(Body.self, from: request, context: context)
        var errors = ValidationErrors()
        if let r = b.taxRate, r.rate == nil { errors.add("tax_rate", "must be a percentage like 8.25") }
        var limits: [String: Percentage] = [:]
        for (role, v) in b.discountLimits ?? [:] {
            if let r = v.rate { limits[role] = r } else { errors.add("discount_limits.\(role)", "must be a percentage like 5") }
        }
        var tiers: [FleetTier] = []
        for (i, t) in (b.fleetTiers ?? []).enumerated() {
            guard let q = t.minQuantity else { errors.add("fleet_tiers[\(i)].min_quantity", "is required"); continue }
            guard let d = t.discount?.rate else { errors.add("fleet_tiers[\(i)].discount", "must be a percentage like 4"); continue }
            tiers.append(FleetTier(minQuantity: q, discount: d))
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        let current = try await services.quoteSettings.settings(forUnit: unit)
        let settings = QuoteSettings(taxRate: b.taxRate?.rate, tradeInCredit: b.tradeInCredit ?? current.tradeInCredit, validDays: b.validDays ?? current.validDays,
                                     discountLimits: b.discountLimits == nil ? current.discountLimits : limits,
                                     fleetTiers: b.fleetTiers == nil ? current.fleetTiers : tiers)
        _ = try await services.quoteSettings.save(unitID: unit, settings: settings, scope: p.scope, actor: p.actor)
        return try APIResponse.json(try await view(unitID: unit))
    }
}
