import Foundation
import SQLKit
import TorqueDomain

/// An outgoing message (e-mail now; SMS and fax later) and what became of it.
public struct OutboxMessage: Codable, Sendable {
    public var id: Int
    public var orgUnitId: Int
    public var channel: String
    public var recipient: String
    public var subject: String
    public var body: String
    /// queued, sent, retrying, failed, or stored (kept here because no delivery is configured).
    public var state: String
    public var error: String?
    public var attempts: Int
    public var createdAt: String
    public var sentAt: String?
}

/// The outbox: every message is a row, delivered by the `outbox.deliver` job.
public struct OutboxStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public static let deliverJob = "outbox.deliver"

    static func decode(_ row: any SQLRow) throws -> OutboxMessage {
        try row.decode(model: OutboxMessage.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Queues a message and its delivery job in the caller's transaction, so neither exists without the other.
    @discardableResult
    public static func enqueue(on tx: any SQLDatabase, orgUnitID: Int, channel: String = "email", recipient: String, subject: String, body: String) async throws -> Int {
        let id = try await tx.raw("""
            INSERT INTO outbox_messages (org_unit_id, channel, recipient, subject, body, state, attempts, created_at)
            VALUES (\(bind: orgUnitID), \(bind: channel), \(bind: recipient), \(bind: subject), \(bind: body), 'queued', 0, \(bind: Clock.nowString()))
            RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
        try await JobStore.enqueue(on: tx, kind: deliverJob, payload: #"{"message_id":\#(id)}"#, uniqueKey: "outbox:\(id)")
        return id
    }

    public func get(_ id: Int, scope: Scope) async throws -> OutboxMessage {
        guard let row = try await db.sql.raw("SELECT * FROM outbox_messages WHERE id = \(bind: id) AND \(scope.condition("org_unit_id"))").first() else { throw StoreError.notFound }
        return try Self.decode(row)
    }

    public func list(scope: Scope, state: String? = nil, limit: Int = 50, afterID: Int? = nil) async throws -> Page<OutboxMessage> {
        var sql: SQLQueryString = "SELECT * FROM outbox_messages WHERE \(scope.condition("org_unit_id"))"
        if let state { sql = sql + " AND state = \(bind: state)" }
        if let afterID { sql = sql + " AND id < \(bind: afterID)" }
        sql = sql + " ORDER BY id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }

    public func mark(_ id: Int, state: String, error: String? = nil) async throws {
        let sentAt: String? = state == "sent" ? Clock.nowString() : nil
        try await db.sql.raw("""
            UPDATE outbox_messages SET state = \(bind: state), error = \(bind: error.map { String($0.prefix(2000)) }), attempts = attempts + \(unsafeRaw: state == "stored" ? "0" : "1"),
              sent_at = COALESCE(\(bind: sentAt), sent_at)
            WHERE id = \(bind: id)
            """).run()
    }
}
