import Foundation
import TorqueDomain
import TorqueStore

/// `torque demo --scale oem`: millions of generated customers with their timelines, spread over
/// the demo dealers, for the benchmarks in bench/. Deterministic: customer i is always the same.
public struct ScaledDemo {
    let services: AppServices
    public init(services: AppServices) { self.services = services }

    /// Writes `customers` customers with `events` timeline items each, in transactions of 5,000,
    /// then their profiles. Calls `progress` with the number written so far.
    public func load(customers: Int, events: Int, progress: @escaping @Sendable (Int) -> Void) async throws {
        let dealers = try await services.orgUnits.list(scope: .everything, filter: .init(kind: .dealer)).map(\.id)
        guard !dealers.isEmpty else { throw AppStartError("the demo network has no dealers") }
        let start = try await services.db.sql.raw("SELECT COALESCE(MAX(id), 0) AS n FROM customers").first()!.decode(column: "n", as: Int.self)
        let now = Date()
        let stamp = Clock.string(now)
        var written = 0
        while written < customers {
            let chunk = min(5000, customers - written)
            let first = start + written
            let created: [Int] = try await services.db.transaction { tx in
                var ids: [Int] = []
                for batchStart in stride(from: 0, to: chunk, by: 500) {
                    let indexes = (first + batchStart)..<(first + min(batchStart + 500, chunk))
                    // Consecutive customers go to the same dealer: a batch is one unit.
                    let unit = dealers[(indexes.lowerBound / 500) % dealers.count]
                    let batchIDs = try await CustomerStore.insertBatch(indexes.map(SyntheticCustomers.customer), unitID: unit, at: stamp, on: tx)
                    var items: [(customerID: Int, entry: TimelineEntry, at: String)] = []
                    for (i, cid) in zip(indexes, batchIDs) {
                        items += SyntheticCustomers.timeline(i, count: events, now: now).map { (cid, $0.entry, Clock.string($0.at)) }
                    }
                    try await TimelineStore.appendBatch(items, unitID: unit, userName: "demo", on: tx)
                    ids += batchIDs
                }
                return ids
            }
            for batch in stride(from: 0, to: created.count, by: 500) {
                try await services.profiles.refresh(Array(created[batch..<min(batch + 500, created.count)]), now: now)
            }
            written += chunk
            progress(written)
        }
        // Fresh statistics, or the planners of both databases guess wrong on the new volume.
        try await services.db.sql.raw("ANALYZE").run()
    }
}
