/// A customer as stored: a person or a company, known to one or more units of the network.
public struct Customer: Codable, Sendable, Equatable {
    public var id: Int
    public var orgUnitId: Int
    public var kind: String
    public var firstName: String
    public var lastName: String
    public var companyName: String
    public var displayName: String
    public var email: String?
    public var phone: String?
    public var address: String
    public var postcode: String
    public var city: String
    public var country: String
    public var consentMarketing: Bool
    public var createdAt: String
    public var updatedAt: String

    /// The number people read out at the counter: C-10001 for id 1.
    public var number: String { CustomerNumber.format(id) }

    public var dedupeKeys: DedupeKeys { DedupeKeys(phone: phone, email: email, name: displayName, postcode: postcode) }
}

/// Readable customer numbers.
public enum CustomerNumber {
    public static func format(_ id: Int) -> String { "C-\(10000 + id)" }

    public static func parse(_ text: String) -> Int? {
        let t = text.trimmed.uppercased()
        guard t.hasPrefix("C-") || t.hasPrefix("C"), let n = Int(t.drop { !$0.isNumber }), n > 10000 else { return nil }
        return n - 10000
    }
}

/// The validated fields of a customer.
public struct CustomerInput: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case person, company }
    public var kind: Kind
    public var firstName: String
    public var lastName: String
    public var companyName: String
    public var email: String?
    public var phone: String?
    public var address: String
    public var postcode: String
    public var city: String
    public var country: String
    public var consentMarketing: Bool
    /// A car the person says they own: not stored with the customer, only used to find twins
    /// (a customer already owning this VIN is the same person).
    public var vin: String?

    public init(kind: Kind, firstName: String = "", lastName: String = "", companyName: String = "", email: String? = nil, phone: String? = nil,
                address: String = "", postcode: String = "", city: String = "", country: String = "IT", consentMarketing: Bool = false) {
        self.kind = kind; self.firstName = firstName; self.lastName = lastName; self.companyName = companyName; self.email = email; self.phone = phone
        self.address = address; self.postcode = postcode; self.city = city; self.country = country; self.consentMarketing = consentMarketing
    }

    public var displayName: String {
        kind == .company ? companyName : [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
    }

    public var dedupeKeys: DedupeKeys {
        DedupeKeys(phones: Set([phone].compactMap { $0 }), emails: Set([email].compactMap { $0 }), name: displayName, postcode: postcode, vins: Set([vin].compactMap { $0 }))
    }

    /// Words of the name, company and city, for prefix search. (E-mail addresses are searched by
    /// their own index: as words, every one was unique and made common prefixes too broad.)
    public var searchWords: Set<String> {
        var words = Set(SearchKey.name(displayName).split(separator: " ").map(String.init))
        // "D'Amico-Lüders" is also typed as "damico": each written word joined without its punctuation.
        words.formUnion(displayName.split(separator: " ").map { SearchKey.name(String($0)).replacingOccurrences(of: " ", with: "") })
        if !city.isEmpty { words.formUnion(SearchKey.name(city).split(separator: " ").map(String.init)) }
        return words
    }
}
