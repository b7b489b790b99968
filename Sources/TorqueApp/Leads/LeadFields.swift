import Foundation
import TorqueDomain
import TorqueStore

/// A lead as submitted by the form, the API or a public web form, before validation.
struct LeadFields: APIInput, Sendable {
    var kind: String?
    var firstName: String?
    var lastName: String?
    var companyName: String?
    var email: String?
    var phone: String?
    var postcode: String?
    var city: String?
    var country: String?
    var consentMarketing: Bool?
    var source: String?
    var campaign: String?
    var message: String?
    var interestBrand: String?
    var interestModel: String?
    var timeframe: String?
    var payment: String?
    var tradeIn: Bool?
    var budget: Int?
    var orgUnitId: Int?
    var assignedUserId: Int?

    static let fields: Set<String> = ["kind", "first_name", "last_name", "company_name", "email", "phone", "postcode", "city", "country", "consent_marketing",
                                      "source", "campaign", "message", "interest_brand", "interest_model", "timeframe", "payment", "trade_in", "budget",
                                      "org_unit_id", "assigned_user_id"]

    init() {}

    init(form: FormData, errors: inout ValidationErrors) {
        kind = form["kind"] ?? "person"
        firstName = form["first_name"]; lastName = form["last_name"]; companyName = form["company_name"]
        email = form["email"]; phone = form["phone"]; postcode = form["postcode"]; city = form["city"]; country = form["country"]
        consentMarketing = form["consent_marketing"].map { ["on", "true", "1", "yes"].contains($0.lowercased()) }
        source = form["source"]; campaign = form["campaign"]; message = form["message"]
        interestBrand = form["interest_brand"]; interestModel = form["interest_model"]; timeframe = form["timeframe"]; payment = form["payment"]
        tradeIn = form["trade_in"].map { ["on", "true", "1", "yes"].contains($0.lowercased()) }
        budget = FormValue.int(form["budget"], field: "budget", into: &errors)
        orgUnitId = FormValue.int(form["org_unit_id"], field: "org_unit_id", into: &errors)
        assignedUserId = FormValue.int(form["assigned_user_id"], field: "assigned_user_id", into: &errors)
    }

    init(_ l: Lead) {
        kind = l.kind; firstName = l.firstName; lastName = l.lastName; companyName = l.companyName; email = l.email; phone = l.phone
        postcode = l.postcode; city = l.city; country = l.country; consentMarketing = l.consentMarketing; source = l.source; campaign = l.campaign
        message = l.message; interestBrand = l.interestBrand; interestModel = l.interestModel; timeframe = l.timeframe; payment = l.payment
        tradeIn = l.tradeIn; budget = l.budget; assignedUserId = l.assignedUserId
    }

    func qualification(errors: inout ValidationErrors) -> LeadQualification {
        let brand = Validate.text(interestBrand, field: "interest_brand", required: false, limit: 60, into: &errors) ?? ""
        let model = Validate.text(interestModel, field: "interest_model", required: false, limit: 100, into: &errors) ?? ""
        let timeframe = LeadTimeframe(rawValue: self.timeframe ?? "unknown")
        if timeframe == nil { errors.add("timeframe", "must be one of: " + LeadTimeframe.allCases.map(\.rawValue).joined(separator: ", ")) }
        let payment = LeadPayment(rawValue: self.payment ?? "unknown")
        if payment == nil { errors.add("payment", "must be one of: " + LeadPayment.allCases.map(\.rawValue).joined(separator: ", ")) }
        if let b = budget, !(0...100_000_000).contains(b) { errors.add("budget", "must be between 0 and 100000000") }
        return LeadQualification(interestBrand: brand, interestModel: model, timeframe: timeframe ?? .unknown, payment: payment ?? .unknown, tradeIn: tradeIn ?? false, budget: budget)
    }

    /// The person is checked exactly as a customer is (phone in E.164 with the dealer's country).
    func validated(defaultCountry: String, defaultSource: LeadSource, errors: inout ValidationErrors) -> LeadInput? {
        let person = CustomerFields(kind: kind ?? "person", firstName: firstName, lastName: lastName, companyName: companyName, email: email, phone: phone,
                                    postcode: postcode, city: city, country: country, consentMarketing: consentMarketing).validated(defaultCountry: defaultCountry, errors: &errors)
        let source = LeadSource(rawValue: self.source ?? defaultSource.rawValue)
        if source == nil { errors.add("source", "must be one of: " + LeadSource.allCases.map(\.rawValue).joined(separator: ", ")) }
        let campaign = Validate.text(campaign, field: "campaign", required: false, limit: 100, into: &errors) ?? ""
        let message = Validate.text(message, field: "message", required: false, limit: Validate.textLimit, into: &errors) ?? ""
        let q = qualification(errors: &errors)
        guard errors.isEmpty, let person, let source else { return nil }
        return LeadInput(person: person, source: source, campaign: campaign, message: message, qualification: q)
    }
}

/// A lead in API answers: stored fields, the readable number and the score explained.
struct LeadJSON: Encodable {
    var lead: Lead
    /// Set on intake: true when the inquiry was added to an open lead instead of creating one.
    var isRepeat: Bool? = nil
    func encode(to encoder: any Encoder) throws {
        try lead.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(lead.number, forKey: .number)
        if let isRepeat { try c.encode(isRepeat, forKey: .isRepeat) }
        let s = LeadScore.score(lead.scoreFacts)
        try c.encode(s.band, forKey: .scoreBand)
        try c.encode(s.reasons, forKey: .scoreReasons)
    }
    enum Keys: String, CodingKey { case number, scoreBand = "score_band", scoreReasons = "score_reasons", isRepeat = "repeat" }
}
