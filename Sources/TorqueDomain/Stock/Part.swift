/// Parts and accessories (STOCK-2).
public enum PartKind: String, CaseIterable, Codable, Sendable {
    case part, accessory, supply
    public var label: String {
        switch self {
        case .part: "Part"
        case .accessory: "Accessory"
        case .supply: "Workshop supply"
        }
    }
}

/// A part number stocked by one unit; `quantity` always equals the sum of its movements.
public struct Part: Codable, Sendable, Equatable {
    public var id: Int
    public var orgUnitId: Int
    public var unitName: String?
    public var partNumber: String
    public var name: String
    public var kind: PartKind
    public var quantity: Int
    public var reorderPoint: Int
    public var unitCostMinor: Int
    public var priceMinor: Int
    public var currency: String
    public var bin: String
    public var createdAt: String
    public var updatedAt: String

    public var needsReorder: Bool { quantity <= reorderPoint }
}

/// What adding a part number takes.
public struct PartInput: Sendable, Equatable {
    public var partNumber: String
    public var name: String
    public var kind: PartKind
    public var reorderPoint: Int
    public var unitCostMinor: Int
    public var priceMinor: Int
    public var bin: String
    public init(partNumber: String, name: String, kind: PartKind = .part, reorderPoint: Int = 0, unitCostMinor: Int = 0, priceMinor: Int = 0, bin: String = "") {
        self.partNumber = partNumber; self.name = name; self.kind = kind; self.reorderPoint = reorderPoint
        self.unitCostMinor = unitCostMinor; self.priceMinor = priceMinor; self.bin = bin
    }
}

/// Why stock moved. Receipts add, issues and sales take away, adjustments go either way.
public enum PartMovementKind: String, CaseIterable, Codable, Sendable {
    case receipt, issue, sale, adjustment

    public var label: String {
        switch self {
        case .receipt: "Receipt"
        case .issue: "Issue to a repair order"
        case .sale: "Counter sale"
        case .adjustment: "Adjustment (stocktake)"
        }
    }

    /// The signed change for a typed quantity: people type "3" for an issue of three.
    public func change(_ typed: Int) -> Result<Int, FieldProblem> {
        switch self {
        case .receipt: typed > 0 ? .success(typed) : .failure(FieldProblem("must be more than 0 for a receipt"))
        case .issue, .sale: typed > 0 ? .success(-typed) : .failure(FieldProblem("must be more than 0; it is taken out of stock"))
        case .adjustment: typed != 0 ? .success(typed) : .failure(FieldProblem("must not be 0; use a minus sign to take stock out"))
        }
    }
}

/// One line of a part's ledger.
public struct PartMovement: Codable, Sendable, Equatable {
    public var id: Int
    public var partId: Int
    public var orgUnitId: Int
    public var kind: PartMovementKind
    public var quantity: Int
    public var balanceAfter: Int
    public var reference: String
    public var note: String
    public var overridden: Bool
    public var actorLabel: String
    public var at: String
}
