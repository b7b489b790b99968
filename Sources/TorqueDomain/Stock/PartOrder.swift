/// Parts ordered from the supplier and not yet received (STOCK-2): the booking scheduler reads
/// their expected day to say when a job's parts are there (SVC-3).
public struct PartOrder: Codable, Sendable, Equatable {
    public var id: Int
    public var partId: Int
    public var orgUnitId: Int
    public var partNumber: String?
    public var quantity: Int
    public var expectedOn: String
    public var reference: String
    /// open, received, cancelled
    public var status: String
    public var createdAt: String
    public var receivedAt: String?
}
