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

    /// Maps store failures onto HTTP meaning.
    static func from(_ error: any Error) -> AppError? {
        switch error {
        case let e as AppError: return e
        case StoreError.notFound: return .notFound
        case let StoreError.conflict(field, message): return .conflict(field: field, message: message)
        case let StoreError.invalid(errors): return .invalid(errors)
        case let e as ValidationErrors: return .invalid(e)
        default: return nil
        }
    }

    var status: HTTPResponse.Status {
        switch self {
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .badRequest: .badRequest
        case .invalid: .unprocessableContent
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
        case .invalid: "validation_failed"
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
        }
    }

    var fields: [String: String] {
        switch self {
        case let .invalid(e): e.fields
        case let .conflict(f, m): [f: m]
        case let .badRequest(_, f): f
        default: [:]
        }
    }
}
