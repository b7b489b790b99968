import Foundation
import SQLKit
import TorqueDomain

/// An integration's API key as listed (the secret itself is shown once, at creation).
public struct ApiKey: Codable, Sendable {
    public var id: Int
    public var orgUnitId: Int
    public var name: String
    public var prefix: String
    public var roleId: Int
    public var createdBy: Int?
    public var createdAt: String
    public var revokedAt: String?
    public var lastUsedAt: String?
}

/// Named API keys that act with one role inside one org unit (INT-2).
public struct ApiKeyStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static func decode(_ row: any SQLRow) throws -> ApiKey {
        try row.decode(model: ApiKey.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    static let columns = "id, org_unit_id, name, prefix, role_id, created_by, created_at, revoked_at, last_used_at"

    public func list(scope: Scope) async throws -> [ApiKey] {
        try await db.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM api_keys WHERE \(scope.condition("org_unit_id")) ORDER BY id DESC").all().map(Self.decode)
    }

    public func get(_ id: Int, scope: Scope) async throws -> ApiKey {
        guard let row = try await db.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM api_keys WHERE id = \(bind: id) AND \(scope.condition("org_unit_id"))").first() else {
            throw StoreError.notFound
        }
        return try Self.decode(row)
    }

    public func create(name: String, orgUnitID: Int, roleID: Int, prefix: String, tokenHash: String, scope: Scope, actor: Actor) async throws -> ApiKey {
        try await db.transaction { tx in
            _ = try await OrgUnitStore.getOrInvalid(orgUnitID, field: "org_unit_id", scope: scope, on: tx)
            if try await tx.raw("SELECT id FROM roles WHERE id = \(bind: roleID)").first() == nil {
                throw StoreError.invalid(ValidationErrors(["role_id": "is not a role"]))
            }
            let id = try await tx.raw("""
                INSERT INTO api_keys (org_unit_id, name, prefix, token_hash, role_id, created_by, created_at)
                VALUES (\(bind: orgUnitID), \(bind: name), \(bind: prefix), \(bind: tokenHash), \(bind: roleID), \(bind: actor.userID), \(bind: Clock.nowString()))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            let key = try Self.decode(try await tx.raw("SELECT \(unsafeRaw: Self.columns) FROM api_keys WHERE id = \(bind: id)").first()!)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "api_key", recordID: id, orgUnitID: orgUnitID, before: nil, after: key)
            return key
        }
    }

    public func revoke(_ id: Int, scope: Scope, actor: Actor) async throws -> ApiKey {
        try await db.transaction { tx in
            guard let row = try await tx.raw("SELECT \(unsafeRaw: Self.columns) FROM api_keys WHERE id = \(bind: id) AND \(scope.condition("org_unit_id"))").first() else {
                throw StoreError.notFound
            }
            let before = try Self.decode(row)
            if before.revokedAt != nil { return before }
            try await tx.raw("UPDATE api_keys SET revoked_at = \(bind: Clock.nowString()) WHERE id = \(bind: id)").run()
            let after = try Self.decode(try await tx.raw("SELECT \(unsafeRaw: Self.columns) FROM api_keys WHERE id = \(bind: id)").first()!)
            try await AuditStore.record(on: tx, actor: actor, action: "revoke", recordType: "api_key", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
            return after
        }
    }

    /// The principal an unrevoked key acts as. One query per call, plus a write at most once a minute.
    public func principal(tokenHash: String) async throws -> Principal? {
        guard let row = try await db.sql.raw("""
            SELECT k.id, k.name, k.last_used_at, r.key AS role_key, o.id AS unit_id, o.path, o.name AS unit_name, o.time_zone, o.country,
              (SELECT \(unsafeRaw: db.dialect.commaList("rp.permission")) FROM role_permissions rp WHERE rp.role_id = k.role_id) AS permissions
            FROM api_keys k JOIN org_units o ON o.id = k.org_unit_id JOIN roles r ON r.id = k.role_id
            WHERE k.token_hash = \(bind: tokenHash) AND k.revoked_at IS NULL
            """).first() else { return nil }
        let id = try row.decode(column: "id", as: Int.self)
        let now = Clock.nowString()
        // Last use is kept to the minute so a busy integration does not write on every call.
        if (try row.decode(column: "last_used_at", as: String?.self))?.prefix(16) != now.prefix(16) {
            try await db.sql.raw("UPDATE api_keys SET last_used_at = \(bind: now) WHERE id = \(bind: id)").run()
        }
        let name = try row.decode(column: "name", as: String.self)
        return Principal(
            userID: nil, apiKeyID: id, login: "apikey:\(id)", name: name, email: "",
            orgUnitID: try row.decode(column: "unit_id", as: Int.self),
            orgUnitPath: try row.decode(column: "path", as: String.self),
            orgUnitName: try row.decode(column: "unit_name", as: String.self),
            timeZone: try row.decode(column: "time_zone", as: String.self),
            country: try row.decode(column: "country", as: String.self),
            permissions: AuthStore.split(try row.decode(column: "permissions", as: String?.self)),
            roles: [try row.decode(column: "role_key", as: String.self)],
            csrfToken: nil, tokenHash: tokenHash)
    }
}
