import Foundation
import SQLKit
import TorqueDomain

/// A unit of background work as stored in the `jobs` table.
public struct Job: Codable, Sendable {
    public var id: Int
    public var kind: String
    public var payload: String
    public var state: String
    public var runAt: String
    public var attempts: Int
    public var maxAttempts: Int
    public var lastError: String?
    public var lockedBy: String?
    public var lockedAt: String?
    public var uniqueKey: String?
    public var createdAt: String
    public var updatedAt: String
}

/// The job queue. Several servers may share it on PostgreSQL: claiming uses SKIP LOCKED.
/// States: queued → running → done, or back to queued with a later run_at, or dead.
public struct JobStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static func decode(_ row: any SQLRow) throws -> Job {
        try row.decode(model: Job.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Adds a job; with a `uniqueKey` a second enqueue of the same key does nothing (idempotent scheduling).
    @discardableResult
    public static func enqueue(on sql: any SQLDatabase, kind: String, payload: String = "{}", runAt: Date = Date(), maxAttempts: Int = 5, uniqueKey: String? = nil) async throws -> Int? {
        let now = Clock.nowString()
        return try await sql.raw("""
            INSERT INTO jobs (kind, payload, state, run_at, attempts, max_attempts, unique_key, created_at, updated_at)
            VALUES (\(bind: kind), \(bind: payload), 'queued', \(bind: Clock.string(runAt)), 0, \(bind: maxAttempts), \(bind: uniqueKey), \(bind: now), \(bind: now))
            ON CONFLICT (unique_key) DO NOTHING
            RETURNING id
            """).first()?.decode(column: "id", as: Int.self)
    }

    @discardableResult
    public func enqueue(kind: String, payload: String = "{}", runAt: Date = Date(), maxAttempts: Int = 5, uniqueKey: String? = nil) async throws -> Int? {
        try await Self.enqueue(on: db.sql, kind: kind, payload: payload, runAt: runAt, maxAttempts: maxAttempts, uniqueKey: uniqueKey)
    }

    /// Marks up to `limit` due jobs as running for `worker` and returns them.
    public func claim(worker: String, limit: Int = 10, now: Date = Date()) async throws -> [Job] {
        let skip = db.dialect.skipLocked
        return try await db.transaction { tx in
            try await tx.raw("""
                UPDATE jobs SET state = 'running', locked_by = \(bind: worker), locked_at = \(bind: Clock.string(now)), attempts = attempts + 1, updated_at = \(bind: Clock.string(now))
                WHERE id IN (SELECT id FROM jobs WHERE state = 'queued' AND run_at <= \(bind: Clock.string(now)) ORDER BY run_at, id LIMIT \(bind: limit)\(unsafeRaw: skip))
                RETURNING *
                """).all().map(Self.decode).sorted { $0.id < $1.id }
        }
    }

    public func complete(_ id: Int) async throws {
        try await db.sql.raw("UPDATE jobs SET state = 'done', locked_by = NULL, last_error = NULL, updated_at = \(bind: Clock.nowString()) WHERE id = \(bind: id)").run()
    }

    /// Records a failure: the job runs again after the policy's delay, or goes to the dead letters.
    /// Returns true when the job is now dead.
    @discardableResult
    public func fail(_ job: Job, error: String, policy: RetryPolicy, now: Date = Date()) async throws -> Bool {
        let p = RetryPolicy(maxAttempts: job.maxAttempts, baseSeconds: policy.baseSeconds, capSeconds: policy.capSeconds)
        let message = String(error.prefix(2000))
        if let delay = p.delayAfter(attempt: job.attempts) {
            try await db.sql.raw("""
                UPDATE jobs SET state = 'queued', locked_by = NULL, last_error = \(bind: message), run_at = \(bind: Clock.string(now + TimeInterval(delay))), updated_at = \(bind: Clock.string(now))
                WHERE id = \(bind: job.id)
                """).run()
            return false
        }
        try await db.sql.raw("UPDATE jobs SET state = 'dead', locked_by = NULL, last_error = \(bind: message), updated_at = \(bind: Clock.string(now)) WHERE id = \(bind: job.id)").run()
        return true
    }

    /// Puts a dead job back in the queue with a fresh set of attempts.
    public func retry(_ id: Int) async throws -> Job {
        try await db.sql.raw("UPDATE jobs SET state = 'queued', attempts = 0, run_at = \(bind: Clock.nowString()), updated_at = \(bind: Clock.nowString()) WHERE id = \(bind: id) AND state = 'dead'").run()
        return try await get(id)
    }

    public func get(_ id: Int) async throws -> Job {
        guard let row = try await db.sql.raw("SELECT * FROM jobs WHERE id = \(bind: id)").first() else { throw StoreError.notFound }
        return try Self.decode(row)
    }

    public func list(state: String?, limit: Int = 50, afterID: Int? = nil) async throws -> Page<Job> {
        var sql: SQLQueryString = "SELECT * FROM jobs WHERE 1 = 1"
        if let state { sql = sql + " AND state = \(bind: state)" }
        if let afterID { sql = sql + " AND id < \(bind: afterID)" }
        sql = sql + " ORDER BY id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }

    public func counts() async throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try await db.sql.raw("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state").all() {
            result[try row.decode(column: "state", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return result
    }

    /// Jobs left running by a server that died are handed back to the queue.
    public func releaseStale(olderThan seconds: TimeInterval, now: Date = Date()) async throws {
        try await db.sql.raw("UPDATE jobs SET state = 'queued', locked_by = NULL WHERE state = 'running' AND locked_at < \(bind: Clock.string(now - seconds))").run()
    }

    /// Housekeeping: finished jobs older than `days` days are removed.
    public func purgeDone(olderThanDays days: Int, now: Date = Date()) async throws {
        try await db.sql.raw("DELETE FROM jobs WHERE state = 'done' AND updated_at < \(bind: Clock.string(now - TimeInterval(days * 86400)))").run()
    }
}
