import Hummingbird
import TorqueDomain
import TorqueStore

/// Who may act for the manufacturer's side of distribution: a caller of the OEM, a region or a
/// distribution center. Dealers order and watch; they do not override, ship or credit.
enum DistributionAccess {
    static func requireNetworkSide(_ p: Principal, services: AppServices) async throws {
        guard try await isNetworkSide(p, services: services) else { throw AppError.forbidden }
    }

    static func isNetworkSide(_ p: Principal, services: AppServices) async throws -> Bool {
        let unit = try await services.orgUnits.get(p.orgUnitID, scope: p.scope)
        return [OrgUnitKind.oem, .region, .distributionCenter].contains(unit.unitKind)
    }

    /// The actor the engine decides as when an order is placed.
    static let engine = Actor(userID: nil, label: "allocation engine")
}
