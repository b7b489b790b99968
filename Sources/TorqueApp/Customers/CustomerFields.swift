import Foundation
import TorqueDomain
import TorqueStore

/// A customer as submitted by the form or the API, before validation.
struct CustomerFields: APIInput, Sendable {
    var kind: String?
    var firstName: String?
    var lastName: String?
    var companyName: String?
    var email: String?
    var phone: String?
    var address: String?
    var postcode: String?
    var city: String?
    var country: String?
    var consentMarketing: Bool?
    var orgUnitId: Int?
    /// "create" to save despite probable duplicates.
    var onDuplicate: String?
    /// The id of a proposed duplicate to use (share) instead of creating a new customer.
    var useCustomerId: Int?
    /// A car the person owns, to find them if the network knows the car.
    var vin: String?

    static let fields: Set<String> = ["kind", "first_name", "last_name", "company_name", "email", "phone", "address", "postcode", "city", "country",
                                      "consent_marketing", "org_unit_id", "on_duplicate", "use_customer_id", "vin"]

    init(kind: String? = "person", firstName: String? = nil, lastName: String? = nil, companyName: String? = nil, email: String? = nil, phone: String? = nil,
         address: String? = nil, postcode: String? = nil, city: String? = nil, country: String? = nil, consentMarketing: Bool? = nil,
         orgUnitId: Int? = nil, onDuplicate: String? = nil, useCustomerId: Int? = nil) {
        self.kind = kind; self.firstName = firstName; self.lastName = lastName; self.companyName = companyName; self.email = email; self.phone = phone
        self.address = address; self.postcode = postcode; self.city = city; self.country = country; self.consentMarketing = consentMarketing
        self.orgUnitId = orgUnitId; self.onDuplicate = onDuplicate; self.useCustomerId = useCustomerId
    }

    init(_ c: Customer) {
        self.init(kind: c.kind, firstName: c.firstName, lastName: c.lastName, companyName: c.companyName, email: c.email, phone: c.phone,
                  address: c.address, postcode: c.postcode, city: c.city, country: c.country, consentMarketing: c.consentMarketing)
    }

    init(form: FormData, errors: inout ValidationErrors) {
        self.init(kind: form["kind"] ?? "person", firstName: form["first_name"], lastName: form["last_name"], companyName: form["company_name"],
                  email: form["email"], phone: form["phone"], address: form["address"], postcode: form["postcode"], city: form["city"], country: form["country"],
                  consentMarketing: form["consent_marketing"] == "on", onDuplicate: form["on_duplicate"],
                  useCustomerId: FormValue.int(form["use_customer_id"], field: "use_customer_id", into: &errors))
        vin = form["vin"]
    }

    func validated(defaultCountry: String, errors: inout ValidationErrors) -> CustomerInput? {
        let kind = CustomerInput.Kind(rawValue: kind ?? "person")
        if kind == nil { errors.add("kind", "must be person or company") }
        let first = Validate.text(firstName, field: "first_name", required: false, limit: 100, into: &errors) ?? ""
        let last = Validate.text(lastName, field: "last_name", required: kind == .person, limit: 100, into: &errors) ?? ""
        let company = Validate.text(companyName, field: "company_name", required: kind == .company, limit: Validate.nameLimit, into: &errors) ?? ""
        let email = Validate.email(email, required: false, into: &errors)
        let country = (Validate.text(self.country, field: "country", required: false, limit: 2, into: &errors) ?? defaultCountry).uppercased()
        if PhoneNumber.callingCodes[country] == nil { errors.add("country", "is not a country code we know (e.g. IT, DE, FR)") }
        var phone: String?
        if let raw = Validate.text(self.phone, field: "phone", required: false, limit: 40, into: &errors) {
            switch PhoneNumber.normalize(raw, defaultCountry: country) {
            case let .success(p): phone = p
            case let .failure(problem): errors.add("phone", problem.message)
            }
        }
        let address = Validate.text(address, field: "address", required: false, limit: 300, into: &errors) ?? ""
        let postcode = Validate.text(postcode, field: "postcode", required: false, limit: 12, into: &errors) ?? ""
        if !postcode.isEmpty, !postcode.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" }) { errors.add("postcode", "may contain only letters, digits, spaces and '-'") }
        let city = Validate.text(city, field: "city", required: false, limit: 100, into: &errors) ?? ""
        if phone == nil, email == nil, errors.fields["phone"] == nil, errors.fields["email"] == nil {
            errors.add("phone", "give a phone number or an e-mail address, so the customer can be reached")
        }
        if let d = onDuplicate, d != "create" { errors.add("on_duplicate", "must be \"create\"") }
        var checkedVIN: String?
        if let raw = vin?.trimmed, !raw.isEmpty {
            // Only to find a twin: the general rule is enough (no strict check for own makes).
            switch VIN.parse(raw) {
            case .success(let v): checkedVIN = v.value
            case .failure(let problem): errors.add("vin", problem.message)
            }
        }
        guard errors.isEmpty, let kind else { return nil }
        var input = CustomerInput(kind: kind, firstName: first, lastName: last, companyName: company, email: email, phone: phone, address: address,
                                  postcode: postcode, city: city, country: country, consentMarketing: consentMarketing ?? false)
        input.vin = checkedVIN
        return input
    }
}

/// A customer in API answers: the stored fields plus the readable number.
struct CustomerJSON: Encodable {
    var customer: Customer
    func encode(to encoder: any Encoder) throws {
        try customer.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(customer.number, forKey: .number)
    }
    enum Keys: String, CodingKey { case number }
}

/// A probable duplicate as shown before saving. Records the caller cannot see yet show only
/// what identifies them, not their contact details.
struct CandidateJSON: Encodable {
    var id: Int
    var number: String
    var displayName: String
    var city: String
    var score: Int
    var reasons: [String]
    var visible: Bool

    init(_ c: DuplicateCandidate) {
        id = c.customer.id; number = c.customer.number; displayName = c.customer.displayName; city = c.customer.city
        score = c.match.score; reasons = c.match.reasons; visible = c.visible
    }
}
