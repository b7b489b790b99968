import Foundation
import ArgumentParser
import Logging
import TorqueApp

/// `torque migrate`: bring the schema up to date and stop.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        let services = try await prepareServices(db.configuration(), logger: Logger(label: "torque"))
        print("The database is up to date (\(services.db.kind.rawValue)).")
        await services.db.shutdown()
    }
}

/// `torque demo`: load the demo network into an empty database; `--scale oem` adds millions of
/// generated customers for benchmarks.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fill an empty database with the demo network and logins (--scale oem: plus millions of customers).")
    @OptionGroup var db: DatabaseOption

    enum Scale: String, ExpressibleByArgument { case network, oem }
    @Option(help: "network (the demo network and logins) or oem (plus generated customers and timelines).") var scale: Scale = .network
    @Option(help: "With --scale oem: how many customers to generate.") var customers = 2_000_000
    @Option(help: "With --scale oem: timeline items per customer.") var events = 5

    func validate() throws {
        guard customers > 0, customers <= 50_000_000 else { throw ValidationError("--customers must be from 1 to 50000000") }
        guard (1...100).contains(events) else { throw ValidationError("--events must be from 1 to 100") }
    }

    func run() async throws {
        let services = try await prepareServices(db.configuration(), logger: Logger(label: "torque"))
        let loaded = try await DemoLoader(services: services).loadIfEmpty()
        print(loaded ? "Demo network loaded. Every demo login has the password torque-demo."
                     : "The database already has a network; " + (scale == .oem ? "generated customers are added to it." : "nothing was changed."))
        if scale == .oem {
            let started = Date()
            let total = customers
            print("Generating \(total) customers with \(events) timeline items each…")
            try await ScaledDemo(services: services).load(customers: total, events: events) { done in
                if done % 100_000 == 0 || done == total {
                    let rate = Double(done) / max(Date().timeIntervalSince(started), 0.001)
                    print("  \(done) customers (\(Int(rate))/s)")
                }
            }
            print("Done in \(Int(Date().timeIntervalSince(started))) s.")
        }
        await services.db.shutdown()
    }
}
