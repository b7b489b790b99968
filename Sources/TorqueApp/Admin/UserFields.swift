import TorqueDomain
import TorqueStore

/// A user as submitted by the form or the API, before validation.
struct UserFields: APIInput, Sendable {
    var orgUnitId: Int?
    var login: String?
    var name: String?
    var email: String?
    var roles: [String]?
    var active: Bool?
    var password: String?

    static let fields: Set<String> = ["org_unit_id", "login", "name", "email", "roles", "active", "password"]

    init(orgUnitId: Int? = nil, login: String? = nil, name: String? = nil, email: String? = nil, roles: [String]? = nil, active: Bool? = true, password: String? = nil) {
        self.orgUnitId = orgUnitId; self.login = login; self.name = name; self.email = email; self.roles = roles; self.active = active; self.password = password
    }

    init(_ u: User) { self.init(orgUnitId: u.orgUnitId, login: u.login, name: u.name, email: u.email, roles: u.roles, active: u.active) }

    /// Role keys become ids; a caller may only grant roles whose permissions they hold themselves.
    func validated(allRoles: [Role], granter: Principal, requirePassword: Bool, errors: inout ValidationErrors) -> (UserInput, String?)? {
        let login = Validate.login(login, into: &errors)
        let name = Validate.text(name, field: "name", into: &errors)
        let email = Validate.email(email, into: &errors)
        if orgUnitId == nil { errors.add("org_unit_id", "is required") }
        var roleIDs: [Int] = []
        for key in roles ?? [] {
            guard let role = allRoles.first(where: { $0.key == key }) else { errors.add("roles", "'\(key)' is not a role"); continue }
            if !Set(role.permissions).isSubset(of: granter.permissions) { errors.add("roles", "you cannot grant '\(role.name)': it has permissions you do not hold") }
            roleIDs.append(role.id)
        }
        if roleIDs.isEmpty && errors.fields["roles"] == nil { errors.add("roles", "choose at least one role") }
        var password: String?
        if requirePassword || (self.password?.isEmpty == false) { password = Validate.newPassword(self.password, into: &errors) }
        guard errors.isEmpty, let login, let name, let email, let unit = orgUnitId else { return nil }
        return (UserInput(orgUnitId: unit, login: login, name: name, email: email, roleIds: roleIDs, active: active ?? true), password)
    }
}
