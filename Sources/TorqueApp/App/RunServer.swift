import Hummingbird
import Logging
import ServiceLifecycle

/// Runs the HTTP server and the job worker until SIGINT/SIGTERM.
public func runServer(_ services: AppServices) async throws {
    let app = buildApplication(services)
    var all: [any Service] = [app]
    if services.config.runWorker { all.append(JobWorker(services: services)) }
    let group = ServiceGroup(configuration: .init(services: all, gracefulShutdownSignals: [.sigterm, .sigint], logger: services.logger))
    try await group.run()
    await services.db.shutdown()
}
