/// Phone numbers as typed at a counter ("347 123 4567", "0039 02-1234567", "+1 (415) 555-0100")
/// turned into E.164 (`+393471234567`), the key duplicate checks and search compare.
public enum PhoneNumber {
    /// Country calling codes of the countries the network sells in, by ISO 3166 alpha-2 code.
    public static let callingCodes: [String: String] = [
        "IT": "39", "SM": "378", "VA": "39", "DE": "49", "FR": "33", "ES": "34", "PT": "351", "GB": "44", "IE": "353",
        "CH": "41", "AT": "43", "NL": "31", "BE": "32", "LU": "352", "DK": "45", "SE": "46", "NO": "47", "FI": "358",
        "PL": "48", "CZ": "420", "SK": "421", "HU": "36", "SI": "386", "HR": "385", "RO": "40", "BG": "359", "GR": "30",
        "US": "1", "CA": "1", "MX": "52", "BR": "55", "AR": "54", "CN": "86", "JP": "81", "KR": "82", "IN": "91",
        "AU": "61", "NZ": "64", "ZA": "27", "TR": "90", "AE": "971", "MA": "212", "EG": "20", "IL": "972",
    ]

    /// Countries whose national numbers keep their leading 0 after the country code (Italy, San Marino, Vatican).
    static let keepsTrunkZero: Set<String> = ["IT", "SM", "VA"]

    /// E.164 form of `raw`, reading national numbers as numbers of `defaultCountry`.
    public static func normalize(_ raw: String, defaultCountry: String) -> Result<String, FieldProblem> {
        let trimmed = raw.trimmed
        guard !trimmed.isEmpty else { return .failure(FieldProblem("is empty")) }
        let allowed = Set("0123456789+ -./()")
        guard trimmed.allSatisfy({ allowed.contains($0) }) else {
            return .failure(FieldProblem("may contain only digits, spaces and + - . / ( )"))
        }
        var digits = trimmed.filter(\.isNumber)
        let international: Bool
        if trimmed.hasPrefix("+") {
            international = true
        } else if digits.hasPrefix("00") {
            digits.removeFirst(2)
            international = true
        } else {
            international = false
        }
        let country = defaultCountry.uppercased()
        if !international {
            guard let code = callingCodes[country] else { return .failure(FieldProblem("needs an international prefix (+…) for country \(country)")) }
            if code == "1", digits.count == 11, digits.hasPrefix("1") { digits.removeFirst() }  // North American trunk 1
            if !keepsTrunkZero.contains(country), digits.hasPrefix("0") { digits.removeFirst() }
            digits = code + digits
        }
        // E.164: at most 15 digits; below 8 no real subscriber number fits.
        guard (8...15).contains(digits.count) else {
            return .failure(FieldProblem(digits.count < 8 ? "is too short to be a phone number" : "is too long to be a phone number (15 digits at most)"))
        }
        guard !digits.hasPrefix("0") else { return .failure(FieldProblem("has no valid country code after the international prefix")) }
        return .success("+" + digits)
    }
}
