import ArgumentParser
import TorqueApp

/// `--database`, shared by every command that opens the database.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite file path or postgres://user:pass@host:port/db. Default: $TORQUE_DATABASE_URL, else torque.sqlite in the working directory.", valueName: "url"))
    var database: String?

    func configuration() -> AppConfiguration {
        var c = AppConfiguration.fromEnvironment()
        if let database { c.database = database }
        return c
    }
}
