import TorqueDomain
import TorqueStore

/// The demo's people and deals (`serve --demo`, `torque demo`): a dozen customers per dealer
/// and a pipeline with something in every stage. Tests start without them.
struct DemoSalesLoader {
    let services: AppServices

    func load(unitIDs: [String: Int], today: String = Clock.today()) async throws {
        let dealers = DemoNetwork.units.filter { $0.kind == .dealer }
        let seed = SalesSeed(db: services.db)
        for (index, dealer) in dealers.enumerated() {
            guard let unitID = unitIDs[dealer.code] else { continue }
            let people = DemoPipeline.customerIndexes(dealer: index).map(SyntheticCustomers.customer)
            let ids: [Int] = try await services.db.transaction { tx in
                try await CustomerStore.insertBatch(people, unitID: unitID, at: Clock.nowString(), on: tx)
            }
            let owners = try await services.leads.assignable(unitID: unitID).map(\.id)
            let rows = DemoPipeline.deals(dealer: index).enumerated().map { i, deal in
                SalesSeed.Row(customerID: ids[deal.customer], ownerID: owners.isEmpty ? nil : owners[i % owners.count], deal: deal)
            }
            try await seed.opportunities(rows, unitID: unitID, today: today, userName: "demo data")
        }
    }
}
