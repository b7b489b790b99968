import TorqueDomain
import TorqueStore

/// "Find a unit matching this configuration anywhere in my scope" (STOCK-3): ranked by fit,
/// then by distance from the caller's unit.
struct StockMatching {
    let services: AppServices

    func rank(modelID: Int, wanted: Build, priced: PricedModel, principal p: Principal, limit: Int = 20) async throws -> [(vehicle: Vehicle, match: UnitMatch)] {
        let unit = try await services.orgUnits.get(p.orgUnitID, scope: p.scope)
        let origin = unit.latitude.flatMap { lat in unit.longitude.map { (lat: lat, lon: $0) } }
        let names = priced.catalog.items.mapValues(\.name)
        let matches = try await services.networkStock.match(modelID: modelID, wanted: wanted, origin: origin, scope: p.scope, names: names, limit: limit)
        let vehicles = try await services.vehicles.byIDs(matches.map(\.vehicleID), scope: p.scope)
        let byID = Dictionary(uniqueKeysWithValues: vehicles.map { ($0.id, $0) })
        return matches.compactMap { m in byID[m.vehicleID].map { ($0, m) } }
    }
}
