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

/// A unit that may hold stock, with its place in the tree (to find the region above it).
public struct StockHolder: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var code: String
    public var kind: String
    public var path: String
}

/// The network's stock and sales at a glance, computed by grouped queries (never per unit).
public struct NetworkStockStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// Counts by holding unit × model over the caller's scope, read from the kept counts (one
    /// query of a few thousand rows; see StockCounts).
    public func cells(scope: Scope) async throws -> [StockCell] {
        // The five figures travel as one text column: decoding a column through SQLKit costs
        // more than the query itself on PostgreSQL at 3,000 rows.
        try await db.sql.raw("""
            SELECT org_unit_id, model_id,
              CAST(SUM(CASE WHEN status = 'in_stock' THEN units ELSE 0 END) AS TEXT) || ',' ||
              CAST(SUM(CASE WHEN status = 'in_transit' THEN units ELSE 0 END) AS TEXT) || ',' ||
              CAST(SUM(CASE WHEN status = 'reserved' THEN units ELSE 0 END) AS TEXT) || ',' ||
              CAST(SUM(CASE WHEN band = 'old' THEN units ELSE 0 END) AS TEXT) || ',' ||
              CAST(SUM(CASE WHEN band = 'recent' THEN units ELSE 0 END) AS TEXT) AS figures
            FROM stock_counts
            WHERE units > 0 AND (status IN ('in_transit', 'in_stock', 'reserved') OR band = 'recent') AND \(scope.condition("org_unit_id"))
            GROUP BY org_unit_id, model_id
            """).all().map { r in
            let model = try r.decode(column: "model_id", as: Int.self)
            let f = try r.decode(column: "figures", as: String.self).split(separator: ",").map { Int($0) ?? 0 }
            guard f.count == 5 else { throw StoreError.invalid(ValidationErrors(["figures": "unexpected"])) }
            return StockCell(unitID: try r.decode(column: "org_unit_id", as: Int.self), modelID: model == 0 ? nil : model,
                             inStock: f[0], inTransit: f[1], reserved: f[2], old: f[3], sold30: f[4])
        }
    }

    /// Every unit of the scope (to name rows and group them by region), in tree order.
    public func holders(scope: Scope) async throws -> [StockHolder] {
        try await db.sql.raw("SELECT id, name, code, kind, path FROM org_units WHERE path LIKE \(bind: scope.path + "%") ORDER BY path").all().map { r in
            StockHolder(id: try r.decode(column: "id", as: Int.self), name: try r.decode(column: "name", as: String.self), code: try r.decode(column: "code", as: String.self),
                        kind: try r.decode(column: "kind", as: String.self), path: try r.decode(column: "path", as: String.self))
        }
    }

    /// Units of `modelID` in stock or on the way anywhere in scope, ranked by how well they fit
    /// `wanted` and how close they stand to `origin` (the caller's unit). The score (as
    /// UnitMatch.score computes it) is taken in SQL from the matching index alone: first how
    /// many units reach each score, then only the units at the scores the list needs are read.
    public func match(modelID: Int, wanted: Build, origin: (lat: Double, lon: Double)?, scope: Scope, names: [String: String], limit: Int = 20) async throws -> [UnitMatch] {
        var score: SQLQueryString = """
            (40 + CASE WHEN v.trim = \(bind: wanted.trim) THEN 20 ELSE 0 END + CASE WHEN v.engine = \(bind: wanted.engine) THEN 15 ELSE 0 END
             + CASE WHEN v.colour = \(bind: wanted.colour) THEN 10 ELSE 0 END
            """
        let options = wanted.options.sorted()
        if options.isEmpty {
            score += " + 15)"
        } else {
            score += " + 15 * (0"
            for code in options {
                let pattern = "%," + code.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + ",%"
                score += " + CASE WHEN ',' || v.options || ',' LIKE \(bind: pattern) ESCAPE '\\' THEN 1 ELSE 0 END"
            }
            score += ") / \(unsafeRaw: String(options.count)))"
        }
        let from: SQLQueryString = "FROM vehicles v WHERE v.model_id = \(bind: modelID) AND v.status IN ('in_stock', 'in_transit') AND \(scope.condition("v.org_unit_id"))"
        var cutoff: Int?
        var counted = 0
        for r in try await db.sql.raw("SELECT " + score + " AS score, COUNT(*) AS n " + from + " GROUP BY 1 ORDER BY 1 DESC").all() {
            cutoff = try r.decode(column: "score", as: Int.self)
            counted += try r.decode(column: "n", as: Int.self)
            if counted >= limit { break }
        }
        guard let cutoff else { return [] }
        let rows = try await db.sql.raw("""
            SELECT v.id, v.trim, v.engine, v.colour, v.options, o.latitude, o.longitude
            FROM vehicles v JOIN org_units o ON o.id = v.org_unit_id
            WHERE v.model_id = \(bind: modelID) AND v.status IN ('in_stock', 'in_transit') AND \(scope.condition("v.org_unit_id")) AND \(score) >= \(bind: cutoff)
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
