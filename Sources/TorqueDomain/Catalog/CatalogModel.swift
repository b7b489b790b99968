/// A model of a make for one model year (CAT-1): what the configurator starts from.
public struct CatalogModel: Codable, Sendable, Equatable {
    public var id: Int
    public var orgUnitId: Int
    public var code: String
    public var make: String
    public var name: String
    public var modelYear: Int
    public var bodyStyle: String
    /// VIN positions 4–5 of this model's cars, so a decoded VIN names the model.
    public var vinDescriptor: String
    public var currency: String
    public var availableFrom: String
    public var availableTo: String
    public var createdAt: String
    public var updatedAt: String

    public var title: String { "\(make) \(name) \(modelYear)" }
}

/// What a new model needs.
public struct CatalogModelInput: Sendable, Equatable {
    public var code: String
    public var make: String
    public var name: String
    public var modelYear: Int
    public var bodyStyle: String
    public var vinDescriptor: String
    public var currency: String
    public init(code: String, make: String, name: String, modelYear: Int, bodyStyle: String, vinDescriptor: String = "", currency: String = "EUR") {
        self.code = code; self.make = make; self.name = name; self.modelYear = modelYear
        self.bodyStyle = bodyStyle; self.vinDescriptor = vinDescriptor; self.currency = currency
    }
}

/// One version of the prices (CAT-5), in force from `validFrom` until `validTo` (exclusive) or
/// until the next list.
public struct PriceList: Codable, Sendable, Equatable {
    public var id: Int
    public var orgUnitId: Int
    public var name: String
    public var currency: String
    public var validFrom: String
    public var validTo: String
    public var itemCount: Int
    public var importedAt: String
    public var importedBy: String

    public var period: PricePeriod { PricePeriod(from: validFrom, to: validTo) }
    public func isInForce(on day: String) -> Bool { validFrom <= day && (validTo.isEmpty || day < validTo) }
}
