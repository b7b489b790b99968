import Foundation
import TorqueDomain
import TorqueStore

/// `torque demo --scale sales`: many generated opportunities (and a customer for every four)
/// at the dealers of Region North, for the pipeline benchmark in bench/. Deterministic.
public struct ScaledSales {
    let services: AppServices
    public init(services: AppServices) { self.services = services }

    public func load(opportunities: Int, progress: @escaping @Sendable (Int) -> Void) async throws {
        guard let region = try await services.orgUnits.findByCode("R-N") else { throw AppStartError("the demo network has no Region North") }
        let dealers = try await services.orgUnits.list(scope: Scope(path: region.path), filter: .init(kind: .dealer)).map(\.id)
        guard !dealers.isEmpty else { throw AppStartError("Region North has no dealers") }
        let stages = Pipeline.defaultStages
        // Where deals stand: mostly early stages, a tenth won and a tenth lost.
        let mix = [0, 0, 1, 1, 2, 2, 3, 3, 4, 5, 6]
        let today = Clock.today()
        let seed = SalesSeed(db: services.db)
        var written = 0
        let batch = 2_000
        while written < opportunities {
            let count = min(batch, opportunities - written)
            let unit = dealers[(written / batch) % dealers.count]
            let people = (0..<(count + 3) / 4).map { SyntheticCustomers.customer(80_000_000 + (written + $0 * 4)) }
            let ids: [Int] = try await services.db.transaction { tx in try await CustomerStore.insertBatch(people, unitID: unit, at: Clock.nowString(), on: tx) }
            let owners = try await services.leads.assignable(unitID: unit).map(\.id)
            var rows: [SalesSeed.Row] = []
            for k in 0..<count {
                let n = written + k
                let stage = stages[mix[n % mix.count]]
                let model = DemoCatalog.all[n % DemoCatalog.all.count]
                let deal = DemoPipeline.Deal(customer: 0, title: "\(model.input.name) for customer \(n)", stage: stage.code, valueMinor: 1_800_000 + (n * 7_919) % 4_200_000,
                                             stageDaysAgo: (n * 13) % 120, closeInDays: stage.outcome == .open ? 5 + n % 60 : 0,
                                             lostReason: stage.outcome == .lost ? "Chose another brand" : "")
                rows.append(SalesSeed.Row(customerID: ids[k / 4], ownerID: owners.isEmpty ? nil : owners[n % owners.count], deal: deal))
            }
            for start in stride(from: 0, to: rows.count, by: 500) {
                try await seed.opportunities(Array(rows[start..<min(start + 500, rows.count)]), unitID: unit, today: today, userName: "generated")
            }
            written += count
            progress(written)
        }
        try await services.db.sql.raw("ANALYZE").run()
    }
}
