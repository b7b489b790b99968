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
    /// Why it was lost (empty unless lost).
    public var lostReason: String?
    /// When the stage last changed: an open opportunity unmoved for two weeks is stale.
    public var stageChangedAt: String?
    /// The stock unit or configuration the customer is interested in.
    public var vehicleId: Int?
    public var configurationId: Int?
    public var customerName: String?
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

/// What a salesperson types to open or edit an opportunity (SALES-1).
public struct OpportunityInput: Sendable, Equatable {
    public var customerId: Int
    public var title: String
    public var stage: String
    public var ownerUserId: Int?
    public var expectedValueMinor: Int?
    public var closeOn: String?
    public var vehicleId: Int?
    public var configurationId: Int?
    public var lostReason: String

    public init(customerId: Int, title: String, stage: String = "new", ownerUserId: Int? = nil, expectedValueMinor: Int? = nil, closeOn: String? = nil,
                vehicleId: Int? = nil, configurationId: Int? = nil, lostReason: String = "") {
        self.customerId = customerId; self.title = title; self.stage = stage; self.ownerUserId = ownerUserId; self.expectedValueMinor = expectedValueMinor
        self.closeOn = closeOn; self.vehicleId = vehicleId; self.configurationId = configurationId; self.lostReason = lostReason
    }

    public init(_ o: Opportunity) {
        self.init(customerId: o.customerId, title: o.title, stage: o.stage, ownerUserId: o.ownerUserId, expectedValueMinor: o.expectedValueMinor, closeOn: o.closeOn,
                  vehicleId: o.vehicleId, configurationId: o.configurationId, lostReason: o.lostReason ?? "")
    }
}
