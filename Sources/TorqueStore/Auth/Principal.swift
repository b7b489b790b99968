import Foundation
import TorqueDomain

/// Who is calling: a signed-in user or an API key, with their unit and permissions.
public struct Principal: Sendable {
    public var userID: Int?
    public var apiKeyID: Int?
    public var login: String
    public var name: String
    public var email: String
    public var orgUnitID: Int
    public var orgUnitPath: String
    public var orgUnitName: String
    /// The unit's time zone, used to show times to this caller.
    public var timeZone: String
    /// The unit's country, the default for phone numbers typed without +.
    public var country: String
    public var permissions: Set<String>
    public var roles: [String]
    /// The CSRF token of the browser session (nil for bearer tokens and API keys).
    public var csrfToken: String?
    public var tokenHash: String
    /// When the session or token ends (nil for API keys).
    public var expiresAt: Date? = nil

    public var scope: Scope { Scope(path: orgUnitPath) }
    public var actor: Actor { Actor(userID: userID, label: apiKeyID != nil ? "api key \(name)" : login) }
    public func can(_ permission: Permission) -> Bool { permissions.contains(permission.rawValue) }
}
