import Foundation
import TorqueStore

/// Every five minutes: profiles (CUS-6) of customers whose timeline moved are computed again,
/// in batches, so segments and the 360 page read fresh values without computing them per view.
struct RefreshProfiles: JobHandler {
    static let kindName = "customers.profiles"
    var kind: String { Self.kindName }

    func run(_ job: Job, services: AppServices) async throws {
        let profiles = services.profiles
        // At most 100 batches a run: a huge backlog (an import) is worked off over several runs.
        for _ in 0..<100 {
            let ids = try await profiles.stale(limit: 500)
            if ids.isEmpty { break }
            try await profiles.refresh(ids)
        }
    }
}
