/// A saved, priced build of a model (CAT-3): shareable by link, later the base of a quote or a
/// factory order. Its lines keep the prices of the day it was priced.
public struct Configuration: Codable, Sendable, Equatable {
    public var id: Int
    public var orgUnitId: Int
    public var modelId: Int
    public var modelTitle: String
    public var build: Build
    public var priceMinor: Int
    public var currency: String
    public var priceListId: Int?
    public var lines: [PriceLine]
    public var customerId: Int?
    public var customerName: String?
    public var shareToken: String
    public var createdBy: Int?
    public var createdAt: String

    public init(id: Int, orgUnitId: Int, modelId: Int, modelTitle: String, build: Build, priceMinor: Int, currency: String, priceListId: Int?,
                lines: [PriceLine], customerId: Int?, customerName: String?, shareToken: String, createdBy: Int?, createdAt: String) {
        self.id = id; self.orgUnitId = orgUnitId; self.modelId = modelId; self.modelTitle = modelTitle; self.build = build
        self.priceMinor = priceMinor; self.currency = currency; self.priceListId = priceListId; self.lines = lines
        self.customerId = customerId; self.customerName = customerName; self.shareToken = shareToken; self.createdBy = createdBy; self.createdAt = createdAt
    }

    public var number: String { "CFG-\(id)" }
}
