import TorqueDomain
import TorqueStore

/// Creating logins from the shell, with the same validation as the web form.
public struct CommandLineUsers {
    let services: AppServices
    public init(services: AppServices) { self.services = services }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public func add(login: String, name: String, email: String, roles: [String], unitCode: String, password: String) async throws -> User {
        guard let unit = try await services.orgUnits.findByCode(unitCode) else {
            throw Failure(description: "There is no unit with code \(unitCode). Run `torque demo` or create the network first.")
        }
        let all = try await services.roles.all()
        var errors = ValidationErrors()
        let v = Validate.login(login, into: &errors)
        let n = Validate.text(name, field: "name", into: &errors)
        let e = Validate.email(email, into: &errors)
        let p = Validate.newPassword(password, into: &errors)
        let roleIDs = roles.compactMap { key in all.first { $0.key == key }?.id }
        if roleIDs.count != roles.count || roles.isEmpty { errors.add("role", "must be one of: " + all.map(\.key).joined(separator: ", ")) }
        if !errors.isEmpty { throw Failure(description: errors.fields.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "; ")) }
        let hash = try await Secrets.hashPassword(p!, cost: services.config.bcryptCost)
        do {
            return try await services.users.create(UserInput(orgUnitId: unit.id, login: v!, name: n!, email: e!, roleIds: roleIDs, active: true), passwordHash: hash, scope: .everything, actor: .system)
        } catch StoreError.conflict(let field, let message) {
            throw Failure(description: "\(field) \(message)")
        }
    }
}
