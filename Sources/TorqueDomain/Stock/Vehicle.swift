/// Where a vehicle unit stands (STOCK-1); `delivered` means it is with its owner.
public enum VehicleStatus: String, CaseIterable, Codable, Sendable {
    case ordered, inTransit = "in_transit", inStock = "in_stock", reserved, sold, delivered

    public var label: String {
        switch self {
        case .ordered: "Ordered"
        case .inTransit: "In transit"
        case .inStock: "In stock"
        case .reserved: "Reserved"
        case .sold: "Sold"
        case .delivered: "Delivered"
        }
    }

    /// Counted as dealer stock: on the way, on the lot, or held for a customer.
    public var isStock: Bool { self == .inTransit || self == .inStock || self == .reserved }
}

/// What sort of unit it is (002: new, used, company cars; km-zero and demo are the dealer's own).
public enum VehicleKind: String, CaseIterable, Codable, Sendable {
    case new, used, kmZero = "km_zero", demo, company

    public var label: String {
        switch self {
        case .new: "New"
        case .used: "Used"
        case .kmZero: "Km-zero"
        case .demo: "Demo"
        case .company: "Company car"
        }
    }
}

/// One physical car, identified by its VIN, in stock or with its owner.
public struct Vehicle: Codable, Sendable, Equatable {
    public var id: Int
    public var orgUnitId: Int
    public var unitName: String?
    public var vin: String
    public var modelId: Int?
    public var make: String
    public var modelName: String
    public var modelYear: Int?
    public var trim: String
    public var engine: String
    public var colour: String
    public var options: String
    public var description: String
    public var status: VehicleStatus
    public var kind: VehicleKind
    public var location: String
    public var costMinor: Int
    public var priceMinor: Int
    public var currency: String
    public var mileageKm: Int
    public var plate: String
    public var inStockSince: String?
    public var customerId: Int?
    public var customerName: String?
    public var reservedOpportunityId: Int?
    public var reservedBy: Int?
    public var reservedByName: String?
    public var reservedAt: String?
    public var soldAt: String?
    public var createdAt: String
    public var updatedAt: String

    public var title: String { [make, modelName, modelYear.map(String.init) ?? ""].filter { !$0.isEmpty }.joined(separator: " ") }
    public var optionCodes: Set<String> { Set(options.split(separator: ",").map(String.init)) }
}

/// What registering or changing a vehicle takes.
public struct VehicleInput: Sendable, Equatable {
    public var vin: String
    public var modelId: Int?
    public var make: String
    public var modelName: String
    public var modelYear: Int?
    public var build: Build
    public var description: String
    public var status: VehicleStatus
    public var kind: VehicleKind
    public var location: String
    public var costMinor: Int
    public var priceMinor: Int
    public var mileageKm: Int
    public var plate: String
    public var inStockSince: String?
    public var customerId: Int?

    public init(vin: String, modelId: Int? = nil, make: String = "", modelName: String = "", modelYear: Int? = nil, build: Build = Build(), description: String = "",
                status: VehicleStatus = .inStock, kind: VehicleKind = .new, location: String = "", costMinor: Int = 0, priceMinor: Int = 0,
                mileageKm: Int = 0, plate: String = "", inStockSince: String? = nil, customerId: Int? = nil) {
        self.vin = vin; self.modelId = modelId; self.make = make; self.modelName = modelName; self.modelYear = modelYear; self.build = build
        self.description = description; self.status = status; self.kind = kind; self.location = location; self.costMinor = costMinor
        self.priceMinor = priceMinor; self.mileageKm = mileageKm; self.plate = plate; self.inStockSince = inStockSince; self.customerId = customerId
    }
}

/// Registration plates compared without spaces, dashes or case ("AB 123 CD" = "ab123cd").
public enum PlateKey {
    public static func of(_ plate: String) -> String {
        String(plate.uppercased().filter { $0.isLetter || $0.isNumber })
    }
}
