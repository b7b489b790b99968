import SQLKit
import TorqueDomain

/// Versioned price lists (CAT-5): imported whole, never edited, so a quote made under one keeps
/// its prices; the list in force on a day is the one whose period holds it.
public struct PriceListStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static func decode(_ row: any SQLRow) throws -> PriceList {
        try row.decode(model: PriceList.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    static func inForce(unitID: Int, on day: String, sql: any SQLDatabase) async throws -> PriceList? {
        try await sql.raw("""
            SELECT * FROM price_lists WHERE org_unit_id = \(bind: unitID) AND valid_from <= \(bind: day) AND (valid_to = '' OR valid_to > \(bind: day))
            ORDER BY valid_from DESC LIMIT 1
            """).first().map(decode)
    }

    /// Lists the caller can see, newest first.
    public func lists(scope: Scope) async throws -> [PriceList] {
        try await db.sql.raw("SELECT * FROM price_lists WHERE \(scope.inheritedCondition("org_unit_id")) ORDER BY org_unit_id, valid_from DESC").all().map(Self.decode)
    }

    public func get(_ id: Int, scope: Scope) async throws -> PriceList {
        guard let row = try await db.sql.raw("SELECT * FROM price_lists WHERE id = \(bind: id) AND \(scope.inheritedCondition("org_unit_id"))").first() else { throw StoreError.notFound }
        return try Self.decode(row)
    }

    /// The prices of one list: model code, item code, kind, name, amount.
    public func prices(_ id: Int, scope: Scope, limit: Int = 5000) async throws -> [(model: String, code: String, kind: String, name: String, minor: Int)] {
        _ = try await get(id, scope: scope)
        return try await db.sql.raw("""
            SELECT m.code AS model, i.code, i.kind, i.name, p.amount_minor FROM prices p
            JOIN catalog_items i ON i.id = p.item_id JOIN catalog_models m ON m.id = i.model_id
            WHERE p.price_list_id = \(bind: id) ORDER BY m.code, i.id LIMIT \(bind: limit)
            """).all().map { r in
            (try r.decode(column: "model", as: String.self), try r.decode(column: "code", as: String.self), try r.decode(column: "kind", as: String.self),
             try r.decode(column: "name", as: String.self), try r.decode(column: "amount_minor", as: Int.self))
        }
    }

    /// Checks the rows against the unit's catalog and stored lists, then stores one list per
    /// period in the file, all or nothing; a stored list still open is closed where the new one starts.
    public func importRows(_ rows: [PriceListRow], name: String, currency: String, unitID: Int, scope: Scope, actor: Actor) async throws -> [PriceList] {
        try await db.transaction { tx in
            _ = try await OrgUnitStore.getOrInvalid(unitID, field: "org_unit_id", scope: scope, on: tx)
            var itemIDs: [String: Int] = [:]
            for r in try await tx.raw("""
                SELECT m.code AS model, i.code, i.id FROM catalog_items i JOIN catalog_models m ON m.id = i.model_id WHERE m.org_unit_id = \(bind: unitID)
                """).all() {
                itemIDs[try r.decode(column: "model", as: String.self) + "/" + r.decode(column: "code", as: String.self)] = try r.decode(column: "id", as: Int.self)
            }
            let stored = try await tx.raw("SELECT * FROM price_lists WHERE org_unit_id = \(bind: unitID)").all().map(Self.decode)
            let checked: CheckedPriceList
            switch PriceListCheck.check(rows, known: Set(itemIDs.keys), stored: stored.map(\.period)) {
            case .failure(let errors): throw errors
            case .success(let ok): checked = ok
            }
            let now = Clock.nowString()
            let first = checked.periods.keys.min()!
            // The list in force when the new file begins ends there.
            try await tx.raw("""
                UPDATE price_lists SET valid_to = \(bind: first.from)
                WHERE org_unit_id = \(bind: unitID) AND valid_from < \(bind: first.from) AND (valid_to = '' OR valid_to > \(bind: first.from))
                """).run()
            var created: [PriceList] = []
            for period in checked.periods.keys.sorted() {
                let prices = checked.periods[period]!
                let label = checked.periods.count == 1 ? name : "\(name) (\(period.label))"
                let id = try await tx.raw("""
                    INSERT INTO price_lists (org_unit_id, name, currency, valid_from, valid_to, item_count, imported_at, imported_by)
                    VALUES (\(bind: unitID), \(bind: label), \(bind: currency), \(bind: period.from), \(bind: period.to), \(bind: prices.count), \(bind: now), \(bind: actor.label))
                    RETURNING id
                    """).first()!.decode(column: "id", as: Int.self)
                for start in stride(from: 0, to: prices.count, by: 1000) {
                    var sql: SQLQueryString = "INSERT INTO prices (price_list_id, item_id, amount_minor) VALUES "
                    for (i, p) in prices[start..<min(start + 1000, prices.count)].enumerated() {
                        sql += (i == 0 ? "" : ", ") + "(\(bind: id), \(bind: itemIDs[p.model + "/" + p.code]!), \(bind: p.minor))"
                    }
                    try await tx.raw(sql).run()
                }
                let list = try Self.decode(try await tx.raw("SELECT * FROM price_lists WHERE id = \(bind: id)").first()!)
                try await AuditStore.record(on: tx, actor: actor, action: "import", recordType: "price_list", recordID: id, orgUnitID: unitID, before: nil, after: list)
                created.append(list)
            }
            return created
        }
    }
}
