import Foundation
import TorqueStore

/// Hourly cleanup: expired sessions, old failed-login records, finished jobs; stock counts recounted.
struct Housekeeping: JobHandler {
    static let kindName = "maintenance.housekeeping"
    var kind: String { Self.kindName }

    func run(_ job: Job, services: AppServices) async throws {
        let now = Clock.nowString()
        try await services.db.sql.raw("DELETE FROM auth_tokens WHERE expires_at < \(bind: now)").run()
        try await services.db.sql.raw("DELETE FROM login_failures WHERE at < \(bind: Clock.string(Date() - 86400))").run()
        try await services.db.sql.raw("DELETE FROM password_resets WHERE expires_at < \(bind: Clock.string(Date() - 7 * 86400))").run()
        try await services.jobs.purgeDone(olderThanDays: 14)
        try await StockCounts.recount(services.db)
    }
}
