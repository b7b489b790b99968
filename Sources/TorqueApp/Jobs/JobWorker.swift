import Foundation
import Logging
import ServiceLifecycle
import TorqueDomain
import TorqueStore

/// Runs due jobs inside `torque serve`. Polls the queue; on PostgreSQL several servers share it.
public struct JobWorker: Service {
    let services: AppServices
    let handlers: [String: any JobHandler]
    let recurring: [RecurringJob]
    let policy: RetryPolicy
    let name: String
    let pollInterval: Duration

    public init(services: AppServices, handlers: [any JobHandler]? = nil, recurring: [RecurringJob]? = nil, policy: RetryPolicy = RetryPolicy(), pollInterval: Duration = .seconds(1)) {
        self.services = services
        let all = handlers ?? JobWorker.standardHandlers
        self.handlers = Dictionary(all.map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })
        self.recurring = recurring ?? JobWorker.standardRecurring
        self.policy = policy
        self.name = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        self.pollInterval = pollInterval
    }

    public static let standardHandlers: [any JobHandler] = [DeliverOutboxMessage(), Housekeeping(), EscalateNeglectedLeads(), RunImport(), RefreshProfiles(), RunExport(), ServiceReminders(), RaiseSalesFlags(), WatchDefects()]
    public static let standardRecurring: [RecurringJob] = [RecurringJob(kind: Housekeeping.kindName, every: 3600), RecurringJob(kind: EscalateNeglectedLeads.kindName, every: 60),
                                                            RecurringJob(kind: RefreshProfiles.kindName, every: 300), RecurringJob(kind: ServiceReminders.kindName, every: 3600),
                                                            RecurringJob(kind: RaiseSalesFlags.kindName, every: 3600),
                                                            RecurringJob(kind: WatchDefects.kindName, every: 3600)]

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { _ = try await runOnce() } catch {
                    services.logger.error("job worker: \(error)")
                }
                try? await Task.sleep(for: pollInterval)
            }
        }
    }

    /// Schedules recurring jobs, then claims and runs what is due. Returns how many jobs ran.
    @discardableResult
    public func runOnce(now: Date = Date()) async throws -> Int {
        let store = services.jobs
        for r in recurring {
            try await store.enqueue(kind: r.kind, runAt: now, uniqueKey: r.uniqueKey(at: now))
        }
        try await store.releaseStale(olderThan: 600, now: now)
        let jobs = try await store.claim(worker: name, limit: 10, now: now)
        for job in jobs {
            guard let handler = handlers[job.kind] else {
                try await store.fail(job, error: "no handler for job kind '\(job.kind)'", policy: RetryPolicy(maxAttempts: 1), now: now)
                continue
            }
            do {
                try await handler.run(job, services: services)
                try await store.complete(job.id)
            } catch {
                let dead = try await store.fail(job, error: String(describing: error), policy: policy, now: now)
                services.logger.warning("job \(job.id) (\(job.kind)) failed\(dead ? " for the last time" : ""): \(error)")
            }
        }
        return jobs.count
    }
}
