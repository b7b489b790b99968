/// The tax a dealer's quotes use, from its country unless the unit sets its own rate.
public enum SalesTaxRules {
    /// Standard VAT rates on new cars, in percent, for the countries a European network sells
    /// in (2026 rates; a unit overrides them in its quote settings when they change).
    public static let vatRates: [String: String] = [
        "AT": "20", "BE": "21", "BG": "20", "CH": "8.1", "CY": "19", "CZ": "21", "DE": "19", "DK": "25", "EE": "24", "ES": "21",
        "FI": "25.5", "FR": "20", "GB": "20", "GR": "24", "HR": "25", "HU": "27", "IE": "23", "IT": "22", "LT": "21", "LU": "17",
        "LV": "21", "MT": "18", "NL": "21", "NO": "25", "PL": "23", "PT": "23", "RO": "21", "SE": "25", "SI": "22", "SK": "23",
        "AU": "10", "NZ": "15", "JP": "10", "CN": "13", "IN": "28", "BR": "12", "MX": "16", "ZA": "15", "TR": "20",
    ]

    /// Countries where tax is added on top of the price and set per state or province.
    public static let salesTaxCountries: Set<String> = ["US", "CA"]

    /// The style for a unit in `country`; `rate` is the unit's own (from its settings) if any.
    public static func style(country: String, rate: Percentage?, tradeInCredit: Bool) -> SalesTaxStyle {
        let code = country.uppercased()
        if salesTaxCountries.contains(code) {
            return .salesTax(rate ?? Percentage(perMillion: 0), tradeInCredit: tradeInCredit)
        }
        return .vatIncluded(rate ?? vatRates[code].flatMap(Percentage.init(percent:)) ?? Percentage(perMillion: 0))
    }

    /// The stored pair (style name, rate) of a style, as quote versions keep it.
    public static func stored(_ s: SalesTaxStyle) -> (style: String, rate: Percentage, tradeInCredit: Bool) {
        switch s {
        case let .vatIncluded(r): ("vat_included", r, false)
        case let .salesTax(r, c): ("sales_tax", r, c)
        }
    }

    /// Back from the stored pair.
    public static func style(stored: String, rate: Percentage, tradeInCredit: Bool) -> SalesTaxStyle {
        stored == "sales_tax" ? .salesTax(rate, tradeInCredit: tradeInCredit) : .vatIncluded(rate)
    }
}

/// How far each role may discount without a manager (QUOTE-1). A unit may set its own limits;
/// these are the defaults.
public enum DiscountPolicy {
    public static let defaultLimits: [String: Percentage] = [
        "salesperson": Percentage(perMillion: 30_000),
        "sales_manager": Percentage(perMillion: 100_000),
        "dealer_principal": Percentage(perMillion: 1_000_000),
        "administrator": Percentage(perMillion: 1_000_000),
    ]

    /// The highest limit among the person's roles; a role without a limit gives none.
    public static func limit(roles: [String], configured: [String: Percentage]) -> Percentage {
        roles.map { configured[$0] ?? defaultLimits[$0] ?? Percentage(perMillion: 0) }.max() ?? Percentage(perMillion: 0)
    }
}
