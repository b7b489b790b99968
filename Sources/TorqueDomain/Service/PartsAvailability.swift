/// A part number and how many of it a labour operation's kit takes.
public struct KitPart: Sendable, Equatable, Codable, Hashable {
    public var partNumber: String
    public var quantity: Int
    public init(partNumber: String, quantity: Int) { self.partNumber = partNumber; self.quantity = quantity }

    /// Reads "BRK-PAD-F x2, OIL-5W30 x5" (quantity 1 when left out); field errors otherwise.
    public static func parse(_ text: String) -> Result<[KitPart], FieldProblem> {
        var kit: [String: Int] = [:]
        for piece in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" }) {
            let words = piece.split(separator: " ").map(String.init)
            guard let number = words.first else { continue }
            var quantity = 1
            if words.count == 2, words[1].lowercased().hasPrefix("x"), let q = Int(words[1].dropFirst()) { quantity = q }
            else if words.count != 1 { return .failure(FieldProblem("write each part as NUMBER or NUMBER x2, separated by commas (\(piece.trimmingCharacters(in: .whitespaces)) is neither)")) }
            guard number.count <= 40, number.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else { return .failure(FieldProblem("\(number) is not a part number")) }
            guard (1...999).contains(quantity) else { return .failure(FieldProblem("quantity of \(number) must be from 1 to 999")) }
            kit[number.uppercased(), default: 0] += quantity
        }
        return .success(kit.map { KitPart(partNumber: $0.key, quantity: $0.value) }.sorted { $0.partNumber < $1.partNumber })
    }

    public static func text(_ kit: [KitPart]) -> String { kit.map { $0.quantity == 1 ? $0.partNumber : "\($0.partNumber) x\($0.quantity)" }.joined(separator: ", ") }
}

/// A workshop's stock of one part number and what is on order for it.
public struct PartSupply: Sendable, Equatable {
    public var partNumber: String
    public var name: String
    public var onHand: Int
    /// Promised to bookings not yet checked in (their kits).
    public var promised: Int = 0
    /// Open orders: expected day and quantity.
    public var incoming: [(day: String, quantity: Int)]
    public init(partNumber: String, name: String, onHand: Int, incoming: [(day: String, quantity: Int)]) {
        self.partNumber = partNumber; self.name = name; self.onHand = onHand; self.incoming = incoming
    }
    public static func == (a: PartSupply, b: PartSupply) -> Bool {
        a.partNumber == b.partNumber && a.name == b.name && a.onHand == b.onHand && a.promised == b.promised && a.incoming.map(\.day) == b.incoming.map(\.day) && a.incoming.map(\.quantity) == b.incoming.map(\.quantity)
    }
}

/// Whether one part of a job's kits is there, and from when.
public struct PartCheck: Sendable, Equatable, Codable {
    public var partNumber: String
    public var name: String
    public var needed: Int
    public var inStock: Int
    /// Of the stock, promised to other bookings' kits.
    public var promised: Int = 0
    /// The day enough will be there: nil when in stock now, or when nothing on order covers it.
    public var availableFrom: String?
    public var covered: Bool

    public var sentence: String {
        let stock = "\(inStock) in stock" + (promised > 0 ? " (\(promised) promised to other bookings)" : "")
        if covered && availableFrom == nil { return "\(partNumber) \(name): \(needed) needed, \(stock)" }
        if let day = availableFrom { return "\(partNumber) \(name): \(needed) needed, \(stock), enough from \(day) (expected receipt)" }
        return "\(partNumber) \(name): \(needed) needed, \(stock) and no receipt expected that covers it"
    }
}

/// When a job's parts are there (SVC-3): each kit part against stock, then against open orders
/// in order of their expected day. Pure, so the booking page and the API explain the same.
public enum PartsAvailability {
    /// Every part the kits need, checked; `supplies` holds the workshop's stock by part number
    /// (missing = not stocked).
    public static func check(kits: [KitPart], supplies: [String: PartSupply]) -> [PartCheck] {
        var needed: [String: Int] = [:]
        for k in kits { needed[k.partNumber, default: 0] += k.quantity }
        return needed.keys.sorted().map { number in
            let need = needed[number]!
            guard let s = supplies[number] else { return PartCheck(partNumber: number, name: "(not stocked here)", needed: need, inStock: 0, availableFrom: nil, covered: false) }
            // What other bookings' kits will take is not there for this job (a conservative
            // rule: a part promised to a later booking is not lent to an earlier one).
            let free = s.onHand - s.promised
            if free >= need { return PartCheck(partNumber: number, name: s.name, needed: need, inStock: s.onHand, promised: s.promised, availableFrom: nil, covered: true) }
            var have = max(0, free)
            for order in s.incoming.sorted(by: { $0.day < $1.day }) {
                have += order.quantity
                if have >= need { return PartCheck(partNumber: number, name: s.name, needed: need, inStock: s.onHand, promised: s.promised, availableFrom: order.day, covered: true) }
            }
            return PartCheck(partNumber: number, name: s.name, needed: need, inStock: s.onHand, promised: s.promised, availableFrom: nil, covered: false)
        }
    }

    /// The first day the whole job can start: nil when everything is in stock; a failure naming
    /// what no order covers.
    public static func firstDay(_ checks: [PartCheck]) -> Result<String?, FieldProblem> {
        let missing = checks.filter { !$0.covered }
        if !missing.isEmpty {
            return .failure(FieldProblem("parts missing with no receipt expected: " + missing.map(\.sentence).joined(separator: "; ") + ". Order them (Parts page) and ask again, or book without the part"))
        }
        return .success(checks.compactMap(\.availableFrom).max())
    }
}

/// A workshop's own rules (SVC-3, SVC-4): its labour rate, and what a contact-center agent may
/// book on their own ("simple jobs": short, basic skill).
public struct WorkshopSettings: Sendable, Equatable, Codable {
    public var labourRateMinor: Int
    public var simpleJobMinutes: Int
    public var simpleJobLevel: Int
    public init(labourRateMinor: Int, simpleJobMinutes: Int, simpleJobLevel: Int) {
        self.labourRateMinor = labourRateMinor; self.simpleJobMinutes = simpleJobMinutes; self.simpleJobLevel = simpleJobLevel
    }

    public static let defaults = WorkshopSettings(labourRateMinor: 65_00, simpleJobMinutes: 120, simpleJobLevel: 1)

    public var problems: [String: String] {
        var e: [String: String] = [:]
        if !(0...100_000_00).contains(labourRateMinor) { e["labour_rate"] = "must be from 0 to 100,000 an hour" }
        if !(0...10_080).contains(simpleJobMinutes) { e["simple_job_minutes"] = "must be from 0 to 10,080" }
        if !(1...3).contains(simpleJobLevel) { e["simple_job_level"] = "must be 1, 2 or 3" }
        return e
    }

    /// Why a job is not simple, or nil when a contact-center agent may book it.
    public func notSimple(minutes: Int, skills: [String: Int]) -> String? {
        if minutes > simpleJobMinutes { return "takes \(minutes) minutes; the contact center books jobs up to \(simpleJobMinutes) minutes: pass it to a service advisor" }
        if let hard = skills.first(where: { $0.value > simpleJobLevel }) { return "needs \(hard.key) at level \(hard.value); the contact center books jobs up to level \(simpleJobLevel): pass it to a service advisor" }
        return nil
    }
}
