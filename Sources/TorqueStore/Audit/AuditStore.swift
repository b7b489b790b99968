import Foundation
import SQLKit
import TorqueDomain

/// One entry of a record's history.
public struct AuditEvent: Codable, Sendable {
    public var id: Int
    public var orgUnitId: Int
    public var actorUserId: Int?
    public var actorLabel: String
    public var at: String
    public var action: String
    public var recordType: String
    public var recordId: Int
    public var beforeJson: String?
    public var afterJson: String?
}

/// Writes and reads the audit trail. Writes happen inside the caller's transaction.
public struct AuditStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    public static func record(
        on tx: any SQLDatabase, actor: Actor, action: String, recordType: String, recordID: Int, orgUnitID: Int,
        before: (any Encodable)?, after: (any Encodable)?
    ) async throws {
        let beforeJSON = try before.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        let afterJSON = try after.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        try await tx.raw("""
            INSERT INTO audit_events (org_unit_id, actor_user_id, actor_label, at, action, record_type, record_id, before_json, after_json)
            VALUES (\(bind: orgUnitID), \(bind: actor.userID), \(bind: actor.label), \(bind: Clock.nowString()), \(bind: action), \(bind: recordType), \(bind: recordID), \(bind: beforeJSON), \(bind: afterJSON))
            """).run()
    }

    /// Many entries of one action in multi-row inserts (a batch that changes thousands of records).
    static func recordMany(on tx: any SQLDatabase, actor: Actor, action: String, recordType: String, entries: [(recordID: Int, orgUnitID: Int, after: any Encodable)]) async throws {
        let at = Clock.nowString()
        let rows: [SQLQueryString] = try entries.map { e in
            let after = String(decoding: try encoder.encode(e.after), as: UTF8.self)
            return "(\(bind: e.orgUnitID), \(bind: actor.userID), \(bind: actor.label), \(bind: at), \(bind: action), \(bind: recordType), \(bind: e.recordID), NULL, \(bind: after))"
        }
        try await BatchInsert.run("INSERT INTO audit_events (org_unit_id, actor_user_id, actor_label, at, action, record_type, record_id, before_json, after_json) VALUES", rows, on: tx)
    }

    /// History of one record, newest first, limited to the caller's scope.
    public func history(recordType: String, recordID: Int, scope: Scope, limit: Int = 50, after cursor: Int? = nil) async throws -> Page<AuditEvent> {
        let rows = try await db.sql.raw("""
            SELECT * FROM audit_events
            WHERE record_type = \(bind: recordType) AND record_id = \(bind: recordID) AND \(scope.condition("org_unit_id"))
            \(unsafeRaw: cursor == nil ? "" : "AND id < \(cursor!)")
            ORDER BY id DESC LIMIT \(bind: limit + 1)
            """).all()
        let events = try rows.map { try $0.decode(model: AuditEvent.self, keyDecodingStrategy: .convertFromSnakeCase) }
        return Page(fetched: events, limit: limit, id: \.id)
    }
}
