/// When a failed job runs again: exponential backoff, capped, then the dead-letter state.
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var baseSeconds: Int
    public var capSeconds: Int

    public init(maxAttempts: Int = 5, baseSeconds: Int = 30, capSeconds: Int = 3600) {
        self.maxAttempts = maxAttempts
        self.baseSeconds = baseSeconds
        self.capSeconds = capSeconds
    }

    /// Seconds to wait after failed attempt number `attempt` (1-based), or nil when the job is dead.
    public func delayAfter(attempt: Int) -> Int? {
        guard attempt < maxAttempts else { return nil }
        let exponent = min(attempt - 1, 20)
        return min(capSeconds, baseSeconds << exponent)
    }
}
