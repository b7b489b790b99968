import SQLKit

/// The part of the network a caller may see: their unit's path and everything under it.
public struct Scope: Sendable, Equatable {
    public let path: String
    public init(path: String) { self.path = path }

    /// The whole network; for the CLI and background jobs, never for a request.
    public static let everything = Scope(path: "/")

    /// Whether every unit is in scope: the network's root (one unit, "/1/") or `everything`.
    public var coversNetwork: Bool { path.split(separator: "/").count <= 1 }

    /// SQL condition limiting `column` (an org unit id) to this scope.
    public func condition(_ column: String) -> SQLQueryString {
        "\(unsafeRaw: column) IN (SELECT id FROM org_units WHERE path LIKE \(bind: path + "%"))"
    }

    /// Like `condition`, and also the units above the caller's: for what the network shares
    /// downwards, such as the manufacturer's catalog and price lists.
    public func inheritedCondition(_ column: String) -> SQLQueryString {
        "\(unsafeRaw: column) IN (SELECT id FROM org_units WHERE path LIKE \(bind: path + "%") OR \(bind: path) LIKE path || '%')"
    }
}

/// Who made a change, as written into the audit trail.
public struct Actor: Sendable, Equatable {
    public var userID: Int?
    public var label: String
    public init(userID: Int?, label: String) { self.userID = userID; self.label = label }
    public static let system = Actor(userID: nil, label: "system")
}
