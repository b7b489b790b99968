import SQLKit
import TorqueDomain

/// One cell of the network view: a unit's stock and recent sales of one model (STOCK-3).
public struct StockCell: Sendable, Equatable {
    public var unitID: Int
    public var modelID: Int?
    public var inStock: Int
    public var inTransit: Int
    public var reserved: Int
    /// Units in stock or reserved for 120 days or more.
    public var old: Int
    /// Sold or delivered in the last 30 days.
    public var sold30: Int
}

/// A unit holding stock, with where it is and the region above it.
public struct StockHolder: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var code: String
    public var kind: String
    public var path: String
    public var latitude: Double?
    public var longitude: Double?
}

/// The network's stock and sales at a glance, computed by grouped queries (never per unit).
public struct NetworkStockStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// Counts by holding unit × model over the caller's scope; `today` is an ISO day.
    public func cells(scope: Scope, today: String) async throws -> [StockCell] {
        let d120 = VehicleStore.daysBefore(today, 120), d30 = VehicleStore.daysBefore(today, 30)
        return try await db.sql.raw("""
            SELECT v.org_unit_id, v.model_id,
              SUM(CASE WHEN v.status = 'in_stock' THEN 1 ELSE 0 END) AS in_stock,
              SUM(CASE WHEN v.status = 'in_transit' THEN 1 ELSE 0 END) AS in_transit,
              SUM(CASE WHEN v.status = 'reserved' THEN 1 ELSE 0 END) AS reserved,
              SUM(CASE WHEN v.status IN ('in_stock', 'reserved') AND v.in_stock_since <= \(bind: d120) THEN 1 ELSE 0 END) AS old,
              SUM(CASE WHEN v.status IN ('sold', 'delivered') AND v.sold_at >= \(bind: d30) THEN 1 ELSE 0 END) AS sold30
            FROM vehicles v
            WHERE \(scope.condition("v.org_unit_id")) AND (v.status IN ('in_transit', 'in_stock', 'reserved') OR v.sold_at >= \(bind: d30))
            GROUP BY v.org_unit_id, v.model_id
            """).all().map { r in
            StockCell(unitID: try r.decode(column: "org_unit_id", as: Int.self), modelID: try r.decode(column: "model_id", as: Int?.self),
                      inStock: try r.decode(column: "in_stock", as: Int.self), inTransit: try r.decode(column: "in_transit", as: Int.self),
                      reserved: try r.decode(column: "reserved", as: Int.self), old: try r.decode(column: "old", as: Int.self),
                      sold30: try r.decode(column: "sold30", as: Int.self))
        }
    }

    /// Every unit of the scope (to name rows and group them by region), in tree order.
    public func holders(scope: Scope) async throws -> [StockHolder] {
        try await db.sql.raw("SELECT id, name, code, kind, path, latitude, longitude FROM org_units WHERE path LIKE \(bind: scope.path + "%") ORDER BY path").all().map { r in
            StockHolder(id: try r.decode(column: "id", as: Int.self), name: try r.decode(column: "name", as: String.self), code: try r.decode(column: "code", as: String.self),
                        kind: try r.decode(column: "kind", as: String.self), path: try r.decode(column: "path", as: String.self), latitude: try r.decode(column: "latitude", as: Double?.self),
                        longitude: try r.decode(column: "longitude", as: Double?.self))
        }
    }

    /// Units of `modelID` in stock or on the way anywhere in scope, ranked by how well they fit
    /// `wanted` and how close they stand to `origin` (the caller's unit).
    public func match(modelID: Int, wanted: Build, origin: (lat: Double, lon: Double)?, scope: Scope, names: [String: String], limit: Int = 20) async throws -> [UnitMatch] {
        let rows = try await db.sql.raw("""
            SELECT v.id, v.trim, v.engine, v.colour, v.options, o.latitude, o.longitude
            FROM vehicles v JOIN org_units o ON o.id = v.org_unit_id
            WHERE v.model_id = \(bind: modelID) AND v.status IN ('in_stock', 'in_transit') AND \(scope.condition("v.org_unit_id"))
            """).all()
        var matches: [UnitMatch] = []
        matches.reserveCapacity(rows.count)
        for r in rows {
            let unit = Build(trim: try r.decode(column: "trim", as: String.self), engine: try r.decode(column: "engine", as: String.self),
                             colour: try r.decode(column: "colour", as: String.self),
                             options: Set(try r.decode(column: "options", as: String.self).split(separator: ",").map(String.init)))
            var distance: Int?
            if let origin, let lat = try r.decode(column: "latitude", as: Double?.self), let lon = try r.decode(column: "longitude", as: Double?.self) {
                distance = UnitMatch.distanceKm(origin, (lat, lon))
            }
            matches.append(UnitMatch.score(vehicleID: try r.decode(column: "id", as: Int.self), wanted: wanted, unit: unit, distanceKm: distance, names: names))
        }
        return Array(UnitMatch.rank(matches).prefix(limit))
    }
}
