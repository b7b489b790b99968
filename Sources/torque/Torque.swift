import ArgumentParser
import TorqueApp

/// The `torque` command: thin wrappers over TorqueApp.
@main
struct Torque: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "torque",
        abstract: "Torque: the CRM for a car manufacturer's whole network.",
        subcommands: [Serve.self, Migrate.self, Demo.self, UserCommand.self, DefectCheck.self],
        defaultSubcommand: Serve.self
    )
}
