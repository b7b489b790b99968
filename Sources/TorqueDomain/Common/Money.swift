/// Amounts kept in integer minor units (cents), shown as whole units with thousands separated.
public enum Money {
    /// `2_450_000` cents → "24,500".
    public static func whole(_ minor: Int) -> String {
        let units = minor / 100
        let digits = String(abs(units))
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (units < 0 ? "-" : "") + String(out.reversed())
    }
}

extension Money {
    /// The currency a unit in `country` (ISO 3166 alpha-2) trades in; euro where not listed.
    public static func currency(forCountry country: String) -> String {
        ["GB": "GBP", "US": "USD", "CH": "CHF", "CA": "CAD", "SE": "SEK", "NO": "NOK", "DK": "DKK", "PL": "PLN", "CZ": "CZK", "HU": "HUF", "JP": "JPY", "CN": "CNY"][country.uppercased()] ?? "EUR"
    }
}
