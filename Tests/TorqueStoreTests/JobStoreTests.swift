import Foundation
import TorqueDomain
import TorqueStore
import TorqueTestSupport
import XCTest

final class JobStoreTests: XCTestCase {
    func testUniqueKeyMakesSchedulingIdempotent() async throws {
        try await TestDatabases.each { db in
            let store = JobStore(db: db)
            let first = try await store.enqueue(kind: "report", uniqueKey: "report@42")
            let second = try await store.enqueue(kind: "report", uniqueKey: "report@42")
            XCTAssertNotNil(first)
            XCTAssertNil(second)
            let counts = try await store.counts()
            XCTAssertEqual(counts["queued"], 1)
        }
    }

    func testClaimTakesOnlyDueJobsAndNeverTheSameTwice() async throws {
        try await TestDatabases.each { db in
            let store = JobStore(db: db)
            let now = Date()
            try await store.enqueue(kind: "a", runAt: now - 10)
            try await store.enqueue(kind: "later", runAt: now + 3600)
            let claimed = try await store.claim(worker: "w1", now: now)
            XCTAssertEqual(claimed.map(\.kind), ["a"])
            XCTAssertEqual(claimed.first?.attempts, 1)
            XCTAssertEqual(claimed.first?.state, "running")
            let again = try await store.claim(worker: "w2", now: now)
            XCTAssertTrue(again.isEmpty)
        }
    }

    func testFailuresBackOffThenDieThenCanBeRetried() async throws {
        try await TestDatabases.each { db in
            let store = JobStore(db: db)
            let policy = RetryPolicy(maxAttempts: 2, baseSeconds: 60, capSeconds: 600)
            var now = Date()
            let id = try await store.enqueue(kind: "flaky", runAt: now, maxAttempts: 2)!
            var job = try await store.claim(worker: "w", now: now)[0]
            let dead1 = try await store.fail(job, error: "timeout", policy: policy, now: now)
            XCTAssertFalse(dead1)
            let retried = try await store.get(id)
            XCTAssertEqual(retried.state, "queued")
            XCTAssertEqual(retried.lastError, "timeout")
            XCTAssertEqual(retried.runAt, Clock.string(now + 60))
            let tooEarly = try await store.claim(worker: "w", now: now + 30)
            XCTAssertTrue(tooEarly.isEmpty)
            now += 61
            job = try await store.claim(worker: "w", now: now)[0]
            let dead2 = try await store.fail(job, error: "timeout again", policy: policy, now: now)
            XCTAssertTrue(dead2)
            let deadList = try await store.list(state: "dead")
            XCTAssertEqual(deadList.items.map(\.id), [id])
            let back = try await store.retry(id)
            XCTAssertEqual(back.state, "queued")
            XCTAssertEqual(back.attempts, 0)
        }
    }

    func testStaleRunningJobsReturnToTheQueue() async throws {
        try await TestDatabases.each { db in
            let store = JobStore(db: db)
            let now = Date()
            let id = try await store.enqueue(kind: "a", runAt: now - 5)!
            _ = try await store.claim(worker: "dead-server", now: now - 3600)
            try await store.releaseStale(olderThan: 600, now: now)
            let job = try await store.get(id)
            XCTAssertEqual(job.state, "queued")
        }
    }
}
