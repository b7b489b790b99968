/// A unit in a hub's (distribution center's) stock that orders may be allocated from (DIST-2).
public struct HubUnit: Sendable, Equatable {
    public var vehicleId: Int
    public var vin: String
    public var hubId: Int
    public var model: String
    public var build: Build
    public init(vehicleId: Int, vin: String, hubId: Int, model: String, build: Build) {
        self.vehicleId = vehicleId; self.vin = vin; self.hubId = hubId; self.model = model; self.build = build
    }
}

/// A hub of the network with where it stands.
public struct Hub: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var latitude: Double?
    public var longitude: Double?
    public init(id: Int, name: String, latitude: Double?, longitude: Double?) { self.id = id; self.name = name; self.latitude = latitude; self.longitude = longitude }
}

/// One car a dealer ordered: the model and build wanted, the dealer's place and its regional DC.
public struct AllocationRequest: Sendable, Equatable {
    public var orderLineId: Int
    public var dealerLatitude: Double?
    public var dealerLongitude: Double?
    public var regionalHubId: Int?
    public var model: String
    public var build: Build
    public init(orderLineId: Int, dealerLatitude: Double?, dealerLongitude: Double?, regionalHubId: Int?, model: String, build: Build) {
        self.orderLineId = orderLineId; self.dealerLatitude = dealerLatitude; self.dealerLongitude = dealerLongitude; self.regionalHubId = regionalHubId
        self.model = model; self.build = build
    }
}

/// How the engine weighs a near but different unit against a far but exact one.
public struct AllocationPolicy: Sendable, Equatable, Codable {
    /// Below this similarity (0–100) a unit is not offered: the order goes to the factory.
    public var minimumSimilarity: Int
    /// Units farther than this from the dealer are not offered.
    public var maximumDistanceKm: Int
    /// Kilometres that cost one point of score (150: a unit 300 km away loses 2 points).
    public var kmPerPoint: Int
    public init(minimumSimilarity: Int = 70, maximumDistanceKm: Int = 1_200, kmPerPoint: Int = 150) {
        self.minimumSimilarity = minimumSimilarity; self.maximumDistanceKm = maximumDistanceKm; self.kmPerPoint = kmPerPoint
    }
    public static let defaults = AllocationPolicy()
}

/// What the engine decided for one order line, with the sentence the logistics user reads.
public struct AllocationDecision: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case exact, forwarded, factory }
    public var orderLineId: Int
    public var kind: Kind
    public var vehicleId: Int?
    public var hubId: Int?
    public var similarity: Int?
    public var distanceKm: Int?
    public var explanation: String
}

/// The allocation engine (DIST-2), pure and deterministic. Documented score:
/// - **similarity** 0–100 of a unit of the same model: trim 30, engine 20, colour 10, and 40 for
///   the wanted options weighted by their list price (an option without a price weighs as one
///   priced at the average); a different model is never offered;
/// - **score** = similarity − distance ÷ `kmPerPoint` (the dealer's distance to the hub);
/// - an exact build at the dealer's regional DC is taken first; otherwise the best score among
///   units with similarity ≥ `minimumSimilarity` within `maximumDistanceKm`, ties to the nearer
///   hub then the lower vehicle id; otherwise a factory order, saying what came closest.
/// Orders are served in the order given; a unit is never given twice.
public enum AllocationEngine {
    /// Similarity of `unit` to `wanted` (same model assumed) and what differs, in words.
    public static func similarity(wanted: Build, unit: Build, optionPrices: [String: Int]) -> (score: Int, differences: [String]) {
        var score = 0
        var differences: [String] = []
        if unit.trim == wanted.trim { score += 30 } else { differences.append("trim \(unit.trim) instead of \(wanted.trim)") }
        if unit.engine == wanted.engine { score += 20 } else { differences.append("engine \(unit.engine) instead of \(wanted.engine)") }
        if unit.colour == wanted.colour { score += 10 } else { differences.append("colour \(unit.colour) instead of \(wanted.colour)") }
        if wanted.options.isEmpty {
            score += 40
        } else {
            let priced = wanted.options.compactMap { optionPrices[$0] }.filter { $0 > 0 }
            let average = priced.isEmpty ? 1 : priced.reduce(0, +) / priced.count
            func weight(_ code: String) -> Int { max(1, optionPrices[code].map { $0 > 0 ? $0 : average } ?? average) }
            let total = wanted.options.reduce(0) { $0 + weight($1) }
            let have = wanted.options.filter { unit.options.contains($0) }
            score += 40 * have.reduce(0) { $0 + weight($1) } / total
            let missing = wanted.options.subtracting(unit.options).sorted()
            if !missing.isEmpty { differences.append("\(have.count) of \(wanted.options.count) options (without \(missing.joined(separator: ", ")))") }
        }
        return (score, differences)
    }

    static func key(_ model: String, _ b: Build) -> String { "\(model)|\(b.trim)|\(b.engine)|\(b.colour)|\(b.options.sorted().joined(separator: ","))" }

    /// A distinct build of a model with its parts as small numbers, so comparing it with an
    /// order costs a few integer tests (10,000 orders meet thousands of builds each).
    struct Shape {
        var key: String
        var build: Build
        var trim: Int, engine: Int, colour: Int
        var options: Set<Int>
        var hubs: [Int]
    }

    /// Numbers for a model's codes, given in the order first seen.
    struct Codes {
        var ids: [String: Int] = [:]
        mutating func id(_ code: String) -> Int {
            if let i = ids[code] { return i }
            ids[code] = ids.count
            return ids.count - 1
        }
        func find(_ code: String) -> Int { ids[code] ?? -1 }
    }

    /// Allocates each request in turn from `units`; returns one decision per request.
    public static func allocate(_ requests: [AllocationRequest], units: [HubUnit], hubs: [Hub], optionPrices: [String: Int] = [:],
                                policy: AllocationPolicy = .defaults) -> [AllocationDecision] {
        let hubByID = Dictionary(hubs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Interchangeable units (same model and build) are kept together, lowest id first, per hub.
        var pool: [String: [Int: [HubUnit]]] = [:]
        var shapeIndex: [String: (model: String, index: Int)] = [:]
        var shapes: [String: [Shape]] = [:]
        var codes: [String: Codes] = [:]
        for u in units.sorted(by: { $0.vehicleId < $1.vehicleId }) {
            let k = key(u.model, u.build)
            if shapeIndex[k] == nil {
                var c = codes[u.model] ?? Codes()
                let shape = Shape(key: k, build: u.build, trim: c.id("t:" + u.build.trim), engine: c.id("e:" + u.build.engine), colour: c.id("c:" + u.build.colour),
                                  options: Set(u.build.options.map { c.id("o:" + $0) }), hubs: [])
                codes[u.model] = c
                shapeIndex[k] = (u.model, shapes[u.model, default: []].count)
                shapes[u.model, default: []].append(shape)
            }
            pool[k, default: [:]][u.hubId, default: []].append(u)
        }
        for (model, list) in shapes {
            shapes[model] = list.map { var s = $0; s.hubs = (pool[s.key] ?? [:]).keys.sorted(); return s }
        }
        var taken: [String: [Int: Int]] = [:]
        func next(_ k: String, hub: Int) -> HubUnit? {
            guard let list = pool[k]?[hub] else { return nil }
            let used = taken[k]?[hub] ?? 0
            return used < list.count ? list[used] : nil
        }
        func take(_ k: String, hub: Int) { taken[k, default: [:]][hub, default: 0] += 1 }
        func distance(_ r: AllocationRequest, _ hubID: Int) -> Int? {
            guard let lat = r.dealerLatitude, let lon = r.dealerLongitude, let h = hubByID[hubID], let hl = h.latitude, let ho = h.longitude else { return nil }
            return UnitMatch.distanceKm((lat, lon), (hl, ho))
        }
        func hubName(_ id: Int) -> String { hubByID[id]?.name ?? "hub \(id)" }

        var decisions: [AllocationDecision] = []
        for r in requests {
            let exactKey = key(r.model, r.build)
            if let dc = r.regionalHubId, let u = next(exactKey, hub: dc) {
                take(exactKey, hub: dc)
                decisions.append(AllocationDecision(orderLineId: r.orderLineId, kind: .exact, vehicleId: u.vehicleId, hubId: dc, similarity: 100, distanceKm: distance(r, dc),
                                                    explanation: "\(hubName(dc)) (the regional DC) has the exact car: VIN \(u.vin)"))
                continue
            }
            var best: (score: Int, distance: Int, unit: HubUnit, similarity: Int)?
            var closest: (similarity: Int, hub: Int, build: Build, distance: Int?)?
            let c = codes[r.model] ?? Codes()
            let wt = c.find("t:" + r.build.trim), we = c.find("e:" + r.build.engine), wc = c.find("c:" + r.build.colour)
            // The wanted options' weights (as `similarity` computes them), by their numbers.
            let priced = r.build.options.compactMap { optionPrices[$0] }.filter { $0 > 0 }
            let average = priced.isEmpty ? 1 : priced.reduce(0, +) / priced.count
            let weights = r.build.options.map { (id: c.find("o:" + $0), weight: max(1, optionPrices[$0].map { $0 > 0 ? $0 : average } ?? average)) }
            let total = weights.reduce(0) { $0 + $1.weight }
            var km: [Int: Int?] = [:]
            for shape in shapes[r.model] ?? [] {
                var sim = (shape.trim == wt ? 30 : 0) + (shape.engine == we ? 20 : 0) + (shape.colour == wc ? 10 : 0)
                sim += total == 0 ? 40 : 40 * weights.reduce(0) { $0 + (shape.options.contains($1.id) ? $1.weight : 0) } / total
                for hub in shape.hubs {
                    guard let u = next(shape.key, hub: hub) else { continue }
                    if km[hub] == nil { km[hub] = distance(r, hub) }
                    let d = km[hub]!
                    if closest == nil || sim > closest!.similarity { closest = (sim, hub, shape.build, d) }
                    guard sim >= policy.minimumSimilarity, (d ?? 0) <= policy.maximumDistanceKm else { continue }
                    let score = sim - (d ?? 0) / max(1, policy.kmPerPoint)
                    if let b = best, (b.score, -b.distance, -b.unit.vehicleId) >= (score, -(d ?? Int.max), -u.vehicleId) { continue }
                    best = (score, d ?? Int.max, u, sim)
                }
            }
            let dcNote = r.regionalHubId.map { "\(hubName($0)) had no exact match" } ?? "No regional DC"
            if let b = best {
                take(key(r.model, b.unit.build), hub: b.unit.hubId)
                let differences = similarity(wanted: r.build, unit: b.unit.build, optionPrices: optionPrices).differences
                let what = differences.isEmpty ? "the exact car" : differences.joined(separator: ", ")
                let km = b.distance == Int.max ? "distance unknown" : "\(b.distance) km"
                decisions.append(AllocationDecision(orderLineId: r.orderLineId, kind: .forwarded, vehicleId: b.unit.vehicleId, hubId: b.unit.hubId, similarity: b.similarity,
                                                    distanceKm: b.distance == Int.max ? nil : b.distance,
                                                    explanation: "\(dcNote); \(hubName(b.unit.hubId)) has VIN \(b.unit.vin) with \(what), \(km) (similarity \(b.similarity), score \(b.score))"))
            } else {
                var why = "\(dcNote); no unit of \(r.model) within \(policy.maximumDistanceKm) km reaches similarity \(policy.minimumSimilarity)"
                if let c = closest {
                    let differences = similarity(wanted: r.build, unit: c.build, optionPrices: optionPrices).differences
                    why += "; the closest is at \(hubName(c.hub)) (similarity \(c.similarity)\(differences.isEmpty ? "" : ": " + differences.joined(separator: ", "))\(c.distance.map { ", \($0) km" } ?? ""))"
                }
                decisions.append(AllocationDecision(orderLineId: r.orderLineId, kind: .factory, vehicleId: nil, hubId: nil, similarity: closest?.similarity, distanceKm: nil,
                                                    explanation: why + ": queued as a factory order"))
            }
        }
        return decisions
    }
}
