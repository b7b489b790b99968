import Foundation
import TorqueDomain
import TorqueStore

/// Fills an empty database with the demo network, one login per built-in role, the demo
/// catalog and stock.
public struct DemoLoader {
    let services: AppServices
    public init(services: AppServices) { self.services = services }

    /// Returns false (and changes nothing) when the database already holds a network. With
    /// `people`, also customers and a pipeline per dealer (tests start without them).
    @discardableResult
    public func loadIfEmpty(people: Bool = false) async throws -> Bool {
        guard try await services.orgUnits.count() == 0 else { return false }
        var ids: [String: Int] = [:]
        for unit in DemoNetwork.units {
            let input = OrgUnitInput(parentId: unit.parentCode.flatMap { ids[$0] }, kind: unit.kind, code: unit.code, name: unit.name, address: unit.address,
                                     latitude: unit.latitude, longitude: unit.longitude, timeZone: unit.timeZone, workingHours: unit.workingHours)
            ids[unit.code] = try await services.orgUnits.create(input, scope: .everything, actor: .system).id
        }
        let roles = try await services.roles.all()
        // One hash for all demo logins: they share the published demo password anyway.
        let hash = try await Secrets.hashPassword(DemoNetwork.password, cost: services.config.bcryptCost)
        for login in DemoNetwork.logins {
            guard let role = roles.first(where: { $0.key == login.role }), let unit = ids[login.unitCode] else { continue }
            _ = try await services.users.create(UserInput(orgUnitId: unit, login: login.login, name: login.name, email: login.email, roleIds: [role.id], active: true),
                                                passwordHash: hash, scope: .everything, actor: .system)
        }
        try await DemoStockLoader(services: services).load(unitIDs: ids)
        try await ProductionSeed(db: services.db).codes(DemoQuality.codes)
        if people {
            try await DemoProductionLoader(services: services).load(unitIDs: ids)
            try await DemoSalesLoader(services: services).load(unitIDs: ids)
            try await DemoServiceLoader(services: services).load(unitIDs: ids)
        }
        return true
    }
}
