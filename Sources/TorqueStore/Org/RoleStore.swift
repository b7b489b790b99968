import SQLKit
import TorqueDomain

/// Roles and their permissions. Roles are network-wide configuration, not scoped records.
public struct RoleStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public func all() async throws -> [Role] {
        let roles = try await db.sql.raw("SELECT id, key, name, built_in FROM roles ORDER BY built_in DESC, name").all()
        let perms = try await db.sql.raw("SELECT role_id, permission FROM role_permissions ORDER BY permission").all()
        var byRole: [Int: [String]] = [:]
        for row in perms { byRole[try row.decode(column: "role_id", as: Int.self), default: []].append(try row.decode(column: "permission", as: String.self)) }
        return try roles.map { row in
            let id = try row.decode(column: "id", as: Int.self)
            return Role(id: id, key: try row.decode(column: "key", as: String.self), name: try row.decode(column: "name", as: String.self),
                        builtIn: try row.decode(column: "built_in", as: Bool.self), permissions: byRole[id] ?? [])
        }
    }

    public func get(_ id: Int) async throws -> Role {
        guard let role = try await all().first(where: { $0.id == id }) else { throw StoreError.notFound }
        return role
    }

    public func byKey(_ key: String) async throws -> Role? {
        try await all().first { $0.key == key }
    }

    /// Creates the built-in roles that are missing, and gives existing built-in roles the
    /// permissions a newer version added to them (built-in roles cannot be edited, so the code
    /// is their definition).
    public func installBuiltIns() async throws {
        try await db.transaction { tx in
            let now = Clock.nowString()
            for role in BuiltInRole.all {
                if let existing = try await tx.raw("SELECT id FROM roles WHERE key = \(bind: role.key) AND built_in = \(bind: true)").first() {
                    let id = try existing.decode(column: "id", as: Int.self)
                    for p in role.permissions {
                        try await tx.raw("INSERT INTO role_permissions (role_id, permission) VALUES (\(bind: id), \(bind: p.rawValue)) ON CONFLICT DO NOTHING").run()
                    }
                    continue
                }
                if try await tx.raw("SELECT id FROM roles WHERE key = \(bind: role.key)").first() != nil { continue }
                let id = try await tx.raw("INSERT INTO roles (key, name, built_in, created_at, updated_at) VALUES (\(bind: role.key), \(bind: role.name), \(bind: true), \(bind: now), \(bind: now)) RETURNING id").first()!.decode(column: "id", as: Int.self)
                for p in role.permissions {
                    try await tx.raw("INSERT INTO role_permissions (role_id, permission) VALUES (\(bind: id), \(bind: p.rawValue))").run()
                }
            }
        }
    }

    /// Creates or replaces a custom role. Built-in roles are fixed so upgrades can rely on them.
    public func save(id: Int?, key: String, name: String, permissions: Set<Permission>, actor: Actor, auditUnit: Int) async throws -> Role {
        let savedID: Int = try await db.transaction { tx in
            let now = Clock.nowString()
            var before: Role?
            let roleID: Int
            if let id {
                before = try await self.load(id, on: tx)
                guard let b = before else { throw StoreError.notFound }
                guard !b.builtIn else {
                    throw StoreError.invalid(ValidationErrors(["key": "built-in roles cannot be changed; copy one into a custom role"]))
                }
                if let other = try await tx.raw("SELECT id FROM roles WHERE key = \(bind: key)").first(), try other.decode(column: "id", as: Int.self) != id {
                    throw StoreError.conflict(field: "key", message: "is already used by another role")
                }
                try await tx.raw("UPDATE roles SET key = \(bind: key), name = \(bind: name), updated_at = \(bind: now) WHERE id = \(bind: id)").run()
                try await tx.raw("DELETE FROM role_permissions WHERE role_id = \(bind: id)").run()
                roleID = id
            } else {
                if try await tx.raw("SELECT id FROM roles WHERE key = \(bind: key)").first() != nil {
                    throw StoreError.conflict(field: "key", message: "is already used by another role")
                }
                roleID = try await tx.raw("INSERT INTO roles (key, name, built_in, created_at, updated_at) VALUES (\(bind: key), \(bind: name), \(bind: false), \(bind: now), \(bind: now)) RETURNING id").first()!.decode(column: "id", as: Int.self)
            }
            for p in permissions.sorted(by: { $0.rawValue < $1.rawValue }) {
                try await tx.raw("INSERT INTO role_permissions (role_id, permission) VALUES (\(bind: roleID), \(bind: p.rawValue))").run()
            }
            let after = try await self.load(roleID, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: id == nil ? "create" : "update", recordType: "role", recordID: roleID, orgUnitID: auditUnit, before: before, after: after)
            return roleID
        }
        return try await get(savedID)
    }

    /// Deletes a custom role nobody holds.
    public func delete(_ id: Int, actor: Actor, auditUnit: Int) async throws {
        try await db.transaction { tx in
            guard let before = try await self.load(id, on: tx) else { throw StoreError.notFound }
            if before.builtIn { throw StoreError.conflict(field: "id", message: "built-in roles cannot be deleted") }
            let holders = try await tx.raw("SELECT (SELECT COUNT(*) FROM user_roles WHERE role_id = \(bind: id)) + (SELECT COUNT(*) FROM api_keys WHERE role_id = \(bind: id) AND revoked_at IS NULL) AS n").first()!.decode(column: "n", as: Int.self)
            if holders > 0 { throw StoreError.conflict(field: "id", message: "this role is held by \(holders) user(s) or API key(s)") }
            try await tx.raw("DELETE FROM api_keys WHERE role_id = \(bind: id)").run()
            try await tx.raw("DELETE FROM roles WHERE id = \(bind: id)").run()
            try await AuditStore.record(on: tx, actor: actor, action: "delete", recordType: "role", recordID: id, orgUnitID: auditUnit, before: before, after: nil)
        }
    }

    func load(_ id: Int, on tx: any SQLDatabase) async throws -> Role? {
        guard let row = try await tx.raw("SELECT id, key, name, built_in FROM roles WHERE id = \(bind: id)").first() else { return nil }
        let perms = try await tx.raw("SELECT permission FROM role_permissions WHERE role_id = \(bind: id) ORDER BY permission").all().map { try $0.decode(column: "permission", as: String.self) }
        return Role(id: id, key: try row.decode(column: "key", as: String.self), name: try row.decode(column: "name", as: String.self), builtIn: try row.decode(column: "built_in", as: Bool.self), permissions: perms)
    }

    /// The union of permissions of the given roles.
    public static func permissions(roleIDs: [Int], on sql: any SQLDatabase) async throws -> Set<String> {
        guard !roleIDs.isEmpty else { return [] }
        let rows = try await sql.select().distinct().column("permission").from("role_permissions")
            .where(SQLIdentifier("role_id"), .in, SQLBind.group(roleIDs)).all()
        return Set(try rows.map { try $0.decode(column: "permission", as: String.self) })
    }
}
