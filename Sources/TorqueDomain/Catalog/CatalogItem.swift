/// What a catalog item is; trims, engines and colours are chosen one each, the rest freely.
public enum CatalogItemKind: String, CaseIterable, Codable, Sendable {
    case trim, engine, colour, option, accessory, package

    public var label: String {
        switch self {
        case .trim: "trim"
        case .engine: "engine"
        case .colour: "colour"
        case .option: "option"
        case .accessory: "accessory"
        case .package: "package"
        }
    }

    /// A build holds exactly one trim, one engine and one colour.
    public var isSingleChoice: Bool { self == .trim || self == .engine || self == .colour }

    /// The order the configurator asks in.
    public static let steps: [CatalogItemKind] = [.trim, .engine, .colour, .package, .option, .accessory]
}

/// One choosable thing of a model (CAT-1), with the price of the list in force, if any.
public struct CatalogItem: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var kind: CatalogItemKind
    /// Price in minor units from the price list in force; nil when that list does not price it.
    public var price: Int?
    /// Technical detail shown beside the name ("110 kW diesel", "metallic").
    public var detail: String
    /// Availability as ISO days, `to` exclusive; empty means open.
    public var availableFrom: String
    public var availableTo: String

    public init(code: String, name: String, kind: CatalogItemKind, price: Int? = nil, detail: String = "", availableFrom: String = "", availableTo: String = "") {
        self.code = code
        self.name = name
        self.kind = kind
        self.price = price
        self.detail = detail
        self.availableFrom = availableFrom
        self.availableTo = availableTo
    }

    /// Whether it can be ordered on `day` (ISO date): inside its availability and priced.
    public func isOrderable(on day: String) -> Bool {
        price != nil && (availableFrom.isEmpty || availableFrom <= day) && (availableTo.isEmpty || day < availableTo)
    }
}
