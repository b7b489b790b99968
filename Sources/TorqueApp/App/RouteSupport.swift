import Hummingbird
import TorqueDomain
import TorqueStore

extension AppRequestContext {
    /// The caller, if their role holds `permission`: 401 when nobody is signed in, 403 otherwise.
    func require(_ permission: Permission) throws -> Principal {
        let p = try requirePrincipal()
        guard p.can(permission) else { throw AppError.forbidden }
        return p
    }

    func require(anyOf permissions: [Permission]) throws -> Principal {
        let p = try requirePrincipal()
        guard permissions.contains(where: p.can) else { throw AppError.forbidden }
        return p
    }

    /// A numeric path parameter; anything else is simply not found.
    func id(_ name: String = "id") throws -> Int {
        guard let text = parameters.get(name), let id = Int(text), id > 0 else { throw AppError.notFound }
        return id
    }
}

/// Parses optional numbers typed into forms, with a message naming the field.
enum FormValue {
    static func int(_ text: String?, field: String, into errors: inout ValidationErrors) -> Int? {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        guard let n = Int(t) else { errors.add(field, "must be a whole number"); return nil }
        return n
    }

    /// Whole currency units typed in a form, as minor units; refused beyond a billion so the
    /// conversion cannot overflow.
    static func money(_ text: String?, field: String, into errors: inout ValidationErrors) -> Int? {
        guard let n = int(text, field: field, into: &errors) else { return nil }
        guard (0...1_000_000_000).contains(n) else { errors.add(field, "must be an amount from 0 to 1,000,000,000"); return nil }
        return n * 100
    }

    static func double(_ text: String?, field: String, into errors: inout ValidationErrors) -> Double? {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        guard let n = Double(t.replacingOccurrences(of: ",", with: ".")) else { errors.add(field, "must be a number like 45.4642"); return nil }
        return n
    }
}
