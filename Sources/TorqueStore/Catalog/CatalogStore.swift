import SQLKit
import TorqueDomain

/// A model with everything the configurator needs on one day: items priced by the list in force.
public struct PricedModel: Sendable {
    public var model: CatalogModel
    public var catalog: ModelCatalog
    public var priceList: PriceList?
    public var day: String
}

/// Makes, models and their items (CAT-1). The catalog belongs to the unit that keeps it (the
/// OEM) and is read by every unit below it; only callers whose scope holds the owner change it.
public struct CatalogStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static func decodeModel(_ row: any SQLRow) throws -> CatalogModel {
        try row.decode(model: CatalogModel.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Models the caller can see, by make, name and year.
    public func models(scope: Scope, query: String? = nil) async throws -> [CatalogModel] {
        var sql: SQLQueryString = "SELECT * FROM catalog_models WHERE \(scope.inheritedCondition("org_unit_id"))"
        if let q = query?.trimmed, !q.isEmpty {
            let like = "%" + q.lowercased() + "%"
            sql += " AND (LOWER(name) LIKE \(bind: like) OR LOWER(make) LIKE \(bind: like) OR LOWER(code) LIKE \(bind: like))"
        }
        sql += " ORDER BY make, name, model_year DESC, id"
        return try await db.sql.raw(sql).all().map(Self.decodeModel)
    }

    public func model(_ id: Int, scope: Scope) async throws -> CatalogModel { try await Self.model(id, scope: scope, on: db.sql) }

    static func model(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> CatalogModel {
        guard let row = try await sql.raw("SELECT * FROM catalog_models WHERE id = \(bind: id) AND \(scope.inheritedCondition("org_unit_id"))").first() else { throw StoreError.notFound }
        return try decodeModel(row)
    }

    /// Each model's cheapest trim in the list its owner has in force on `day` (the "from" price of
    /// the catalog page), in one query whatever the number of models.
    public func fromPrices(_ modelIDs: [Int], on day: String) async throws -> [Int: Int] {
        guard !modelIDs.isEmpty else { return [:] }
        var out: [Int: Int] = [:]
        for r in try await db.sql.raw("""
            SELECT i.model_id, MIN(p.amount_minor) AS price
            FROM catalog_items i JOIN catalog_models m ON m.id = i.model_id JOIN prices p ON p.item_id = i.id
            JOIN price_lists l ON l.id = p.price_list_id AND l.org_unit_id = m.org_unit_id
            WHERE i.model_id IN \(SQLBind.group(modelIDs)) AND i.kind = 'trim'
              AND l.valid_from <= \(bind: day) AND (l.valid_to = '' OR l.valid_to > \(bind: day))
            GROUP BY i.model_id
            """).all() {
            out[try r.decode(column: "model_id", as: Int.self)] = try r.decode(column: "price", as: Int.self)
        }
        return out
    }

    /// A model the caller may change: its owner must be inside the caller's scope.
    static func editableModel(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> CatalogModel {
        let model = try await model(id, scope: scope, on: sql)
        guard try await sql.raw("SELECT 1 AS x FROM org_units WHERE id = \(bind: model.orgUnitId) AND path LIKE \(bind: scope.path + "%")").first() != nil else {
            throw StoreError.conflict(field: "model", message: "belongs to \(model.make)'s catalog, kept above your unit; ask the product team to change it")
        }
        return model
    }

    public func createModel(_ input: CatalogModelInput, unitID: Int, scope: Scope, actor: Actor) async throws -> CatalogModel {
        try await db.transaction { tx in
            _ = try await OrgUnitStore.getOrInvalid(unitID, field: "org_unit_id", scope: scope, on: tx)
            if try await tx.raw("SELECT 1 AS x FROM catalog_models WHERE org_unit_id = \(bind: unitID) AND code = \(bind: input.code)").first() != nil {
                throw StoreError.conflict(field: "code", message: "is already used by another model")
            }
            let now = Clock.nowString()
            let id = try await tx.raw("""
                INSERT INTO catalog_models (org_unit_id, code, make, name, model_year, body_style, vin_descriptor, currency, created_at, updated_at)
                VALUES (\(bind: unitID), \(bind: input.code), \(bind: input.make), \(bind: input.name), \(bind: input.modelYear), \(bind: input.bodyStyle),
                        \(bind: input.vinDescriptor), \(bind: input.currency), \(bind: now), \(bind: now)) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            let model = try await Self.model(id, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "catalog_model", recordID: id, orgUnitID: unitID, before: nil, after: model)
            return model
        }
    }

    /// Starts a new model year from an existing model: same owner, items and rules under a new
    /// code. Prices are not copied: the next price-list import prices the new model.
    public func copyModel(_ id: Int, code: String, modelYear: Int, scope: Scope, actor: Actor) async throws -> CatalogModel {
        try await db.transaction { tx in
            let source = try await Self.editableModel(id, scope: scope, on: tx)
            if try await tx.raw("SELECT 1 AS x FROM catalog_models WHERE org_unit_id = \(bind: source.orgUnitId) AND code = \(bind: code)").first() != nil {
                throw StoreError.conflict(field: "code", message: "is already used by another model")
            }
            let now = Clock.nowString()
            let newID = try await tx.raw("""
                INSERT INTO catalog_models (org_unit_id, code, make, name, model_year, body_style, vin_descriptor, currency, available_from, available_to, created_at, updated_at)
                SELECT org_unit_id, \(bind: code), make, name, \(bind: modelYear), body_style, vin_descriptor, currency, '', '', \(bind: now), \(bind: now)
                FROM catalog_models WHERE id = \(bind: id) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            try await tx.raw("""
                INSERT INTO catalog_items (model_id, kind, code, name, detail, available_from, available_to)
                SELECT \(bind: newID), kind, code, name, detail, '', '' FROM catalog_items WHERE model_id = \(bind: id)
                """).run()
            try await tx.raw("INSERT INTO catalog_rules (model_id, kind, subject, targets) SELECT \(bind: newID), kind, subject, targets FROM catalog_rules WHERE model_id = \(bind: id) ORDER BY id").run()
            let model = try await Self.model(newID, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "copy", recordType: "catalog_model", recordID: newID, orgUnitID: source.orgUnitId, before: source, after: model)
            return model
        }
    }

    /// Adds an item or, when the code exists, changes its name, detail and availability.
    public func saveItem(_ item: CatalogItem, modelID: Int, scope: Scope, actor: Actor) async throws {
        try await db.transaction { tx in
            let model = try await Self.editableModel(modelID, scope: scope, on: tx)
            let existing = try await tx.raw("SELECT id, kind FROM catalog_items WHERE model_id = \(bind: modelID) AND code = \(bind: item.code)").first()
            if let existing {
                let kind = try existing.decode(column: "kind", as: String.self)
                if kind != item.kind.rawValue { throw StoreError.conflict(field: "kind", message: "the item \(item.code) is a \(kind); its kind cannot change") }
                try await tx.raw("""
                    UPDATE catalog_items SET name = \(bind: item.name), detail = \(bind: item.detail), available_from = \(bind: item.availableFrom), available_to = \(bind: item.availableTo)
                    WHERE id = \(bind: try existing.decode(column: "id", as: Int.self))
                    """).run()
            } else {
                try await tx.raw("""
                    INSERT INTO catalog_items (model_id, kind, code, name, detail, available_from, available_to)
                    VALUES (\(bind: modelID), \(bind: item.kind.rawValue), \(bind: item.code), \(bind: item.name), \(bind: item.detail), \(bind: item.availableFrom), \(bind: item.availableTo))
                    """).run()
            }
            try await AuditStore.record(on: tx, actor: actor, action: existing == nil ? "add_item" : "change_item", recordType: "catalog_model", recordID: modelID, orgUnitID: model.orgUnitId, before: nil, after: item)
        }
    }

    /// The model's items priced by the list in force on `day`, and its rules.
    public func priced(_ modelID: Int, on day: String, scope: Scope) async throws -> PricedModel {
        try await Self.priced(modelID, on: day, scope: scope, sql: db.sql)
    }

    static func priced(_ modelID: Int, on day: String, scope: Scope, sql: any SQLDatabase) async throws -> PricedModel {
        let model = try await model(modelID, scope: scope, on: sql)
        let list = try await PriceListStore.inForce(unitID: model.orgUnitId, on: day, sql: sql)
        let rows = try await sql.raw("""
            SELECT i.kind, i.code, i.name, i.detail, i.available_from, i.available_to, p.amount_minor
            FROM catalog_items i LEFT JOIN prices p ON p.item_id = i.id AND p.price_list_id = \(bind: list?.id ?? 0)
            WHERE i.model_id = \(bind: modelID) ORDER BY i.id
            """).all()
        let items = try rows.map { r in
            CatalogItem(code: try r.decode(column: "code", as: String.self), name: try r.decode(column: "name", as: String.self),
                        kind: CatalogItemKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .option,
                        price: try r.decode(column: "amount_minor", as: Int?.self), detail: try r.decode(column: "detail", as: String.self),
                        availableFrom: try r.decode(column: "available_from", as: String.self), availableTo: try r.decode(column: "available_to", as: String.self))
        }
        let rules = try await CatalogRuleStore.rules(modelID: modelID, on: sql)
        return PricedModel(model: model, catalog: ModelCatalog(items: items, rules: rules), priceList: list, day: day)
    }
}
