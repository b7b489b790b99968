/// A dealer's order of vehicles from the manufacturer (DIST-1): one build, a quantity, a wanted day.
public struct VehicleOrder: Codable, Sendable, Equatable {
    public init(id: Int, orgUnitId: Int, unitName: String?, hubId: Int?, hubName: String?, modelId: Int, modelTitle: String, trim: String, engine: String, colour: String, options: String, configurationId: Int?, quantity: Int, wantedOn: String, unitPriceMinor: Int, currency: String, status: Status, flags: [WarningFlag], note: String, createdAt: String, lines: [VehicleOrderLine]) {
        self.id = id; self.orgUnitId = orgUnitId; self.unitName = unitName; self.hubId = hubId; self.hubName = hubName; self.modelId = modelId; self.modelTitle = modelTitle; self.trim = trim; self.engine = engine; self.colour = colour; self.options = options; self.configurationId = configurationId; self.quantity = quantity; self.wantedOn = wantedOn; self.unitPriceMinor = unitPriceMinor; self.currency = currency; self.status = status; self.flags = flags; self.note = note; self.createdAt = createdAt; self.lines = lines
    }
    public enum Status: String, Codable, Sendable, CaseIterable {
        case open, done, cancelled
        public var label: String { self == .open ? "Open" : self == .done ? "Delivered" : "Cancelled" }
    }
    public var id: Int
    public var orgUnitId: Int
    public var unitName: String?
    public var hubId: Int?
    public var hubName: String?
    public var modelId: Int
    public var modelTitle: String
    public var trim: String
    public var engine: String
    public var colour: String
    public var options: String
    public var configurationId: Int?
    public var quantity: Int
    public var wantedOn: String
    public var unitPriceMinor: Int
    public var currency: String
    public var status: Status
    public var flags: [WarningFlag]
    public var note: String
    public var createdAt: String
    public var lines: [VehicleOrderLine]

    public var number: String { "VO-\(id)" }
    public var build: Build { Build(trim: trim, engine: engine, colour: colour, options: Set(options.split(separator: ",").map(String.init))) }
    /// How many lines stand at each step, for the progress bar.
    public func count(_ status: VehicleOrderLine.Status) -> Int { lines.filter { $0.status == status }.count }
}

/// One car of an order and where it stands.
public struct VehicleOrderLine: Codable, Sendable, Equatable {
    public init(id: Int, orderId: Int, lineNo: Int, status: Status, vehicleId: Int?, vin: String?, hubId: Int?, hubName: String?, shipmentId: Int?, eta: String?, explanation: String?) {
        self.id = id; self.orderId = orderId; self.lineNo = lineNo; self.status = status; self.vehicleId = vehicleId; self.vin = vin; self.hubId = hubId; self.hubName = hubName; self.shipmentId = shipmentId; self.eta = eta; self.explanation = explanation
    }
    public enum Status: String, Codable, Sendable, CaseIterable {
        case pending, allocated, factory, inTransit = "in_transit", delivered, cancelled
        public var label: String {
            switch self {
            case .pending: "Waiting for allocation"
            case .allocated: "Allocated"
            case .factory: "Factory order"
            case .inTransit: "In transit"
            case .delivered: "Delivered"
            case .cancelled: "Cancelled"
            }
        }
        /// A step of the order's progress, 0 (just ordered) to 3 (at the dealer).
        public var step: Int {
            switch self {
            case .pending, .cancelled: 0
            case .factory, .allocated: 1
            case .inTransit: 2
            case .delivered: 3
            }
        }
    }
    public var id: Int
    public var orderId: Int
    public var lineNo: Int
    public var status: Status
    public var vehicleId: Int?
    public var vin: String?
    public var hubId: Int?
    public var hubName: String?
    public var shipmentId: Int?
    public var eta: String?
    public var explanation: String?
}

/// A stored allocation decision with its explanation (DIST-2); overrides add a new one.
public struct AllocationRecord: Codable, Sendable, Equatable {
    public init(id: Int, lineId: Int, orderId: Int, orgUnitId: Int, kind: Kind, vehicleId: Int?, vin: String?, hubId: Int?, hubName: String?, similarity: Int?, distanceKm: Int?, explanation: String, decidedByName: String, current: Bool, createdAt: String) {
        self.id = id; self.lineId = lineId; self.orderId = orderId; self.orgUnitId = orgUnitId; self.kind = kind; self.vehicleId = vehicleId; self.vin = vin; self.hubId = hubId; self.hubName = hubName; self.similarity = similarity; self.distanceKm = distanceKm; self.explanation = explanation; self.decidedByName = decidedByName; self.current = current; self.createdAt = createdAt
    }
    public enum Kind: String, Codable, Sendable { case exact, forwarded, factory, override }
    public var id: Int
    public var lineId: Int
    public var orderId: Int
    public var orgUnitId: Int
    public var kind: Kind
    public var vehicleId: Int?
    public var vin: String?
    public var hubId: Int?
    public var hubName: String?
    public var similarity: Int?
    public var distanceKm: Int?
    public var explanation: String
    public var decidedByName: String
    public var current: Bool
    public var createdAt: String
}

/// What ordering takes, checked before anything is written.
public enum VehicleOrderRules {
    /// More than this in one order is refused outright as a typing slip; above the flag rules'
    /// limit it is accepted and flagged.
    public static let maximumQuantity = 500

    public static func check(quantity: Int?, wantedOn: String, today: String) -> ValidationErrors {
        var errors = ValidationErrors()
        switch quantity {
        case nil: errors.add("quantity", "is required")
        case let q? where q < 1: errors.add("quantity", "must be at least 1")
        case let q? where q > maximumQuantity: errors.add("quantity", "must be at most \(maximumQuantity) in one order (split larger orders)")
        default: break
        }
        if CalendarDay.parse(wantedOn) == nil { errors.add("wanted_on", "must be a day like 2026-12-03") } else if wantedOn < today { errors.add("wanted_on", "is in the past") }
        return errors
    }
}
