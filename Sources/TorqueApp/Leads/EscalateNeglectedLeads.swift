import Foundation
import TorqueStore

/// Every minute: new leads past their first-response deadline go to the sales managers' work
/// lists (LEAD-3). Safe to run twice: a lead escalates once.
struct EscalateNeglectedLeads: JobHandler {
    static let kindName = "leads.escalate"
    var kind: String { Self.kindName }

    func run(_ job: Job, services: AppServices) async throws {
        // Batches keep each transaction short when a backlog has built up.
        while try await services.leads.escalateOverdue() == 500 {}
    }
}
