import SQLKit
import TorqueDomain

/// The hubs (distribution centers) of the network and where units stand: what allocation and
/// ordering need to know about places. Read in one query; a network has a handful of hubs.
struct DistributionNetwork {
    struct Place { var id: Int; var name: String; var path: String; var kind: String; var latitude: Double?; var longitude: Double? }
    var hubs: [Place]

    static func load(on sql: any SQLDatabase) async throws -> DistributionNetwork {
        let rows = try await sql.raw("SELECT id, name, path, kind, latitude, longitude FROM org_units WHERE kind = 'distribution_center' AND active = \(bind: true) ORDER BY id").all()
        return DistributionNetwork(hubs: try rows.map(Self.place))
    }

    static func place(_ r: any SQLRow) throws -> Place {
        Place(id: try r.decode(column: "id", as: Int.self), name: try r.decode(column: "name", as: String.self), path: try r.decode(column: "path", as: String.self),
              kind: try r.decode(column: "kind", as: String.self), latitude: try r.decode(column: "latitude", as: Double?.self), longitude: try r.decode(column: "longitude", as: Double?.self))
    }

    static func places(_ ids: [Int], on sql: any SQLDatabase) async throws -> [Int: Place] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await sql.raw("SELECT id, name, path, kind, latitude, longitude FROM org_units WHERE id IN \(SQLBind.group(Array(Set(ids))))").all()
        return Dictionary(uniqueKeysWithValues: try rows.map(Self.place).map { ($0.id, $0) })
    }

    /// The dealer's regional DC: a hub of the dealer's own region (the deepest one above it),
    /// else the nearest hub; nil in a network without hubs.
    func regionalHub(of dealer: Place) -> Place? {
        func parentPath(_ p: String) -> String {
            let ids = OrgPath.ids(in: p).dropLast()
            return ids.isEmpty ? "/" : "/" + ids.map(String.init).joined(separator: "/") + "/"
        }
        let above = hubs.filter { dealer.path.hasPrefix(parentPath($0.path)) }
        let deepest = above.map { parentPath($0.path).count }.max()
        let candidates = deepest.map { d in above.filter { parentPath($0.path).count == d } } ?? hubs
        return candidates.min { (distance(dealer, $0) ?? Int.max, $0.id) < (distance(dealer, $1) ?? Int.max, $1.id) }
    }

    func distance(_ a: Place, _ b: Place) -> Int? {
        guard let la = a.latitude, let lo = a.longitude, let lb = b.latitude, let ob = b.longitude else { return nil }
        return UnitMatch.distanceKm((la, lo), (lb, ob))
    }

    var engineHubs: [Hub] { hubs.map { Hub(id: $0.id, name: $0.name, latitude: $0.latitude, longitude: $0.longitude) } }
}
