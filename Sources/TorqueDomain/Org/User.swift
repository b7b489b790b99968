/// A person who signs in, as shown to others (never with the password hash).
public struct User: Codable, Sendable, Equatable {
    public var id: Int
    public var orgUnitId: Int
    public var login: String
    public var name: String
    public var email: String
    public var active: Bool
    public var createdAt: String
    public var updatedAt: String
    public var roles: [String] = []

    enum CodingKeys: String, CodingKey {
        case id, orgUnitId, login, name, email, active, createdAt, updatedAt, roles
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        orgUnitId = try c.decode(Int.self, forKey: .orgUnitId)
        login = try c.decode(String.self, forKey: .login)
        name = try c.decode(String.self, forKey: .name)
        email = try c.decode(String.self, forKey: .email)
        active = try c.decode(Bool.self, forKey: .active)
        createdAt = try c.decode(String.self, forKey: .createdAt)
        updatedAt = try c.decode(String.self, forKey: .updatedAt)
        roles = (try? c.decodeIfPresent([String].self, forKey: .roles)) ?? []
    }
}

/// A role: a named set of permissions.
public struct Role: Codable, Sendable, Equatable {
    public var id: Int
    public var key: String
    public var name: String
    public var builtIn: Bool
    public var permissions: [String]

    public init(id: Int, key: String, name: String, builtIn: Bool, permissions: [String]) {
        self.id = id; self.key = key; self.name = name; self.builtIn = builtIn; self.permissions = permissions
    }
}
