import SQLKit
import TorqueDomain

/// Vehicle lists from a dealer management system (INT-3), applied all or nothing.
public struct StockImportStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// The models a stock file may name for `unitID`, with their catalogs (one query for the
    /// items, one for the rules).
    public func models(scope: Scope) async throws -> [String: StockImportModel] {
        let models = try await CatalogStore(db: db).models(scope: scope)
        guard !models.isEmpty else { return [:] }
        let ids = models.map(\.id)
        var items: [Int: [CatalogItem]] = [:]
        for r in try await db.sql.raw("SELECT model_id, kind, code, name FROM catalog_items WHERE model_id IN \(SQLBind.group(ids))").all() {
            items[try r.decode(column: "model_id", as: Int.self), default: []].append(CatalogItem(
                code: try r.decode(column: "code", as: String.self), name: try r.decode(column: "name", as: String.self),
                kind: CatalogItemKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .option))
        }
        var out: [String: StockImportModel] = [:]
        for m in models where out[m.code] == nil {
            out[m.code] = StockImportModel(id: m.id, make: m.make, name: m.name, year: m.modelYear, catalog: ModelCatalog(items: items[m.id] ?? [], rules: []))
        }
        return out
    }

    /// Which of `vins` the network already has (any unit: a VIN exists once).
    public func knownVINs(_ vins: [String]) async throws -> Set<String> {
        var known = Set<String>()
        for start in stride(from: 0, to: vins.count, by: 1000) {
            let chunk = Array(vins[start..<min(start + 1000, vins.count)])
            for r in try await db.sql.raw("SELECT vin FROM vehicles WHERE vin IN \(SQLBind.group(chunk))").all() {
                known.insert(try r.decode(column: "vin", as: String.self))
            }
        }
        return known
    }

    /// Inserts checked vehicles into `unitID` in one transaction, with their counts and one
    /// audit row naming how many came in. A VIN registered meanwhile fails the whole file.
    public func apply(_ inputs: [VehicleInput], currency: String, unitID: Int, scope: Scope, actor: Actor) async throws -> Int {
        try await db.transaction { tx in
            _ = try await OrgUnitStore.getOrInvalid(unitID, field: "org_unit_id", scope: scope, on: tx)
            if !inputs.isEmpty, let taken = try await tx.raw("SELECT vin FROM vehicles WHERE vin IN \(SQLBind.group(inputs.map(\.vin)))").first() {
                throw StoreError.conflict(field: "vin", message: "\(try taken.decode(column: "vin", as: String.self)) was registered meanwhile; nothing was imported")
            }
            try await StockSeed.insertVehicles(inputs, currency: currency, unitID: unitID, on: tx)
            try await StockCounts.addAll(inputs, unitID: unitID, on: tx)
            struct Summary: Encodable { var vehicles: Int; var vins: [String] }
            try await AuditStore.record(on: tx, actor: actor, action: "import", recordType: "vehicle_import", recordID: unitID, orgUnitID: unitID,
                                        before: nil, after: Summary(vehicles: inputs.count, vins: inputs.prefix(50).map(\.vin)))
            return inputs.count
        }
    }
}
