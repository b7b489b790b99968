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

/// `torque demo`: load the demo network into an empty database.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fill an empty database with the demo network and logins.")
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        let services = try await prepareServices(db.configuration(), logger: Logger(label: "torque"))
        let loaded = try await DemoLoader(services: services).loadIfEmpty()
        print(loaded ? "Demo network loaded. Every demo login has the password torque-demo." : "The database already has a network; nothing was changed.")
        await services.db.shutdown()
    }
}
