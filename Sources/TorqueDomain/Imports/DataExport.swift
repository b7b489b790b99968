/// An export-all bundle (CUS-8) of one part of the network.
public struct DataExport: Codable, Sendable, Equatable {
    public var id: Int
    public var orgUnitId: Int
    public var userId: Int?
    public var userName: String
    /// queued → running → done | failed
    public var status: String
    public var filename: String
    public var bytes: Int
    public var countsJson: String
    public var message: String
    public var createdAt: String
    public var finishedAt: String?
}
