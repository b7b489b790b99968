/// A unit of the network as stored: the OEM, a region, a dealer, a workshop…
public struct OrgUnit: Codable, Sendable, Equatable {
    public var id: Int
    public var parentId: Int?
    public var path: String
    public var kind: String
    public var code: String
    public var name: String
    public var address: String
    public var latitude: Double?
    public var longitude: Double?
    public var timeZone: String
    public var workingHours: String
    /// ISO 3166 code; phone numbers typed here without + are read as this country's.
    public var country: String
    public var active: Bool
    public var createdAt: String
    public var updatedAt: String

    public var unitKind: OrgUnitKind? { OrgUnitKind(rawValue: kind) }
    public var depth: Int { OrgPath.depth(of: path) }
}

/// The editable fields of an org unit, already validated.
public struct OrgUnitInput: Sendable, Equatable {
    public var parentId: Int?
    public var kind: OrgUnitKind
    public var code: String
    public var name: String
    public var address: String
    public var latitude: Double?
    public var longitude: Double?
    public var timeZone: String
    public var workingHours: String
    public var country: String

    public init(parentId: Int?, kind: OrgUnitKind, code: String, name: String, address: String, latitude: Double?, longitude: Double?, timeZone: String, workingHours: String, country: String = "IT") {
        self.parentId = parentId; self.kind = kind; self.code = code; self.name = name; self.address = address
        self.latitude = latitude; self.longitude = longitude; self.timeZone = timeZone; self.workingHours = workingHours
        self.country = country
    }
}
