import Foundation

/// Small, shared checks of user input. Limits are documented in docs/api.md.
public enum Validate {
    public static let nameLimit = 200
    public static let codeLimit = 40
    public static let textLimit = 2000

    /// Trims, requires a value when `required`, and enforces a length limit.
    public static func text(_ value: String?, field: String, required: Bool = true, limit: Int = nameLimit, into errors: inout ValidationErrors) -> String? {
        let trimmed = value?.trimmed ?? ""
        if trimmed.isEmpty {
            if required { errors.add(field, "is required") }
            return nil
        }
        if trimmed.count > limit { errors.add(field, "must be at most \(limit) characters") }
        return trimmed
    }

    public static func email(_ value: String?, field: String = "email", required: Bool = true, into errors: inout ValidationErrors) -> String? {
        guard let text = text(value, field: field, required: required, limit: 254, into: &errors) else { return nil }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || parts[1].hasPrefix(".") || parts[1].hasSuffix(".") || text.contains(" ") {
            errors.add(field, "is not a valid e-mail address")
        }
        return text.lowercased()
    }

    /// Logins are lower-case letters, digits, dot, dash and underscore.
    public static func login(_ value: String?, into errors: inout ValidationErrors) -> String? {
        guard let text = text(value, field: "login", limit: 64, into: &errors) else { return nil }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        if !text.lowercased().allSatisfy({ allowed.contains($0) }) {
            errors.add("login", "may contain only letters, digits, '.', '-' and '_'")
        }
        return text.lowercased()
    }

    public static let minimumPasswordLength = 10

    public static func newPassword(_ value: String?, field: String = "password", into errors: inout ValidationErrors) -> String? {
        guard let value, !value.isEmpty else { errors.add(field, "is required"); return nil }
        if value.count < minimumPasswordLength { errors.add(field, "must be at least \(minimumPasswordLength) characters") }
        if value.utf8.count > 72 { errors.add(field, "must be at most 72 bytes (a bcrypt limit)") }
        return value
    }

    public static func code(_ value: String?, field: String = "code", into errors: inout ValidationErrors) -> String? {
        guard let text = text(value, field: field, limit: codeLimit, into: &errors) else { return nil }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        if !text.uppercased().allSatisfy({ allowed.contains($0) }) {
            errors.add(field, "may contain only letters, digits, '-' and '_'")
        }
        return text.uppercased()
    }

    public static func timeZone(_ value: String?, into errors: inout ValidationErrors) -> String? {
        guard let text = text(value, field: "time_zone", limit: 64, into: &errors) else { return nil }
        if TimeZone(identifier: text) == nil { errors.add("time_zone", "is not a known time zone (e.g. Europe/Rome)") }
        return text
    }

    public static func coordinate(_ value: Double?, field: String, range: ClosedRange<Double>, into errors: inout ValidationErrors) -> Double? {
        guard let value else { return nil }
        if !range.contains(value) || value.isNaN { errors.add(field, "must be between \(Int(range.lowerBound)) and \(Int(range.upperBound))") }
        return value
    }
}
