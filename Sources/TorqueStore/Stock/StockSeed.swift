import SQLKit
import TorqueDomain

/// Bulk inserts for demo and benchmark data: many rows per statement, no audit rows (nobody
/// made these changes). Never used for a user's request.
public struct StockSeed: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// Adds a model with its items and rules to `unitID`'s catalog; returns the model id.
    public func catalogModel(_ input: CatalogModelInput, items: [CatalogItem], rules: [CompatibilityRule], unitID: Int) async throws -> Int {
        try await db.transaction { tx in
            let now = Clock.nowString()
            let id = try await tx.raw("""
                INSERT INTO catalog_models (org_unit_id, code, make, name, model_year, body_style, vin_descriptor, currency, created_at, updated_at)
                VALUES (\(bind: unitID), \(bind: input.code), \(bind: input.make), \(bind: input.name), \(bind: input.modelYear), \(bind: input.bodyStyle),
                        \(bind: input.vinDescriptor), \(bind: input.currency), \(bind: now), \(bind: now)) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            var sql: SQLQueryString = "INSERT INTO catalog_items (model_id, kind, code, name, detail, available_from, available_to) VALUES "
            for (i, item) in items.enumerated() {
                sql += (i == 0 ? "" : ", ") + "(\(bind: id), \(bind: item.kind.rawValue), \(bind: item.code), \(bind: item.name), \(bind: item.detail), \(bind: item.availableFrom), \(bind: item.availableTo))"
            }
            try await tx.raw(sql).run()
            if !rules.isEmpty {
                var r: SQLQueryString = "INSERT INTO catalog_rules (model_id, kind, subject, targets) VALUES "
                for (i, rule) in rules.enumerated() {
                    r += (i == 0 ? "" : ", ") + "(\(bind: id), \(bind: rule.kind.rawValue), \(bind: rule.subject), \(bind: rule.targets.joined(separator: ",")))"
                }
                try await tx.raw(r).run()
            }
            return id
        }
    }

    /// Inserts vehicles held by `unitID`, 500 per statement, and counts them in stock_counts.
    public func vehicles(_ inputs: [VehicleInput], currency: String, unitID: Int) async throws {
        try await db.transaction { tx in
            try await Self.insertVehicles(inputs, currency: currency, unitID: unitID, on: tx)
            try await StockCounts.addAll(inputs, unitID: unitID, on: tx)
        }
    }

    /// The multi-row insert itself, inside the caller's transaction; the caller counts and audits.
    public static func insertVehicles(_ inputs: [VehicleInput], currency: String, unitID: Int, on tx: any SQLDatabase) async throws {
        let now = Clock.nowString()
        for start in stride(from: 0, to: inputs.count, by: 500) {
            var sql: SQLQueryString = """
                INSERT INTO vehicles (org_unit_id, vin, model_id, make, model_name, model_year, trim, engine, colour, options, description, status, kind, location,
                                      cost_minor, price_minor, currency, mileage_km, plate, plate_key, in_stock_since, customer_id, sold_at, created_at, updated_at) VALUES
                """
            for (i, v) in inputs[start..<min(start + 500, inputs.count)].enumerated() {
                let b = v.build
                let soldAt: String? = (v.status == .sold || v.status == .delivered) ? (v.inStockSince ?? now) : nil
                sql += (i == 0 ? " " : ", ") + """
                    (\(bind: unitID), \(bind: v.vin), \(bind: v.modelId), \(bind: v.make), \(bind: v.modelName), \(bind: v.modelYear), \(bind: b.trim), \(bind: b.engine),
                     \(bind: b.colour), \(bind: b.options.sorted().joined(separator: ",")), \(bind: v.description), \(bind: v.status.rawValue), \(bind: v.kind.rawValue),
                     \(bind: v.location), \(bind: v.costMinor), \(bind: v.priceMinor), \(bind: currency), \(bind: v.mileageKm), \(bind: v.plate), \(bind: PlateKey.of(v.plate)),
                     \(bind: v.inStockSince), \(bind: v.customerId), \(bind: soldAt), \(bind: now), \(bind: now))
                    """
            }
            try await tx.raw(sql).run()
        }
    }

    /// Inserts parts with their opening stock as one receipt each, so the ledger sums.
    public func parts(_ parts: [(PartInput, Int)], currency: String, unitID: Int) async throws {
        guard !parts.isEmpty else { return }
        try await db.transaction { tx in
            let now = Clock.nowString()
            var sql: SQLQueryString = "INSERT INTO parts (org_unit_id, part_number, name, kind, quantity, reorder_point, unit_cost_minor, price_minor, currency, bin, created_at, updated_at) VALUES "
            for (i, (p, qty)) in parts.enumerated() {
                sql += (i == 0 ? "" : ", ") + "(\(bind: unitID), \(bind: p.partNumber), \(bind: p.name), \(bind: p.kind.rawValue), \(bind: qty), \(bind: p.reorderPoint), \(bind: p.unitCostMinor), \(bind: p.priceMinor), \(bind: currency), \(bind: p.bin), \(bind: now), \(bind: now))"
            }
            try await tx.raw(sql).run()
            try await tx.raw("""
                INSERT INTO part_movements (part_id, org_unit_id, kind, quantity, balance_after, reference, note, overridden, actor_label, at)
                SELECT id, org_unit_id, 'receipt', quantity, quantity, 'opening stock', '', \(bind: false), 'system', \(bind: now) FROM parts
                WHERE org_unit_id = \(bind: unitID) AND quantity > 0 AND NOT EXISTS (SELECT 1 FROM part_movements m WHERE m.part_id = parts.id)
                """).run()
        }
    }
}
