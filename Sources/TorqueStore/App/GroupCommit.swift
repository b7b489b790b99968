import SQLKit

/// Group commit: small writes of one kind arriving together (lead intake under load) are applied
/// together inside one transaction, set-based, so they share its begin and commit and one
/// statement does the work of many. When a group fails it is rolled back and each of its items
/// is applied again alone, so a bad item fails only itself.
actor GroupCommit {
    private struct Item: Sendable {
        let kind: String
        let input: any Sendable
        let apply: @Sendable ([any Sendable], any SQLDatabase) async throws -> [any Sendable]
        let done: CheckedContinuation<any Sendable, any Error>
    }

    private var queue: [Item] = []
    private var draining = false
    /// Most items in one group: a failure re-runs at most this many alone.
    private let largest = 100

    /// Applies `input` with the other inputs of `kind` waiting meanwhile; `apply` answers one
    /// output per input, in their order.
    func run<Input: Sendable, Output: Sendable>(
        _ input: Input, kind: String, on db: Database, apply: @escaping @Sendable ([Input], any SQLDatabase) async throws -> [Output]
    ) async throws -> Output {
        let erased: @Sendable ([any Sendable], any SQLDatabase) async throws -> [any Sendable] = { inputs, tx in
            try await apply(inputs.map { $0 as! Input }, tx)
        }
        let value = try await withCheckedThrowingContinuation { (done: CheckedContinuation<any Sendable, any Error>) in
            queue.append(Item(kind: kind, input: input, apply: erased, done: done))
            if !draining {
                draining = true
                Task { await drain(db) }
            }
        }
        return value as! Output
    }

    private func drain(_ db: Database) async {
        while !queue.isEmpty {
            // The oldest item's kind, with every waiting item of that kind.
            let kind = queue[0].kind
            var taken: [Item] = []
            var rest: [Item] = []
            for item in queue {
                if item.kind == kind && taken.count < largest { taken.append(item) } else { rest.append(item) }
            }
            queue = rest
            let group = taken
            do {
                let values = try await db.transaction { tx in try await Self.apply(group, on: tx) }
                for (item, value) in zip(group, values) { item.done.resume(returning: value) }
            } catch {
                guard group.count > 1 else { group[0].done.resume(throwing: error); continue }
                for item in group {
                    do { item.done.resume(returning: try await db.transaction { tx in try await Self.apply([item], on: tx)[0] }) } catch { item.done.resume(throwing: error) }
                }
            }
        }
        draining = false
    }

    private static func apply(_ group: [Item], on tx: any SQLDatabase) async throws -> [any Sendable] {
        let values = try await group[0].apply(group.map(\.input), tx)
        precondition(values.count == group.count, "a grouped write answers one output per input")
        return values
    }
}
