import SQLKit
import TorqueDomain

/// Sales contracts (QUOTE-4); they are written by QuoteStore.accept only.
public struct ContractStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = """
        SELECT k.*, o.name AS unit_name, c.display_name AS customer_name, u.name AS signed_by_name,
               CASE WHEN v.id IS NULL THEN NULL ELSE v.make || ' ' || v.model_name END AS vehicle_title, v.vin AS vin
        FROM contracts k JOIN org_units o ON o.id = k.org_unit_id JOIN customers c ON c.id = k.customer_id
        LEFT JOIN users u ON u.id = k.signed_by LEFT JOIN vehicles v ON v.id = k.vehicle_id
        """

    static func decode(_ row: any SQLRow) throws -> Contract {
        try row.decode(model: Contract.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    public func get(_ id: Int, scope: Scope) async throws -> Contract { try await Self.get(id, scope: scope, on: db.sql) }

    static func get(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> Contract {
        guard let row = try await sql.raw("\(unsafeRaw: select) WHERE k.id = \(bind: id) AND \(scope.condition("k.org_unit_id"))").first() else { throw StoreError.notFound }
        return try decode(row)
    }

    /// Newest first.
    public func list(customerID: Int? = nil, unitID: Int? = nil, scope: Scope, limit: Int = 50, afterID: Int? = nil) async throws -> Page<Contract> {
        var sql: SQLQueryString = "\(unsafeRaw: Self.select) WHERE \(scope.condition("k.org_unit_id"))"
        if let c = customerID { sql += " AND k.customer_id = \(bind: c)" }
        if let u = unitID { sql += " AND k.org_unit_id = \(bind: u)" }
        if let afterID { sql += " AND k.id < \(bind: afterID)" }
        sql += " ORDER BY k.id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }
}
