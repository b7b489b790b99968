import Foundation
import TorqueStore

/// Code that performs one kind of job. Handlers must be idempotent: a job may run twice
/// (a server can die after the work but before marking it done).
public protocol JobHandler: Sendable {
    var kind: String { get }
    func run(_ job: Job, services: AppServices) async throws
}

/// A job the worker schedules itself at a fixed interval; each slot is enqueued once
/// however many servers run, thanks to the unique key.
public struct RecurringJob: Sendable {
    public var kind: String
    public var every: TimeInterval

    public init(kind: String, every: TimeInterval) { self.kind = kind; self.every = every }

    public func uniqueKey(at date: Date) -> String {
        "\(kind)@\(Int(date.timeIntervalSince1970 / every))"
    }
}
