/// How one catalog item constrains others (CAT-2).
public enum RuleKind: String, CaseIterable, Codable, Sendable {
    /// The subject needs at least one of the targets in the build.
    case requires
    /// The subject cannot be in a build with any of the targets (both ways).
    case excludes
    /// The targets come with the subject at no charge (a trim's packages, a package's options).
    case includes

    public var label: String {
        switch self {
        case .requires: "requires"
        case .excludes: "excludes"
        case .includes: "includes"
        }
    }
}

/// One compatibility rule between items of a model, by item code.
public struct CompatibilityRule: Sendable, Equatable, Codable {
    public var kind: RuleKind
    public var subject: String
    public var targets: [String]

    public init(_ kind: RuleKind, _ subject: String, _ targets: [String]) {
        self.kind = kind
        self.subject = subject
        self.targets = targets
    }
}

/// The choices of one configured car: one trim, engine and colour, and any options.
public struct Build: Sendable, Equatable, Codable {
    public var trim: String
    public var engine: String
    public var colour: String
    public var options: Set<String>

    public init(trim: String = "", engine: String = "", colour: String = "", options: Set<String> = []) {
        self.trim = trim
        self.engine = engine
        self.colour = colour
        self.options = options
    }

    /// Every chosen code, single choices first.
    public var codes: [String] {
        [trim, engine, colour].filter { !$0.isEmpty } + options.sorted()
    }

    public func contains(_ code: String) -> Bool {
        trim == code || engine == code || colour == code || options.contains(code)
    }

    /// Puts `code` in, replacing the current choice of a single-choice kind.
    public mutating func choose(_ code: String, kind: CatalogItemKind) {
        switch kind {
        case .trim: trim = code
        case .engine: engine = code
        case .colour: colour = code
        default: options.insert(code)
        }
    }

    public mutating func remove(_ code: String) {
        if trim == code { trim = "" }
        if engine == code { engine = "" }
        if colour == code { colour = "" }
        options.remove(code)
    }
}
