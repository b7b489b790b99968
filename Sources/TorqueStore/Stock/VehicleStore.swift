import Foundation
import SQLKit
import TorqueDomain

/// Vehicle units (STOCK-1): registered once per VIN in the whole network, held by one unit.
public struct VehicleStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = """
        SELECT v.*, o.name AS unit_name, c.display_name AS customer_name, u.name AS reserved_by_name
        FROM vehicles v JOIN org_units o ON o.id = v.org_unit_id LEFT JOIN customers c ON c.id = v.customer_id LEFT JOIN users u ON u.id = v.reserved_by
        """

    static func decode(_ row: any SQLRow) throws -> Vehicle {
        try row.decode(model: Vehicle.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    public func get(_ id: Int, scope: Scope) async throws -> Vehicle { try await Self.get(id, scope: scope, on: db.sql) }

    static func get(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> Vehicle {
        guard let row = try await sql.raw("\(unsafeRaw: select) WHERE v.id = \(bind: id) AND \(scope.condition("v.org_unit_id"))").first() else { throw StoreError.notFound }
        return try decode(row)
    }

    /// One page of units; `today` (ISO day) places units in aging bands.
    public func list(_ filter: VehicleFilter, today: String, scope: Scope, limit: Int = 50, after: Int? = nil) async throws -> Page<Vehicle> {
        var sql: SQLQueryString = "\(unsafeRaw: Self.select) WHERE \(scope.condition("v.org_unit_id"))"
        if let status = filter.status { sql += " AND v.status = \(bind: status.rawValue)" }
        if filter.stockOnly { sql += " AND v.status IN ('in_transit', 'in_stock', 'reserved')" }
        if let kind = filter.kind { sql += " AND v.kind = \(bind: kind.rawValue)" }
        if let modelID = filter.modelID { sql += " AND v.model_id = \(bind: modelID)" }
        if let unitID = filter.unitID { sql += " AND v.org_unit_id = \(bind: unitID)" }
        if let customerID = filter.customerID { sql += " AND v.customer_id = \(bind: customerID)" }
        if let aging = filter.aging {
            let d60 = Self.daysBefore(today, 60), d120 = Self.daysBefore(today, 120)
            sql += " AND v.status IN ('in_stock', 'reserved') AND v.in_stock_since IS NOT NULL"
            switch aging {
            case .fresh: sql += " AND v.in_stock_since > \(bind: d60)"
            case .ageing: sql += " AND v.in_stock_since <= \(bind: d60) AND v.in_stock_since > \(bind: d120)"
            case .old: sql += " AND v.in_stock_since <= \(bind: d120)"
            }
        }
        if let q = filter.query?.trimmed, !q.isEmpty {
            let vin = VIN.normalise(q)
            let plate = PlateKey.of(q)
            let like = "%" + q.lowercased() + "%"
            sql += " AND (v.vin LIKE \(bind: "%" + vin) OR v.plate_key = \(bind: plate) OR LOWER(v.model_name) LIKE \(bind: like) OR LOWER(v.make) LIKE \(bind: like))"
        }
        // Keyset paging on (sort key, id): the cursor is the last row's id, its key read back.
        let (column, descending): (String, Bool) = switch filter.sort {
        case .newest: ("v.id", true)
        case .oldestStock: ("COALESCE(v.in_stock_since, '9999')", false)
        case .priceLow: ("v.price_minor", false)
        case .priceHigh: ("v.price_minor", true)
        }
        if let after {
            let op = descending ? "<" : ">"
            if filter.sort == .newest {
                sql += " AND v.id < \(bind: after)"
            } else {
                let key = "(SELECT \(column) FROM vehicles v WHERE v.id = \(after))"
                sql += " AND (\(unsafeRaw: column) \(unsafeRaw: op) \(unsafeRaw: key) OR (\(unsafeRaw: column) = \(unsafeRaw: key) AND v.id \(unsafeRaw: op) \(bind: after)))"
            }
        }
        let dir = descending ? "DESC" : "ASC"
        sql += " ORDER BY \(unsafeRaw: column) \(unsafeRaw: dir), v.id \(unsafeRaw: dir) LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }

    /// The ISO day `days` before `day`.
    static func daysBefore(_ day: String, _ days: Int) -> String { CalendarDay.adding(-days, to: day) }

    /// Several units by id in one query, in the order asked; ids outside the scope are left out.
    public func byIDs(_ ids: [Int], scope: Scope) async throws -> [Vehicle] {
        guard !ids.isEmpty else { return [] }
        let found = try await db.sql.raw("\(unsafeRaw: Self.select) WHERE v.id IN \(SQLBind.group(ids)) AND \(scope.condition("v.org_unit_id"))").all().map(Self.decode)
        let byID = Dictionary(uniqueKeysWithValues: found.map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    /// Units of a customer (the 360 page) the caller can see.
    public func forCustomer(_ customerID: Int, scope: Scope) async throws -> [Vehicle] {
        var filter = VehicleFilter()
        filter.customerID = customerID
        return try await list(filter, today: "9999-12-31", scope: scope, limit: 50).items
    }
}
