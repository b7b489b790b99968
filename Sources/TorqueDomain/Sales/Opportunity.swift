/// A chance to sell a vehicle to a customer (SALES-1). Leads convert into one; the sales module
/// adds the configurable stages, the pipeline board and the forecast.
public struct Opportunity: Codable, Sendable, Equatable {
    public var id: Int
    public var orgUnitId: Int
    public var customerId: Int
    public var leadId: Int?
    public var title: String
    public var stage: String
    public var ownerUserId: Int?
    public var ownerName: String?
    /// Minor currency units (cents).
    public var expectedValueMinor: Int?
    public var closeOn: String?
    public var createdAt: String
    public var updatedAt: String
}

/// What a lead conversion needs to open an opportunity.
public struct OpportunityDraft: Sendable, Equatable {
    public var title: String
    public var expectedValueMinor: Int?
    public var closeOn: String?
    public init(title: String, expectedValueMinor: Int? = nil, closeOn: String? = nil) {
        self.title = title; self.expectedValueMinor = expectedValueMinor; self.closeOn = closeOn
    }
}
