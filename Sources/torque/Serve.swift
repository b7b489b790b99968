import ArgumentParser
import Logging
import TorqueApp
import TorqueDomain

/// `torque serve`: migrate, optionally load the demo, run the web server and job worker.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web application (migrates the database first).")

    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @OptionGroup var db: DatabaseOption
    @Flag(help: "Load the demo network and logins if the database is empty.") var demo = false

    func run() async throws {
        var config = db.configuration()
        config.hostname = hostname
        config.port = port
        config.loadDemo = demo
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardOutput(label: label)
            h.logLevel = config.logLevel
            return h
        }
        let logger = Logger(label: "torque")
        let services = try await prepareServices(config, logger: logger)
        print("Torque is running at http://\(hostname):\(port) on \(services.db.kind == .sqlite ? "SQLite (\(config.database))" : "PostgreSQL")")
        if demo {
            print("Demo logins (password \(DemoNetwork.password)):")
            for l in DemoNetwork.logins { print("  \(l.login.padding(toLength: 11, withPad: " ", startingAt: 0)) \(l.role.replacingOccurrences(of: "_", with: " ")) at \(l.unitCode)") }
        }
        try await runServer(services)
    }
}
