import Foundation
import SQLKit
import TorqueDomain

/// Sessions, bearer tokens, API keys and failed-login counts. Only hashes of secrets are stored.
public struct AuthStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public enum TokenKind: String, Sendable { case session, bearer }

    public func createToken(kind: TokenKind, tokenHash: String, userID: Int, csrfToken: String, lifetime: TimeInterval) async throws {
        let now = Date()
        try await db.sql.raw("""
            INSERT INTO auth_tokens (kind, token_hash, user_id, csrf_token, created_at, expires_at)
            VALUES (\(bind: kind.rawValue), \(bind: tokenHash), \(bind: userID), \(bind: csrfToken), \(bind: Clock.string(now)), \(bind: Clock.string(now + lifetime)))
            """).run()
    }

    /// Moves a token's expiry to `until` (sessions slide while they are used).
    public func extendToken(tokenHash: String, until: Date) async throws {
        try await db.sql.raw("UPDATE auth_tokens SET expires_at = \(bind: Clock.string(until)) WHERE token_hash = \(bind: tokenHash)").run()
    }

    public func deleteToken(tokenHash: String) async throws {
        try await db.sql.raw("DELETE FROM auth_tokens WHERE token_hash = \(bind: tokenHash)").run()
    }

    /// The user behind a session or bearer token, if it exists, has not expired and the user is active.
    /// One query: this runs on every request.
    public func principal(tokenHash: String, kind: TokenKind) async throws -> Principal? {
        let d = db.dialect
        guard let row = try await db.sql.raw("""
            SELECT t.csrf_token, t.expires_at, u.id, u.login, u.name, u.email, o.id AS unit_id, o.path, o.name AS unit_name, o.time_zone, o.country,
              (SELECT \(unsafeRaw: d.commaList("rp.permission")) FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id WHERE ur.user_id = u.id) AS permissions,
              (SELECT \(unsafeRaw: d.commaList("r.key")) FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id) AS roles
            FROM auth_tokens t JOIN users u ON u.id = t.user_id JOIN org_units o ON o.id = u.org_unit_id
            WHERE t.token_hash = \(bind: tokenHash) AND t.kind = \(bind: kind.rawValue) AND t.expires_at > \(bind: Clock.nowString()) AND u.active = \(bind: true)
            """).first() else { return nil }
        return Principal(
            userID: try row.decode(column: "id", as: Int.self), apiKeyID: nil,
            login: try row.decode(column: "login", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            orgUnitID: try row.decode(column: "unit_id", as: Int.self),
            orgUnitPath: try row.decode(column: "path", as: String.self),
            orgUnitName: try row.decode(column: "unit_name", as: String.self),
            timeZone: try row.decode(column: "time_zone", as: String.self),
            country: try row.decode(column: "country", as: String.self),
            permissions: Self.split(try row.decode(column: "permissions", as: String?.self)),
            roles: Self.split(try row.decode(column: "roles", as: String?.self)).sorted(),
            csrfToken: kind == .session ? try row.decode(column: "csrf_token", as: String.self) : nil,
            tokenHash: tokenHash,
            expiresAt: Clock.date(try row.decode(column: "expires_at", as: String.self)))
    }

    static func split(_ list: String?) -> Set<String> {
        Set((list ?? "").split(separator: ",").map(String.init))
    }

    // MARK: failed logins

    /// Failed attempts for this login or from this address since `since`.
    public func recentFailures(login: String, ip: String, since: Date) async throws -> (login: Int, ip: Int) {
        let s = Clock.string(since)
        let row = try await db.sql.raw("""
            SELECT (SELECT COUNT(*) FROM login_failures WHERE login = \(bind: login) AND at > \(bind: s)) AS by_login,
                   (SELECT COUNT(*) FROM login_failures WHERE ip = \(bind: ip) AND at > \(bind: s)) AS by_ip
            """).first()!
        return (try row.decode(column: "by_login", as: Int.self), try row.decode(column: "by_ip", as: Int.self))
    }

    public func recordFailure(login: String, ip: String) async throws {
        try await db.sql.raw("INSERT INTO login_failures (login, ip, at) VALUES (\(bind: login), \(bind: ip), \(bind: Clock.nowString()))").run()
    }

    public func clearFailures(login: String) async throws {
        try await db.sql.raw("DELETE FROM login_failures WHERE login = \(bind: login)").run()
    }
}
