import Foundation

/// Cars on their way from a hub to a dealer (DIST-3, DIST-4).
public struct Shipment: Codable, Sendable, Equatable {
    public init(id: Int, orgUnitId: Int, unitName: String?, fromUnitId: Int, fromName: String?, carrier: String, trackingNumber: String, legs: [Leg], status: Status, eta: String, location: String, dispatchedAt: String, deliveredAt: String?, vehicles: [ShipmentVehicle], events: [ShipmentEvent]) {
        self.id = id; self.orgUnitId = orgUnitId; self.unitName = unitName; self.fromUnitId = fromUnitId; self.fromName = fromName; self.carrier = carrier; self.trackingNumber = trackingNumber; self.legs = legs; self.status = status; self.eta = eta; self.location = location; self.dispatchedAt = dispatchedAt; self.deliveredAt = deliveredAt; self.vehicles = vehicles; self.events = events
    }
    public enum Status: String, Codable, Sendable, CaseIterable {
        case dispatched, inTransit = "in_transit", atHub = "at_hub", outForDelivery = "out_for_delivery", delivered
        public var label: String {
            switch self {
            case .dispatched: "Dispatched"
            case .inTransit: "In transit"
            case .atHub: "At a transfer hub"
            case .outForDelivery: "Out for delivery"
            case .delivered: "Delivered"
            }
        }
        /// Order of the steps; a carrier may repeat in transit / at hub between legs.
        var rank: Int {
            switch self {
            case .dispatched: 0
            case .inTransit, .atHub: 1
            case .outForDelivery: 2
            case .delivered: 3
            }
        }
    }
    /// One leg of the journey, as the carrier plans it.
    public struct Leg: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
        public init(from: String, to: String) { self.from = from; self.to = to }
    }
    public var id: Int
    public var orgUnitId: Int
    public var unitName: String?
    public var fromUnitId: Int
    public var fromName: String?
    public var carrier: String
    public var trackingNumber: String
    public var legs: [Leg]
    public var status: Status
    public var eta: String
    public var location: String
    public var dispatchedAt: String
    public var deliveredAt: String?
    public var vehicles: [ShipmentVehicle]
    public var events: [ShipmentEvent]
}

/// A car in a shipment with the order it fills.
public struct ShipmentVehicle: Codable, Sendable, Equatable {
    public init(lineId: Int, orderId: Int, vehicleId: Int, vin: String, title: String) {
        self.lineId = lineId; self.orderId = orderId; self.vehicleId = vehicleId; self.vin = vin; self.title = title
    }
    public var lineId: Int
    public var orderId: Int
    public var vehicleId: Int
    public var vin: String
    public var title: String
}

/// A status report on a shipment, from logistics or the carrier.
public struct ShipmentEvent: Codable, Sendable, Equatable {
    public init(id: Int, status: Shipment.Status, location: String, happenedAt: String, eta: String?, note: String, recordedBy: String) {
        self.id = id; self.status = status; self.location = location; self.happenedAt = happenedAt; self.eta = eta; self.note = note; self.recordedBy = recordedBy
    }
    public var id: Int
    public var status: Shipment.Status
    public var location: String
    public var happenedAt: String
    public var eta: String?
    public var note: String
    public var recordedBy: String
}

/// The rules a status report must follow: time and steps only go forward.
public enum ShipmentProgress {
    /// Why `next` (at `at`, "2026-12-01T10:30") cannot follow the shipment's last report, or nil.
    public static func refusal(current: Shipment.Status, lastAt: String, next: Shipment.Status, at: String) -> (field: String, message: String)? {
        if current == .delivered { return ("status", "the shipment was delivered already; no report may follow") }
        if at < lastAt { return ("happened_at", "is before the last report (\(lastAt)): reports must come in order") }
        if next.rank < current.rank { return ("status", "cannot go back from \(current.label.lowercased()) to \(next.label.lowercased())") }
        if next == .dispatched { return ("status", "the shipment is dispatched already") }
        return nil
    }

    /// Parses "Piacenza > Milano" lines (or "Piacenza → Milano") into legs; nil names the bad line.
    public static func legs(_ text: String) -> (legs: [Shipment.Leg], bad: String?) {
        var legs: [Shipment.Leg] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let parts = line.replacingOccurrences(of: "→", with: ">").split(separator: ">").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, parts.allSatisfy({ $0.count <= 80 }) else { return (legs, line) }
            legs.append(.init(from: parts[0], to: parts[1]))
        }
        return (legs, nil)
    }
}

/// What the dealer owes the manufacturer for an order, line by line (FIN-2).
public struct SettlementEntry: Codable, Sendable, Equatable {
    public init(id: Int, orderId: Int, orgUnitId: Int, unitName: String?, lineId: Int?, kind: Kind, amountMinor: Int, currency: String, reference: String, status: Status, createdByName: String, createdAt: String, paidAt: String?) {
        self.id = id; self.orderId = orderId; self.orgUnitId = orgUnitId; self.unitName = unitName; self.lineId = lineId; self.kind = kind; self.amountMinor = amountMinor; self.currency = currency; self.reference = reference; self.status = status; self.createdByName = createdByName; self.createdAt = createdAt; self.paidAt = paidAt
    }
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case invoice, creditNote = "credit_note", incentive
        public var label: String { self == .invoice ? "Invoice" : self == .creditNote ? "Credit note" : "Incentive" }
        /// Invoices add to what the dealer owes; credit notes and incentives take from it.
        public var sign: Int { self == .invoice ? 1 : -1 }
    }
    public enum Status: String, Codable, Sendable, CaseIterable {
        case open, paid, cancelled
        public var label: String { self == .open ? "Open" : self == .paid ? "Paid" : "Cancelled" }
    }
    public var id: Int
    public var orderId: Int
    public var orgUnitId: Int
    public var unitName: String?
    public var lineId: Int?
    public var kind: Kind
    public var amountMinor: Int
    public var currency: String
    public var reference: String
    public var status: Status
    public var createdByName: String
    public var createdAt: String
    public var paidAt: String?
    /// The amount as it counts toward what is owed (negative for credits).
    public var signedMinor: Int { kind.sign * amountMinor }
}
