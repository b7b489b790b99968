import TorqueDomain
import TorqueStore

/// The distribution block of the home page: a dealer sees its orders coming (DIST-4); the
/// manufacturer's side sees the open warning flags (BI-5); finance sees what is owed (FIN-2).
struct DistributionHome {
    let services: AppServices

    func block(principal p: Principal) async throws -> [String: Any]? {
        guard p.can(.distributionRead) else {
            // finance people without the Distribution module reach the settlements from here (FIN-2)
            guard p.can(.financeRead) else { return nil }
            return ["settlementsOnly": true, "balance": DistributionView.balances(try await services.settlements.balance(scope: p.scope))]
        }
        let orders = try await services.vehicleOrders.list(scope: p.scope, filter: .init(status: .open), limit: 5)
        let flags = try await services.flags.list(scope: p.scope, limit: 5)
        guard !orders.items.isEmpty || !flags.items.isEmpty else { return nil }
        return ["orders": orders.items.map(DistributionView.orderRow), "hasOrders": !orders.items.isEmpty, "moreOrders": orders.nextCursor != nil,
                "flags": flags.items.map(PlanningRoutes.flagRow), "hasFlags": !flags.items.isEmpty, "moreFlags": flags.nextCursor != nil]
    }
}
