import SQLKit
import TorqueDomain

/// The editable fields of a user, already validated.
public struct UserInput: Sendable {
    public var orgUnitId: Int
    public var login: String
    public var name: String
    public var email: String
    public var roleIds: [Int]
    public var active: Bool
    public init(orgUnitId: Int, login: String, name: String, email: String, roleIds: [Int], active: Bool) {
        self.orgUnitId = orgUnitId; self.login = login; self.name = name; self.email = email; self.roleIds = roleIds; self.active = active
    }
}

/// People who sign in. Listing and editing are limited to the caller's scope.
public struct UserStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// List order: a column and a direction; the id breaks ties so keyset paging stays exact.
    public struct Sort: Sendable, Equatable {
        public static let fields = ["id", "name", "login", "created_at"]
        public var field: String
        public var descending: Bool
        public init(field: String = "id", descending: Bool = false) { self.field = field; self.descending = descending }

        /// Parses `name` / `-name`; nil for anything not in `fields`.
        public init?(_ text: String) {
            let desc = text.hasPrefix("-")
            let f = desc ? String(text.dropFirst()) : text
            guard Self.fields.contains(f) else { return nil }
            self.init(field: f, descending: desc)
        }
    }

    public struct Filter: Sendable {
        public var query: String?
        public var orgUnitId: Int?
        public var active: Bool?
        public init(query: String? = nil, orgUnitId: Int? = nil, active: Bool? = nil) {
            self.query = query; self.orgUnitId = orgUnitId; self.active = active
        }
    }

    static let columns = "u.id, u.org_unit_id, u.login, u.name, u.email, u.active, u.created_at, u.updated_at"

    public func list(scope: Scope, filter: Filter = Filter(), sort: Sort = Sort(), limit: Int = 50, afterID: Int? = nil) async throws -> Page<User> {
        var sql: SQLQueryString = "SELECT \(unsafeRaw: Self.columns) FROM users u WHERE \(scope.condition("u.org_unit_id"))"
        if let q = filter.query?.lowercased(), !q.isEmpty {
            sql = sql + " AND (LOWER(u.name) LIKE \(bind: "%" + q + "%") OR u.login LIKE \(bind: "%" + q + "%") OR u.email LIKE \(bind: "%" + q + "%"))"
        }
        if let unit = filter.orgUnitId { sql = sql + " AND u.org_unit_id = \(bind: unit)" }
        if let active = filter.active { sql = sql + " AND u.active = \(bind: active)" }
        // `sort.field` is one of Sort.fields, so it is safe to place in the SQL text.
        let column = "u." + sort.field, op = sort.descending ? "<" : ">", dir = sort.descending ? "DESC" : "ASC"
        if let afterID {
            sql = sql + " AND (\(unsafeRaw: column), u.id) \(unsafeRaw: op) (SELECT \(unsafeRaw: sort.field), id FROM users WHERE id = \(bind: afterID))"
        }
        sql = sql + " ORDER BY \(unsafeRaw: column) \(unsafeRaw: dir), u.id \(unsafeRaw: dir) LIMIT \(bind: limit + 1)"
        let users = try await withRoles(try await db.sql.raw(sql).all().map(Self.decode), on: db.sql)
        return Page(fetched: users, limit: limit, id: \.id)
    }

    static func decode(_ row: any SQLRow) throws -> User {
        try row.decode(model: User.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Fills in role keys for a batch of users with one query.
    func withRoles(_ users: [User], on sql: any SQLDatabase) async throws -> [User] {
        guard !users.isEmpty else { return users }
        let rows = try await sql.raw("SELECT ur.user_id, r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id IN \(SQLBind.group(users.map(\.id))) ORDER BY r.key").all()
        var byUser: [Int: [String]] = [:]
        for row in rows { byUser[try row.decode(column: "user_id", as: Int.self), default: []].append(try row.decode(column: "key", as: String.self)) }
        return users.map { var u = $0; u.roles = byUser[u.id] ?? []; return u }
    }

    public func get(_ id: Int, scope: Scope) async throws -> User {
        try await get(id, scope: scope, on: db.sql)
    }

    func get(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> User {
        guard let row = try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM users u WHERE u.id = \(bind: id) AND \(scope.condition("u.org_unit_id"))").first() else {
            throw StoreError.notFound
        }
        return try await withRoles([Self.decode(row)], on: sql)[0]
    }

    public func byLogin(_ login: String) async throws -> User? {
        guard let row = try await db.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM users u WHERE u.login = \(bind: login.lowercased())").first() else { return nil }
        return try await withRoles([Self.decode(row)], on: db.sql)[0]
    }

    public func count() async throws -> Int {
        try await db.sql.raw("SELECT COUNT(*) AS n FROM users").first()!.decode(column: "n", as: Int.self)
    }

    /// Login lookup for authentication: the stored hash and whether the account may sign in.
    public func credentials(login: String) async throws -> (id: Int, hash: String, active: Bool)? {
        guard let row = try await db.sql.raw("SELECT id, password_hash, active FROM users WHERE login = \(bind: login.lowercased())").first() else { return nil }
        return (try row.decode(column: "id", as: Int.self), try row.decode(column: "password_hash", as: String.self), try row.decode(column: "active", as: Bool.self))
    }

    public func passwordHash(userID: Int) async throws -> String {
        guard let row = try await db.sql.raw("SELECT password_hash FROM users WHERE id = \(bind: userID)").first() else { throw StoreError.notFound }
        return try row.decode(column: "password_hash", as: String.self)
    }

    public func create(_ input: UserInput, passwordHash: String, scope: Scope, actor: Actor) async throws -> User {
        try await db.transaction { tx in
            try await self.checkReferences(input, scope: scope, on: tx)
            if try await tx.raw("SELECT id FROM users WHERE login = \(bind: input.login)").first() != nil {
                throw StoreError.conflict(field: "login", message: "is already taken")
            }
            let now = Clock.nowString()
            let id = try await tx.raw("""
                INSERT INTO users (org_unit_id, login, name, email, password_hash, active, created_at, updated_at)
                VALUES (\(bind: input.orgUnitId), \(bind: input.login), \(bind: input.name), \(bind: input.email), \(bind: passwordHash), \(bind: input.active), \(bind: now), \(bind: now))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            try await self.setRoles(id, input.roleIds, on: tx)
            let user = try await self.get(id, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "user", recordID: id, orgUnitID: input.orgUnitId, before: nil, after: user)
            return user
        }
    }

    public func update(_ id: Int, _ input: UserInput, scope: Scope, actor: Actor) async throws -> User {
        try await db.transaction { tx in
            let before = try await self.get(id, scope: scope, on: tx)
            try await self.checkReferences(input, scope: scope, on: tx)
            if let other = try await tx.raw("SELECT id FROM users WHERE login = \(bind: input.login)").first(), try other.decode(column: "id", as: Int.self) != id {
                throw StoreError.conflict(field: "login", message: "is already taken")
            }
            try await tx.raw("""
                UPDATE users SET org_unit_id = \(bind: input.orgUnitId), login = \(bind: input.login), name = \(bind: input.name), email = \(bind: input.email),
                  active = \(bind: input.active), updated_at = \(bind: Clock.nowString()) WHERE id = \(bind: id)
                """).run()
            try await tx.raw("DELETE FROM user_roles WHERE user_id = \(bind: id)").run()
            try await self.setRoles(id, input.roleIds, on: tx)
            if !input.active {
                try await tx.raw("DELETE FROM auth_tokens WHERE user_id = \(bind: id)").run()
            }
            let after = try await self.get(id, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "update", recordType: "user", recordID: id, orgUnitID: input.orgUnitId, before: before, after: after)
            return after
        }
    }

    /// Replaces the password hash and signs the user out everywhere except `keepToken`.
    public func setPassword(_ id: Int, hash: String, scope: Scope, actor: Actor, keepTokenHash: String? = nil) async throws {
        try await db.transaction { tx in
            let user = try await self.get(id, scope: scope, on: tx)
            try await tx.raw("UPDATE users SET password_hash = \(bind: hash), updated_at = \(bind: Clock.nowString()) WHERE id = \(bind: id)").run()
            try await tx.raw("DELETE FROM auth_tokens WHERE user_id = \(bind: id) AND token_hash <> \(bind: keepTokenHash ?? "")").run()
            try await AuditStore.record(on: tx, actor: actor, action: "password_change", recordType: "user", recordID: id, orgUnitID: user.orgUnitId, before: nil, after: ["password": "changed"])
        }
    }

    func checkReferences(_ input: UserInput, scope: Scope, on tx: any SQLDatabase) async throws {
        _ = try await OrgUnitStore.getOrInvalid(input.orgUnitId, field: "org_unit_id", scope: scope, on: tx)
        if input.roleIds.isEmpty { throw StoreError.invalid(ValidationErrors(["roles": "choose at least one role"])) }
        let found = try await tx.select().column("id").from("roles").where(SQLIdentifier("id"), .in, SQLBind.group(input.roleIds)).all().count
        if found != Set(input.roleIds).count { throw StoreError.invalid(ValidationErrors(["roles": "contains a role that does not exist"])) }
    }

    func setRoles(_ userID: Int, _ roleIDs: [Int], on tx: any SQLDatabase) async throws {
        for roleID in Set(roleIDs).sorted() {
            try await tx.raw("INSERT INTO user_roles (user_id, role_id) VALUES (\(bind: userID), \(bind: roleID))").run()
        }
    }
}
