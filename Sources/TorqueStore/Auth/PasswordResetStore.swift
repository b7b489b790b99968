import Foundation
import SQLKit
import TorqueDomain

/// One-time password-reset links, sent by e-mail through the outbox.
public struct PasswordResetStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// Stores the link's hash and queues the e-mail in one transaction.
    public func create(userID: Int, orgUnitID: Int, tokenHash: String, lifetime: TimeInterval, email: String, subject: String, body: String) async throws {
        try await db.transaction { tx in
            try await tx.raw("""
                INSERT INTO password_resets (user_id, token_hash, expires_at) VALUES (\(bind: userID), \(bind: tokenHash), \(bind: Clock.string(Date() + lifetime)))
                """).run()
            try await OutboxStore.enqueue(on: tx, orgUnitID: orgUnitID, recipient: email, subject: subject, body: body)
        }
    }

    /// The user a valid, unused, unexpired link belongs to.
    public func userID(tokenHash: String) async throws -> Int? {
        try await db.sql.raw("""
            SELECT r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id
            WHERE r.token_hash = \(bind: tokenHash) AND r.used_at IS NULL AND r.expires_at > \(bind: Clock.nowString()) AND u.active = \(bind: true)
            """).first()?.decode(column: "user_id", as: Int.self)
    }

    /// Sets the new password and spends the link, all or nothing. False when the link is no longer valid.
    public func consume(tokenHash: String, passwordHash: String) async throws -> Bool {
        try await db.transaction { tx in
            guard let row = try await tx.raw("""
                SELECT user_id FROM password_resets WHERE token_hash = \(bind: tokenHash) AND used_at IS NULL AND expires_at > \(bind: Clock.nowString())
                """).first() else { return false }
            let userID = try row.decode(column: "user_id", as: Int.self)
            let now = Clock.nowString()
            try await tx.raw("UPDATE password_resets SET used_at = \(bind: now) WHERE token_hash = \(bind: tokenHash)").run()
            try await tx.raw("UPDATE users SET password_hash = \(bind: passwordHash), updated_at = \(bind: now) WHERE id = \(bind: userID)").run()
            try await tx.raw("DELETE FROM auth_tokens WHERE user_id = \(bind: userID)").run()
            let unit = try await tx.raw("SELECT org_unit_id FROM users WHERE id = \(bind: userID)").first()!.decode(column: "org_unit_id", as: Int.self)
            try await AuditStore.record(on: tx, actor: Actor(userID: userID, label: "password reset link"), action: "password_reset", recordType: "user", recordID: userID, orgUnitID: unit, before: nil, after: ["password": "reset by e-mail link"])
            return true
        }
    }
}
