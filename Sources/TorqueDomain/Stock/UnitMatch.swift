import Foundation

/// How well a stock unit fits a wanted configuration, and how far away it stands (STOCK-3).
public struct UnitMatch: Sendable, Equatable {
    public var vehicleID: Int
    /// 0–100: model 40, trim 20, engine 15, colour 10, options 15 (share of the wanted ones).
    public var score: Int
    public var distanceKm: Int?
    public var missing: [String]
    public var extra: [String]
    public var differences: [String]

    /// Scores a unit of the wanted model against the wanted build.
    public static func score(vehicleID: Int, wanted: Build, unit: Build, distanceKm: Int?, names: [String: String] = [:]) -> UnitMatch {
        var score = 40
        var differences: [String] = []
        func name(_ code: String) -> String { names[code] ?? code }
        if unit.trim == wanted.trim { score += 20 } else { differences.append("trim \(name(unit.trim)) instead of \(name(wanted.trim))") }
        if unit.engine == wanted.engine { score += 15 } else { differences.append("engine \(name(unit.engine)) instead of \(name(wanted.engine))") }
        if unit.colour == wanted.colour { score += 10 } else { differences.append("colour \(name(unit.colour)) instead of \(name(wanted.colour))") }
        let missing = wanted.options.subtracting(unit.options).sorted()
        let extra = unit.options.subtracting(wanted.options).sorted()
        score += wanted.options.isEmpty ? 15 : 15 * (wanted.options.count - missing.count) / wanted.options.count
        if !missing.isEmpty { differences.append("without " + missing.map(name).joined(separator: ", ")) }
        if !extra.isEmpty { differences.append("also has " + extra.map(name).joined(separator: ", ")) }
        return UnitMatch(vehicleID: vehicleID, score: score, distanceKm: distanceKm, missing: missing, extra: extra, differences: differences)
    }

    /// Best match first; among equal scores the nearer unit.
    public static func rank(_ matches: [UnitMatch]) -> [UnitMatch] {
        matches.sorted { ($0.score, -($0.distanceKm ?? Int.max / 2), -$0.vehicleID) > ($1.score, -($1.distanceKm ?? Int.max / 2), -$1.vehicleID) }
    }

    /// Great-circle distance in whole kilometres (haversine, mean Earth radius).
    public static func distanceKm(_ a: (lat: Double, lon: Double), _ b: (lat: Double, lon: Double)) -> Int {
        let r = 6371.0088
        let rad = Double.pi / 180
        let dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
        return Int((2 * r * asin(min(1, h.squareRoot()))).rounded())
    }
}
