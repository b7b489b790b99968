import TorqueStore

/// The maintenance reminders (SVC-5): hourly, idempotent (each due date is reminded once).
struct ServiceReminders: JobHandler {
    static let kindName = "service.reminders"
    var kind: String { Self.kindName }

    func run(_ job: Job, services: AppServices) async throws {
        while try await services.maintenance.remind(today: Clock.today()) == 200 {}
    }
}
