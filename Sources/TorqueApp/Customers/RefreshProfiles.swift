import Foundation
import TorqueStore

/// Every five minutes: profiles (CUS-6) of customers whose timeline grew are computed again, in
/// batches, following the timeline by id (never a scan of all customers).
struct RefreshProfiles: JobHandler {
    static let kindName = "customers.profiles"
    var kind: String { Self.kindName }

    func run(_ job: Job, services: AppServices) async throws {
        // At most 100 × 5,000 timeline items a run: a big import is worked off over several runs.
        try await services.profiles.profileNewCustomers()
        try await services.profiles.refreshChanged()
    }
}
