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

    /// `2_450_050` cents → "24,500.50".
    public static func exact(_ minor: Int) -> String {
        let cents = abs(minor) % 100
        return (minor < 0 && minor > -100 ? "-" : "") + whole(minor) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// "32500", "32,500.00", "32.500,00", "32500.5" → minor units; nil when not an amount.
    public static func minorUnits(_ text: String) -> Int? {
        var s = text.filter { !$0.isWhitespace && $0 != "€" && $0 != "$" && $0 != "'" }
        guard !s.isEmpty, !s.hasPrefix("-") else { return nil }
        // The last separator followed by one or two digits is the decimal mark; others group thousands.
        var decimals = ""
        if let mark = s.lastIndex(where: { $0 == "," || $0 == "." }), s.distance(from: mark, to: s.endIndex) <= 3 {
            decimals = String(s[s.index(after: mark)...])
            s = String(s[..<mark])
        }
        let whole = s.filter { $0 != "," && $0 != "." }
        guard !whole.isEmpty, whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber), decimals.allSatisfy(\.isASCII), decimals.allSatisfy(\.isNumber),
              whole.count <= 12, let units = Int(whole) else { return nil }
        let cents = decimals.isEmpty ? 0 : Int(decimals.count == 1 ? decimals + "0" : decimals) ?? 0
        return units * 100 + cents
    }
}

extension Money {
    /// The currency a unit in `country` (ISO 3166 alpha-2) trades in; euro where not listed.
    public static func currency(forCountry country: String) -> String {
        ["GB": "GBP", "US": "USD", "CH": "CHF", "CA": "CAD", "SE": "SEK", "NO": "NOK", "DK": "DKK", "PL": "PLN", "CZ": "CZK", "HU": "HUF", "JP": "JPY", "CN": "CNY"][country.uppercased()] ?? "EUR"
    }
}
