import Foundation
import Hummingbird
import TorqueStore

/// Recently resolved callers by token hash, for a few seconds, so a busy API client does not
/// cost a database query per request. Any successful change to people, roles, keys, units or
/// sessions made through this process clears it at once; another process sees such a change
/// after at most `lifetime` (see docs/decisions/0002).
final class PrincipalCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (principal: Principal, until: ContinuousClock.Instant)] = [:]
    let lifetime: Duration
    let capacity: Int

    init(lifetime: Duration = .seconds(5), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func get(_ key: String) -> Principal? {
        lock.lock(); defer { lock.unlock() }
        guard let entry = entries[key] else { return nil }
        if entry.until < .now { entries[key] = nil; return nil }
        return entry.principal
    }

    func put(_ key: String, _ principal: Principal) {
        guard lifetime > .zero else { return }
        lock.lock(); defer { lock.unlock() }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = (principal, .now + lifetime)
    }

    func removeAll() {
        lock.lock(); defer { lock.unlock() }
        entries.removeAll()
    }

    /// Requests after which cached callers may be wrong: anything that writes identities or scope.
    static func invalidates(_ request: Request) -> Bool {
        guard ![.get, .head, .options].contains(request.method) else { return false }
        let path = request.uri.path
        return ["/admin/", "/api/v1/users", "/api/v1/roles", "/api/v1/api-keys", "/api/v1/org-units", "/api/v1/auth", "/logout", "/account/", "/password/"]
            .contains { path.hasPrefix($0) }
    }
}
