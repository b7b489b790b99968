/// A line of a repair order (SVC-4): labour billed at its standard minutes, or a part issued
/// from stock. Additional work found during the job is billed only once the customer approves.
public struct RepairOrderLine: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case labour, part }
    public var id: Int
    public var kind: Kind
    public var code: String
    public var description: String
    /// Labour: standard minutes billed; parts: 0.
    public var minutes: Int
    public var quantity: Int
    public var unitPriceMinor: Int
    public var partId: Int?
    public var technicianId: Int?
    public var additional: Bool
    public var approved: Bool

    public init(id: Int, kind: Kind, code: String, description: String, minutes: Int, quantity: Int, unitPriceMinor: Int, partId: Int?, technicianId: Int?,
                additional: Bool, approved: Bool) {
        self.id = id; self.kind = kind; self.code = code; self.description = description; self.minutes = minutes; self.quantity = quantity
        self.unitPriceMinor = unitPriceMinor; self.partId = partId; self.technicianId = technicianId; self.additional = additional; self.approved = approved
    }

    /// On the bill: everything but additional work the customer has not approved.
    public var billable: Bool { !additional || approved }
    public var amountMinor: Int { unitPriceMinor * quantity }
}

/// A technician's time on a line, from clock-in to clock-out (workshop minutes).
public struct ClockSpan: Sendable, Equatable, Codable {
    public var id: Int
    public var lineId: Int
    public var technicianId: Int
    public var technicianName: String?
    public var startedAt: String
    public var endedAt: String?
    public init(id: Int, lineId: Int, technicianId: Int, technicianName: String?, startedAt: String, endedAt: String?) {
        self.id = id; self.lineId = lineId; self.technicianId = technicianId; self.technicianName = technicianName; self.startedAt = startedAt; self.endedAt = endedAt
    }
}

/// What the customer pays and what the workshop spent (SVC-4, SVC-6 efficiency).
public struct RepairOrderTotals: Sendable, Equatable, Codable {
    public var labourMinor: Int
    public var partsMinor: Int
    public var totalMinor: Int
    public var billedMinutes: Int
    public var clockedMinutes: Int
    public var awaitingApproval: Int
}

/// The rules of a repair order.
public enum RepairOrderRules {
    /// A mileage lower than the last one known needs the person to confirm it (a replaced
    /// odometer, a typing slip): the message says so.
    public static func mileageWarning(typed: Int, last: Int) -> String? {
        typed < last ? "is lower than the \(last) km recorded before; check it, or confirm it if the odometer was replaced" : nil
    }

    /// Labour at the hourly rate for its standard minutes, rounded to the cent.
    public static func labourPrice(minutes: Int, hourlyRateMinor: Int) -> Int { (minutes * hourlyRateMinor + 30) / 60 }

    /// Totals; `clocked` are the minutes of the finished clock spans.
    public static func totals(_ lines: [RepairOrderLine], clockedMinutes: Int) -> RepairOrderTotals {
        let billable = lines.filter(\.billable)
        let labour = billable.filter { $0.kind == .labour }.reduce(0) { $0 + $1.amountMinor }
        let parts = billable.filter { $0.kind == .part }.reduce(0) { $0 + $1.amountMinor }
        return RepairOrderTotals(labourMinor: labour, partsMinor: parts, totalMinor: labour + parts,
                                 billedMinutes: billable.filter { $0.kind == .labour }.reduce(0) { $0 + $1.minutes * $1.quantity }, clockedMinutes: clockedMinutes,
                                 awaitingApproval: lines.filter { $0.additional && !$0.approved }.count)
    }

    /// Why the order cannot close yet, or nil.
    public static func closeProblem(clocks: [ClockSpan]) -> String? {
        guard let open = clocks.first(where: { $0.endedAt == nil }) else { return nil }
        return "\(open.technicianName ?? "A technician") is still clocked in since \(open.startedAt.replacingOccurrences(of: "T", with: " ")); clock out first"
    }
}

/// A repair order (SVC-4): the car checked in with its mileage and the customer's concerns,
/// the lines, the technicians' clocks, and its close.
public struct RepairOrder: Sendable, Equatable, Codable {
    public var id: Int
    public var orgUnitId: Int
    public var bookingId: Int?
    public var customerId: Int?
    public var customerName: String?
    public var vehicleId: Int?
    public var vehicleTitle: String?
    public var mileageKm: Int
    public var concerns: String
    public var status: String
    public var labourRateMinor: Int
    public var currency: String
    public var lines: [RepairOrderLine]
    public var clocks: [ClockSpan]
    public var totals: RepairOrderTotals
    public var createdAt: String
    public var closedAt: String?
    /// What the workshop tells the customer (done, advised for next time), on the ready message.
    public var customerNotes: String
    /// The order's number in the system it was imported from.
    public var externalRef: String?

    public init(id: Int, orgUnitId: Int, bookingId: Int?, customerId: Int?, customerName: String?, vehicleId: Int?, vehicleTitle: String?, mileageKm: Int, concerns: String,
                status: String, labourRateMinor: Int, currency: String, lines: [RepairOrderLine], clocks: [ClockSpan], totals: RepairOrderTotals, createdAt: String, closedAt: String?,
                customerNotes: String = "", externalRef: String? = nil) {
        self.customerNotes = customerNotes; self.externalRef = externalRef
        self.id = id; self.orgUnitId = orgUnitId; self.bookingId = bookingId; self.customerId = customerId; self.customerName = customerName; self.vehicleId = vehicleId
        self.vehicleTitle = vehicleTitle; self.mileageKm = mileageKm; self.concerns = concerns; self.status = status; self.labourRateMinor = labourRateMinor
        self.currency = currency; self.lines = lines; self.clocks = clocks; self.totals = totals; self.createdAt = createdAt; self.closedAt = closedAt
    }

    public var number: String { "RO-\(id)" }
}

/// A photo or the customer's signature taken at check-in (SVC-4), without its bytes.
public struct RepairOrderFile: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case photo, signature }
    public var id: Int
    public var repairOrderId: Int
    public var kind: Kind
    public var contentType: String
    public var bytes: Int
    public var note: String
    public var createdAt: String
    public init(id: Int, repairOrderId: Int, kind: Kind, contentType: String, bytes: Int, note: String, createdAt: String) {
        self.id = id; self.repairOrderId = repairOrderId; self.kind = kind; self.contentType = contentType; self.bytes = bytes; self.note = note; self.createdAt = createdAt
    }
}

/// What an uploaded image is, read from its first bytes: a declared content type is not trusted.
public enum ImageSniffer {
    public static func contentType(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return "image/webp" }
        return nil
    }
}
