/// The customer fields a CSV column can be mapped to (CUS-8 import).
public enum ImportColumn: String, CaseIterable, Codable, Sendable {
    case ignore, kind, firstName = "first_name", lastName = "last_name", fullName = "full_name", companyName = "company_name",
         email, phone, address, postcode, city, country, consentMarketing = "consent_marketing"

    public var label: String {
        switch self {
        case .ignore: "(ignore this column)"
        case .kind: "Person or company"
        case .firstName: "First name"
        case .lastName: "Last name"
        case .fullName: "Full name (split at the last word)"
        case .companyName: "Company"
        case .email: "E-mail"
        case .phone: "Phone"
        case .address: "Address"
        case .postcode: "Postcode"
        case .city: "City"
        case .country: "Country (ISO code)"
        case .consentMarketing: "Agrees to offers (yes/no)"
        }
    }

    /// Header spellings seen in exports of other CRMs and spreadsheets, English and Italian.
    static let aliases: [ImportColumn: [String]] = [
        .kind: ["kind", "type", "tipo"],
        .firstName: ["first name", "firstname", "given name", "first", "nome"],
        .lastName: ["last name", "lastname", "surname", "family name", "last", "cognome"],
        .fullName: ["name", "full name", "fullname", "contact", "nominativo", "nome e cognome", "nome completo"],
        .companyName: ["company", "company name", "organization", "organisation", "account", "azienda", "ragione sociale", "societa"],
        .email: ["email", "e mail", "mail", "email address", "posta elettronica"],
        .phone: ["phone", "telephone", "tel", "mobile", "cell", "phone number", "telefono", "cellulare", "numero di telefono"],
        .address: ["address", "street", "address line 1", "indirizzo", "via"],
        .postcode: ["postcode", "postal code", "zip", "zip code", "post code", "cap"],
        .city: ["city", "town", "citta", "comune", "localita"],
        .country: ["country", "country code", "nazione", "paese"],
        .consentMarketing: ["consent", "marketing consent", "consent marketing", "opt in", "optin", "newsletter", "consenso", "consenso marketing", "privacy marketing"],
    ]

    /// Guesses each header's field; a field is given to its first matching column only.
    public static func guess(_ headers: [String]) -> [ImportColumn] {
        var used = Set<ImportColumn>()
        return headers.map { header in
            let key = SearchKey.name(header).replacingOccurrences(of: "_", with: " ")
            guard let found = allCases.first(where: { $0 != .ignore && !used.contains($0) && (aliases[$0] ?? []).contains(key) }) else { return .ignore }
            used.insert(found)
            return found
        }
    }
}

/// One CSV row read through a mapping: what the customer form would have received.
public struct ImportedFields: Sendable, Equatable {
    public var values: [ImportColumn: String] = [:]

    public init(row: [String], mapping: [ImportColumn]) {
        for (i, column) in mapping.enumerated() where column != .ignore && i < row.count {
            let v = row[i].trimmed
            guard !v.isEmpty else { continue }
            if column == .fullName {
                var words = v.split(separator: " ").map(String.init)
                values[.lastName] = values[.lastName] ?? words.popLast()
                if !words.isEmpty { values[.firstName] = values[.firstName] ?? words.joined(separator: " ") }
            } else {
                values[column] = v
            }
        }
    }

    public subscript(_ c: ImportColumn) -> String? { values[c] }

    /// yes/no in the spellings people type; nil when it is neither.
    public static func flag(_ text: String?) -> Bool?? {
        guard let t = text?.lowercased() else { return .some(nil) }
        if ["yes", "y", "true", "1", "si", "sì", "x", "ja", "oui"].contains(t) { return true }
        if ["no", "n", "false", "0", "nein", "non"].contains(t) { return false }
        return nil
    }
}
