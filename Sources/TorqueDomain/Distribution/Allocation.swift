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
    /// order costs a few integer tests (10,000 orders meet thousands of builds each); its units
    /// sit in cells, one per hub.
    struct Shape {
        var build: Build
        var trim: Int, engine: Int, colour: Int
        /// Option numbers below 64 as bits, the rest in `more`.
        var mask: UInt64
        var more: Set<Int>
        var cells: [Int]
        func has(_ option: Int) -> Bool { option < 0 ? false : option < 64 ? mask & (1 << UInt64(option)) != 0 : more.contains(option) }
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
        var shapes: [Shape] = []
        var shapeOfKey: [String: Int] = [:]
        var shapesOfModel: [String: [Int]] = [:]
        var codes: [String: Codes] = [:]
        // Cells: the units of one build at one hub, lowest id first, and how many are taken.
        var cellUnits: [[HubUnit]] = [], cellHub: [Int] = [], cellTaken: [Int] = []
        var cellOf: [String: Int] = [:]
        var remaining: [Int] = []
        for u in units.sorted(by: { $0.vehicleId < $1.vehicleId }) {
            let k = key(u.model, u.build)
            let shape: Int
            if let existing = shapeOfKey[k] { shape = existing } else {
                var c = codes[u.model] ?? Codes()
                var mask: UInt64 = 0, more: Set<Int> = []
                for o in u.build.options { let id = c.id("o:" + o); if id < 64 { mask |= 1 << UInt64(id) } else { more.insert(id) } }
                shapes.append(Shape(build: u.build, trim: c.id("t:" + u.build.trim), engine: c.id("e:" + u.build.engine), colour: c.id("c:" + u.build.colour),
                                    mask: mask, more: more, cells: []))
                codes[u.model] = c
                shape = shapes.count - 1
                shapeOfKey[k] = shape
                shapesOfModel[u.model, default: []].append(shape)
                remaining.append(0)
            }
            let cellKey = "\(shape)@\(u.hubId)"
            if let cell = cellOf[cellKey] { cellUnits[cell].append(u) } else {
                cellOf[cellKey] = cellUnits.count
                shapes[shape].cells.append(cellUnits.count)
                cellUnits.append([u]); cellHub.append(u.hubId); cellTaken.append(0)
            }
            remaining[shape] += 1
        }
        for i in shapes.indices { shapes[i].cells.sort { cellHub[$0] < cellHub[$1] } }
        func hubName(_ id: Int) -> String { hubByID[id]?.name ?? "hub \(id)" }

        var decisions: [AllocationDecision] = []
        decisions.reserveCapacity(requests.count)
        for r in requests {
            func distance(_ hubID: Int) -> Int? {
                guard let lat = r.dealerLatitude, let lon = r.dealerLongitude, let h = hubByID[hubID], let hl = h.latitude, let ho = h.longitude else { return nil }
                return UnitMatch.distanceKm((lat, lon), (hl, ho))
            }
            func take(_ cell: Int, shape: Int) -> HubUnit {
                let u = cellUnits[cell][cellTaken[cell]]
                cellTaken[cell] += 1
                remaining[shape] -= 1
                return u
            }
            let exact = shapeOfKey[key(r.model, r.build)]
            if let dc = r.regionalHubId, let s = exact, let cell = cellOf["\(s)@\(dc)"], cellTaken[cell] < cellUnits[cell].count {
                let u = take(cell, shape: s)
                decisions.append(AllocationDecision(orderLineId: r.orderLineId, kind: .exact, vehicleId: u.vehicleId, hubId: dc, similarity: 100, distanceKm: distance(dc),
                                                    explanation: "\(hubName(dc)) (the regional DC) has the exact car: VIN \(u.vin)"))
                continue
            }
            let c = codes[r.model] ?? Codes()
            let wt = c.find("t:" + r.build.trim), we = c.find("e:" + r.build.engine), wc = c.find("c:" + r.build.colour)
            // The wanted options' weights (as `similarity` computes them), by their numbers.
            let priced = r.build.options.compactMap { optionPrices[$0] }.filter { $0 > 0 }
            let average = priced.isEmpty ? 1 : priced.reduce(0, +) / priced.count
            let weights = r.build.options.map { (id: c.find("o:" + $0), weight: max(1, optionPrices[$0].map { $0 > 0 ? $0 : average } ?? average)) }
            let total = weights.reduce(0) { $0 + $1.weight }
            var km: [Int: Int?] = [:]
            var best: (score: Int, distance: Int, cell: Int, shape: Int, similarity: Int)?
            var closest: (similarity: Int, shape: Int)?
            for s in shapesOfModel[r.model] ?? [] where remaining[s] > 0 {
                let shape = shapes[s]
                var have = 0
                for w in weights where shape.has(w.id) { have += w.weight }
                let sim = (s == exact ? 100 : (shape.trim == wt ? 30 : 0) + (shape.engine == we ? 20 : 0) + (shape.colour == wc ? 10 : 0) + (total == 0 ? 40 : 40 * have / total))
                if closest == nil || sim > closest!.similarity { closest = (sim, s) }
                guard sim >= policy.minimumSimilarity, best == nil || sim >= best!.score else { continue }
                for cell in shape.cells where cellTaken[cell] < cellUnits[cell].count {
                    let hub = cellHub[cell]
                    if km[hub] == nil { km[hub] = distance(hub) }
                    let d = km[hub]!
                    guard (d ?? 0) <= policy.maximumDistanceKm else { continue }
                    let score = sim - (d ?? 0) / max(1, policy.kmPerPoint)
                    let id = cellUnits[cell][cellTaken[cell]].vehicleId
                    if let b = best, (b.score, -b.distance, -cellUnits[b.cell][cellTaken[b.cell]].vehicleId) >= (score, -(d ?? Int.max), -id) { continue }
                    best = (score, d ?? Int.max, cell, s, sim)
                }
            }
            let dcNote = r.regionalHubId.map { "\(hubName($0)) had no exact match" } ?? "No regional DC"
            if let b = best {
                let u = take(b.cell, shape: b.shape)
                let differences = similarity(wanted: r.build, unit: u.build, optionPrices: optionPrices).differences
                let what = differences.isEmpty ? "the exact car" : differences.joined(separator: ", ")
                let where_ = b.distance == Int.max ? "distance unknown" : "\(b.distance) km"
                decisions.append(AllocationDecision(orderLineId: r.orderLineId, kind: .forwarded, vehicleId: u.vehicleId, hubId: u.hubId, similarity: b.similarity,
                                                    distanceKm: b.distance == Int.max ? nil : b.distance,
                                                    explanation: "\(dcNote); \(hubName(u.hubId)) has VIN \(u.vin) with \(what), \(where_) (similarity \(b.similarity), score \(b.score))"))
            } else {
                var why = "\(dcNote); no unit of \(r.model) within \(policy.maximumDistanceKm) km reaches similarity \(policy.minimumSimilarity)"
                if let cl = closest, let cell = shapes[cl.shape].cells.first(where: { cellTaken[$0] < cellUnits[$0].count }) {
                    let differences = similarity(wanted: r.build, unit: shapes[cl.shape].build, optionPrices: optionPrices).differences
                    let d = distance(cellHub[cell])
                    why += "; the closest is at \(hubName(cellHub[cell])) (similarity \(cl.similarity)\(differences.isEmpty ? "" : ": " + differences.joined(separator: ", "))\(d.map { ", \($0) km" } ?? ""))"
                }
                decisions.append(AllocationDecision(orderLineId: r.orderLineId, kind: .factory, vehicleId: nil, hubId: nil, similarity: closest?.similarity, distanceKm: nil,
                                                    explanation: why + ": queued as a factory order"))
            }
        }
        return decisions
    }
}
