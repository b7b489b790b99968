import SQLKit

/// What the small transactions of one group share while they run: reads that every one of them
/// would repeat (a dealer's settings, its salespeople), made once per group.
public final class CommitGroup: @unchecked Sendable {
    // Used by one group's items one after the other, never at the same time.
    private var memo: [String: any Sendable] = [:]

    /// `make()`'s value under `key`, made the first time it is asked for in this group.
    public func memo<T: Sendable>(_ key: String, _ make: () async throws -> T) async throws -> T {
        if let value = memo[key] as? T { return value }
        let value = try await make()
        memo[key] = value
        return value
    }
}

/// Group commit: small write transactions arriving together (lead intake under load) run one
/// after the other inside one transaction, so they share its begin and commit and the reads
/// of `CommitGroup`. When any of them fails the group is rolled back and each is run again
/// alone, so a bad item fails only itself.
actor GroupCommit {
    private struct Item: Sendable {
        let body: @Sendable (any SQLDatabase, CommitGroup) async throws -> any Sendable
        let done: CheckedContinuation<any Sendable, any Error>
    }

    private var queue: [Item] = []
    private var draining = false
    /// Most items in one group: a failure re-runs at most this many alone.
    private let largest = 100

    func run<T: Sendable>(on db: Database, _ body: @escaping @Sendable (any SQLDatabase, CommitGroup) async throws -> T) async throws -> T {
        let value = try await withCheckedThrowingContinuation { (done: CheckedContinuation<any Sendable, any Error>) in
            queue.append(Item(body: { try await body($0, $1) }, done: done))
            if !draining {
                draining = true
                Task { await drain(db) }
            }
        }
        return value as! T
    }

    private func drain(_ db: Database) async {
        while !queue.isEmpty {
            let group = Array(queue.prefix(largest))
            queue.removeFirst(group.count)
            do {
                let values = try await db.transaction { tx in
                    let shared = CommitGroup()
                    var values: [any Sendable] = []
                    for item in group { values.append(try await item.body(tx, shared)) }
                    return values
                }
                for (item, value) in zip(group, values) { item.done.resume(returning: value) }
            } catch {
                guard group.count > 1 else { group[0].done.resume(throwing: error); continue }
                for item in group {
                    do { item.done.resume(returning: try await db.transaction { tx in try await item.body(tx, CommitGroup()) }) } catch { item.done.resume(throwing: error) }
                }
            }
        }
        draining = false
    }
}
