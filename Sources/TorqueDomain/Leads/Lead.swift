/// Where an inquiry came from (LEAD-1).
public enum LeadSource: String, CaseIterable, Codable, Sendable {
    case walkIn = "walk_in", phone, email, sms, fax, webForm = "web_form", api, campaign, social, referral, event, `import`

    public var label: String {
        switch self {
        case .walkIn: "Walk-in"
        case .phone: "Phone"
        case .email: "E-mail"
        case .sms: "SMS"
        case .fax: "Fax"
        case .webForm: "Web form"
        case .api: "API"
        case .campaign: "Campaign"
        case .social: "Social"
        case .referral: "Referral"
        case .event: "Event"
        case .import: "Import"
        }
    }
}

/// Where a lead stands. `converted` and `disqualified` are final.
public enum LeadStatus: String, CaseIterable, Codable, Sendable {
    case new, contacted, qualified, disqualified, converted

    public var label: String {
        switch self {
        case .new: "New"
        case .contacted: "Contacted"
        case .qualified: "Qualified"
        case .disqualified: "Disqualified"
        case .converted: "Converted"
        }
    }

    public var isOpen: Bool { self == .new || self == .contacted || self == .qualified }
}

/// When the prospect means to buy (a pre-qualification question).
public enum LeadTimeframe: String, CaseIterable, Codable, Sendable {
    case unknown, now, threeMonths = "three_months", sixMonths = "six_months", later

    public var label: String {
        switch self {
        case .unknown: "Not asked yet"
        case .now: "Within a month"
        case .threeMonths: "Within 3 months"
        case .sixMonths: "Within 6 months"
        case .later: "Later / just looking"
        }
    }
}

/// How the prospect means to pay (a pre-qualification question).
public enum LeadPayment: String, CaseIterable, Codable, Sendable {
    case unknown, cash, finance, lease

    public var label: String {
        switch self {
        case .unknown: "Not asked yet"
        case .cash: "Cash"
        case .finance: "Finance"
        case .lease: "Lease"
        }
    }
}

/// Why a lead was dropped (LEAD-2).
public enum DisqualifyReason: String, CaseIterable, Codable, Sendable {
    case notReachable = "not_reachable", noBudget = "no_budget", boughtElsewhere = "bought_elsewhere", notInterested = "not_interested", duplicate, spam, other

    public var label: String {
        switch self {
        case .notReachable: "Not reachable"
        case .noBudget: "No budget"
        case .boughtElsewhere: "Bought elsewhere"
        case .notInterested: "Not interested"
        case .duplicate: "Duplicate inquiry"
        case .spam: "Spam / not a real person"
        case .other: "Other"
        }
    }
}

/// The questions that tell a sincere buyer from a browser.
public struct LeadQualification: Sendable, Equatable, Codable {
    public var interestBrand: String
    public var interestModel: String
    public var timeframe: LeadTimeframe
    public var payment: LeadPayment
    public var tradeIn: Bool
    /// Whole currency units; nil when not given.
    public var budget: Int?

    public init(interestBrand: String = "", interestModel: String = "", timeframe: LeadTimeframe = .unknown, payment: LeadPayment = .unknown, tradeIn: Bool = false, budget: Int? = nil) {
        self.interestBrand = interestBrand; self.interestModel = interestModel; self.timeframe = timeframe; self.payment = payment; self.tradeIn = tradeIn; self.budget = budget
    }
}

/// A validated inquiry: who (the same fields a customer has, so conversion needs no retyping),
/// where it came from, what they said and the qualification answers.
public struct LeadInput: Sendable, Equatable {
    public var person: CustomerInput
    public var source: LeadSource
    public var campaign: String
    public var message: String
    public var qualification: LeadQualification

    public init(person: CustomerInput, source: LeadSource, campaign: String = "", message: String = "", qualification: LeadQualification = .init()) {
        self.person = person; self.source = source; self.campaign = campaign; self.message = message; self.qualification = qualification
    }
}

/// A lead as stored.
public struct Lead: Codable, Sendable, Equatable {
    public var id: Int
    public var orgUnitId: Int
    public var status: String
    public var source: String
    public var campaign: String
    public var kind: String
    public var firstName: String
    public var lastName: String
    public var companyName: String
    public var displayName: String
    public var email: String?
    public var phone: String?
    public var postcode: String
    public var city: String
    public var country: String
    public var consentMarketing: Bool
    public var message: String
    public var interestBrand: String
    public var interestModel: String
    public var timeframe: String
    public var payment: String
    public var tradeIn: Bool
    public var budget: Int?
    public var score: Int
    public var assignedUserId: Int?
    public var assignedUserName: String?
    public var matchedCustomerId: Int?
    public var customerId: Int?
    public var opportunityId: Int?
    public var disqualifyReason: String?
    public var disqualifyNote: String
    public var slaDueAt: String?
    public var firstResponseAt: String?
    public var escalatedAt: String?
    public var createdAt: String
    public var updatedAt: String

    public var number: String { "L-\(10000 + id)" }

    /// The identity typed with the lead, ready to become a customer.
    public var person: CustomerInput {
        CustomerInput(kind: CustomerInput.Kind(rawValue: kind) ?? .person, firstName: firstName, lastName: lastName, companyName: companyName,
                      email: email, phone: phone, postcode: postcode, city: city, country: country, consentMarketing: consentMarketing)
    }

    /// What the score is computed from; the stored `score` is always `LeadScore.score(scoreFacts)`.
    public var scoreFacts: LeadScore.Facts {
        LeadScore.Facts(source: LeadSource(rawValue: source) ?? .api, hasPhone: phone != nil, hasEmail: email != nil, qualification: qualification,
                        knownCustomer: matchedCustomerId != nil, responded: firstResponseAt != nil)
    }

    public var qualification: LeadQualification {
        LeadQualification(interestBrand: interestBrand, interestModel: interestModel, timeframe: LeadTimeframe(rawValue: timeframe) ?? .unknown,
                          payment: LeadPayment(rawValue: payment) ?? .unknown, tradeIn: tradeIn, budget: budget)
    }
}
