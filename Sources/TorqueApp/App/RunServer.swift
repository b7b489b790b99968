import Hummingbird
import Logging
import ServiceLifecycle

/// Runs the HTTP server (and, later in this file's life, the job worker) until SIGINT/SIGTERM.
public func runServer(_ services: AppServices) async throws {
    let app = buildApplication(services)
    let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: services.logger))
    try await group.run()
    await services.db.shutdown()
}
