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
            if index == 0 { try await fleet(unitID: unitID, contactID: ids[0]) }
        }
        if let oem = unitIDs["OEM"] { try await offer(unitID: oem) }
    }

    static let actor = Actor(userID: nil, label: "demo data")

    /// A company with a fleet at the first dealer, so accounts and instant quotes have something to show.
    func fleet(unitID: Int, contactID: Int) async throws {
        let company = CustomerInput(kind: .company, companyName: "Flotte Lombarde S.r.l.", email: "flotta@flottelombarde.example", phone: "+390255501234",
                                    address: "Via Mecenate 76", postcode: "20138", city: "Milano")
        let id = try await services.db.transaction { tx in try await CustomerStore.insertBatch([company], unitID: unitID, at: Clock.nowString(), on: tx)[0] }
        _ = try await services.accounts.create(customerID: id, industry: "Logistics", fleetSize: 40, paymentTermsDays: 60, unitID: unitID, scope: .everything, actor: Self.actor)
        _ = try await services.accounts.addContact(accountID: id, personID: contactID, role: "Fleet manager", scope: .everything, actor: Self.actor)
    }

    /// The manufacturer's business lease, usable by every dealer.
    func offer(unitID: Int) async throws {
        let content = QuoteContent(lines: [QuoteLine(kind: .vehicle, description: "Torque Motors Brio Style, fleet specification", unitMinor: 24_900_00),
                                           QuoteLine(kind: .fee, description: "Registration and delivery", unitMinor: 450_00)],
                                   discount: .percent(Percentage(perMillion: 10_000)),
                                   finance: QuoteFinance(kind: .lease, rate: Percentage(perMillion: 34_900), termMonths: 36, residualMinor: 11_500_00, kmPerYear: 20_000),
                                   note: "Maintenance and winter tyres included.")
        _ = try await services.quoteTemplates.create(name: "Brio business lease", content: content, unitID: unitID, scope: .everything, actor: Self.actor)
    }
}
