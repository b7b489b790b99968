import ArgumentParser
import Foundation
import Logging
import TorqueApp

/// `torque user add`: create a login from the shell (the first administrator, typically).
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage logins.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a login. Asks for the password unless --password-stdin is given.")
        @Option(help: "Login name (letters, digits, '.', '-', '_').") var login: String
        @Option(help: "Full name; defaults to the login.") var name: String?
        @Option(help: "E-mail address, where password-reset links go. Default: LOGIN@torque.invalid (no mail arrives).") var email: String?
        @Option(help: "Role key, e.g. administrator, salesperson. Repeat for several.") var role: [String]
        @Option(help: "Code of the org unit the person works in, e.g. OEM or D-MI1.") var unit: String
        @Flag(help: "Read the password from standard input.") var passwordStdin = false
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let password: String
            if passwordStdin {
                password = (readLine(strippingNewline: true) ?? "")
            } else {
                guard let typed = getpass("Password for \(login): ") else { throw ValidationError("No password given.") }
                password = String(cString: typed)
            }
            let services = try await prepareServices(db.configuration(), logger: Logger(label: "torque"))
            do {
                let user = try await CommandLineUsers(services: services).add(login: login, name: name ?? login, email: email ?? "\(login)@torque.invalid", roles: role, unitCode: unit, password: password)
                print("Created \(user.login) (id \(user.id)).")
                if email == nil { print("No --email given: set one in Admin → People so password-reset links can reach \(user.login).") }
                await services.db.shutdown()
            } catch {
                await services.db.shutdown()
                FileHandle.standardError.write(Data("Not created: \(error)\n".utf8))
                throw ExitCode.failure
            }
        }
    }
}
