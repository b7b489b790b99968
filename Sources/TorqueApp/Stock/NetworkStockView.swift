import TorqueDomain
import TorqueStore

/// The network stock view (STOCK-3): units by model × holding unit, grouped by region, with
/// aging and the last 30 days' sales. Built from three queries whatever the network's size.
struct NetworkStockView {
    struct Counts: Encodable {
        var inStock = 0, inTransit = 0, reserved = 0, old = 0, sold30 = 0
        var stock: Int { inStock + inTransit + reserved }
        mutating func add(_ c: StockCell) { inStock += c.inStock; inTransit += c.inTransit; reserved += c.reserved; old += c.old; sold30 += c.sold30 }
        mutating func add(_ c: Counts) { inStock += c.inStock; inTransit += c.inTransit; reserved += c.reserved; old += c.old; sold30 += c.sold30 }
    }
    struct Row: Encodable {
        var unitId: Int
        var unitName: String
        var unitCode: String
        var region: String
        var byModel: [Int: Counts]
        var total: Counts
    }
    struct Region: Encodable {
        var name: String
        var rows: [Row]
        var total: Counts
    }

    var models: [CatalogModel]
    var regions: [Region]
    var total: Counts

    /// The API's answer: one entry per holding unit with its counts by model. Keys are spelled
    /// out and encoded without key conversion: the snake-case strategy of the shared encoder
    /// doubled the encoding time of a 500-dealer network.
    struct JSON: Encodable {
        struct Figures: Encodable {
            var inStock, inTransit, reserved, old, sold30: Int
            init(_ c: Counts) { inStock = c.inStock; inTransit = c.inTransit; reserved = c.reserved; old = c.old; sold30 = c.sold30 }
            enum CodingKeys: String, CodingKey { case inStock = "in_stock", inTransit = "in_transit", reserved, old, sold30 }
        }
        struct ModelFigures: Encodable {
            var modelId: Int?
            var figures: Figures
            enum CodingKeys: String, CodingKey { case modelId = "model_id" }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encodeIfPresent(modelId, forKey: .modelId)
                try figures.encode(to: encoder)
            }
        }
        struct Unit: Encodable {
            var unitId: Int, unitName: String, unitCode: String, region: String, total: Figures, byModel: [ModelFigures]
            enum CodingKeys: String, CodingKey { case unitId = "unit_id", unitName = "unit_name", unitCode = "unit_code", region, total, byModel = "by_model" }
        }
        struct Model: Encodable {
            var id: Int, code: String, make: String, name: String, modelYear: Int
            enum CodingKeys: String, CodingKey { case id, code, make, name, modelYear = "model_year" }
        }
        var models: [Model]
        var units: [Unit]
        var total: Figures
    }
    var json: JSON {
        var units: [JSON.Unit] = []
        for region in regions {
            for row in region.rows {
                units.append(.init(unitId: row.unitId, unitName: row.unitName, unitCode: row.unitCode, region: region.name, total: .init(row.total),
                                   byModel: row.byModel.sorted { $0.key < $1.key }.map { .init(modelId: $0.key == 0 ? nil : $0.key, figures: .init($0.value)) }))
            }
        }
        return JSON(models: models.map { .init(id: $0.id, code: $0.code, make: $0.make, name: $0.name, modelYear: $0.modelYear) }, units: units, total: .init(total))
    }

    static func build(services: AppServices, principal p: Principal) async throws -> NetworkStockView {
        let cells = try await services.networkStock.cells(scope: p.scope)
        let holders = try await services.networkStock.holders(scope: p.scope)
        let models = try await services.catalog.models(scope: p.scope)
        let regionsByPath = Dictionary(holders.filter { $0.kind == OrgUnitKind.region.rawValue }.map { ($0.path, $0.name) }, uniquingKeysWith: { a, _ in a })
        let holderByID = Dictionary(uniqueKeysWithValues: holders.map { ($0.id, $0) })
        // The nearest region above a unit: the longest region path that prefixes the unit's.
        let regionOf: (StockHolder) -> String = { h in
            var path = h.path
            while path.count > 1 {
                if let name = regionsByPath[path] { return name }
                let parent = path.dropLast()
                guard let cut = parent.lastIndex(of: "/") else { break }
                path = String(parent[...cut])
            }
            return "Outside any region"
        }
        var rows: [Int: Row] = [:]
        for cell in cells {
            guard let holder = holderByID[cell.unitID] else { continue }
            var row = rows[cell.unitID] ?? Row(unitId: holder.id, unitName: holder.name, unitCode: holder.code, region: "", byModel: [:], total: Counts())
            if row.region.isEmpty { row.region = regionOf(holder) }
            row.byModel[cell.modelID ?? 0, default: Counts()].add(cell)
            row.total.add(cell)
            rows[cell.unitID] = row
        }
        var regions: [String: Region] = [:]
        let order = Dictionary(uniqueKeysWithValues: holders.enumerated().map { ($1.id, $0) })
        for row in rows.values.sorted(by: { order[$0.unitId] ?? 0 < order[$1.unitId] ?? 0 }) {
            regions[row.region, default: Region(name: row.region, rows: [], total: Counts())].rows.append(row)
            regions[row.region]!.total.add(row.total)
        }
        var total = Counts()
        for r in regions.values { total.add(r.total) }
        let usedModels = Set(cells.compactMap(\.modelID))
        return NetworkStockView(models: models.filter { usedModels.contains($0.id) }, regions: regions.values.sorted { $0.name < $1.name }, total: total)
    }
}
