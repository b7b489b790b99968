import Hummingbird
import TorqueDomain
import TorqueStore

/// Errors routes throw; the error middleware turns each into JSON or an HTML page.
public enum AppError: Error {
    case unauthenticated
    case forbidden
    case notFound
    case badRequest(String, fields: [String: String] = [:])
    case invalid(ValidationErrors)
    case conflict(field: String, message: String)
    case tooManyRequests(String)
    case unavailable(String)
    /// Valid JSON whose content breaks several rules at once (a build, a rule set, a file):
    /// 422 naming `field`, with one entry per broken rule in `details`.
    case refused(field: String, message: String, details: [[String: String]])

    /// Maps store failures onto HTTP meaning.
    static func from(_ error: any Error) -> AppError? {
        switch error {
        case let e as AppError: return e
        case StoreError.notFound: return .notFound
        case let StoreError.conflict(field, message): return .conflict(field: field, message: message)
        case let StoreError.invalid(errors): return .invalid(errors)
        case let e as ValidationErrors: return .invalid(e)
        case let e as BuildRefused:
            return .refused(field: "build", message: e.failures.map(\.message).joined(separator: " "),
                            details: e.failures.map { ["code": $0.code, "reason": $0.reason, "message": $0.message, "related": $0.related.joined(separator: ",")] })
        case let e as RuleSetRefused:
            return .refused(field: "rules", message: e.problems.map(\.message).joined(separator: " "),
                            details: e.problems.map { ["message": $0.message, "chain": $0.chain.joined(separator: " → ")] })
        case let e as FileRowErrors:
            return .refused(field: "file", message: "\(e.rows.count) problem(s) in the file; nothing was imported.",
                            details: e.rows.map { ["row": String($0.rowNo), "field": $0.field, "message": $0.message, "value": $0.value] })
        default: return nil
        }
    }

    var status: HTTPResponse.Status {
        switch self {
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .badRequest: .badRequest
        case .invalid, .refused: .unprocessableContent
        case .conflict: .conflict
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .serviceUnavailable
        }
    }

    var code: String {
        switch self {
        case .unauthenticated: "unauthenticated"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .badRequest: "malformed_request"
        case .invalid, .refused: "validation_failed"
        case .conflict: "conflict"
        case .tooManyRequests: "too_many_requests"
        case .unavailable: "unavailable"
        }
    }

    var message: String {
        switch self {
        case .unauthenticated: "Sign in first."
        case .forbidden: "Your role does not allow this."
        case .notFound: "Not found."
        case let .badRequest(m, _): m
        case .invalid: "Some fields need attention."
        case let .conflict(_, m): m
        case let .tooManyRequests(m): m
        case let .unavailable(m): m
        case let .refused(_, m, _): m
        }
    }

    var fields: [String: String] {
        switch self {
        case let .invalid(e): e.fields
        case let .conflict(f, m): [f: m]
        case let .badRequest(_, f): f
        case let .refused(f, m, _): [f: m]
        default: [:]
        }
    }
}
