/// The kinds of unit in a manufacturer network, and which kind may sit under which.
public enum OrgUnitKind: String, CaseIterable, Codable, Sendable {
    case oem, region, distributionCenter = "distribution_center", plant, dealer, workshop

    public var label: String {
        switch self {
        case .oem: "Manufacturer (OEM)"
        case .region: "Region"
        case .distributionCenter: "Distribution center"
        case .plant: "Plant"
        case .dealer: "Dealer"
        case .workshop: "Service workshop"
        }
    }

    /// Kinds allowed directly under this one. The OEM is the root; a dealer may run workshops.
    public var allowedChildren: Set<OrgUnitKind> {
        switch self {
        case .oem: [.region, .distributionCenter, .plant]
        case .region: [.distributionCenter, .plant, .dealer, .workshop]
        case .distributionCenter, .plant, .workshop: []
        case .dealer: [.workshop]
        }
    }
}
