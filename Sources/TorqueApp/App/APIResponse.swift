import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// JSON responses in the API's conventions: snake_case keys, lists as `{data, next_cursor}`.
enum APIResponse {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()


    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, encoder: JSONEncoder = APIResponse.encoder) throws -> Response {
        let data = try encoder.encode(value)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An answer already written as JSON (see JSONText).
    static func json(bytes: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: bytes))
    }

    struct List<T: Encodable>: Encodable {
        var data: [T]
        var nextCursor: String?
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(data, forKey: .data)
            try c.encode(nextCursor, forKey: .nextCursor)  // always present, null at the end
        }
        enum CodingKeys: String, CodingKey { case data, nextCursor }
    }

    static func list<T: Encodable & Sendable>(_ page: Page<T>) throws -> Response {
        try json(List(data: page.items, nextCursor: page.nextCursor))
    }

    static func list<T: Encodable>(_ items: [T]) throws -> Response {
        try json(List(data: items, nextCursor: nil))
    }

    static func noContent() -> Response { Response(status: .noContent) }

    struct ErrorBody: Encodable {
        struct Inner: Encodable { var code: String; var message: String; var fields: [String: String]?; var details: [[String: String]]? }
        var error: Inner
    }

    static func error(_ e: AppError) -> Response {
        var details: [[String: String]]?
        if case let .refused(_, _, d) = e { details = d }
        let body = ErrorBody(error: .init(code: e.code, message: e.message, fields: e.fields.isEmpty ? nil : e.fields, details: details))
        var response = (try? json(body, status: e.status)) ?? Response(status: e.status)
        if case .unauthenticated = e { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }
}

/// Query-string helpers shared by list endpoints.
extension Request {
    func query(_ name: String) -> String? {
        // NUL is dropped for the same reason as in forms (see FormData.unescape).
        uri.queryParameters.get(name).map { $0.replacingOccurrences(of: "\u{0}", with: "") }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A query parameter that must be a positive id (nil when absent).
    func positiveID(_ name: String) throws -> Int? {
        guard let text = query(name) else { return nil }
        guard let id = Int(text), id > 0 else { throw AppError.invalid(.init([name: "must be a positive id"])) }
        return id
    }

    /// A query parameter that must be one of `allowed` (nil when absent).
    func choice(_ name: String, in allowed: [String]) throws -> String? {
        guard let value = query(name) else { return nil }
        guard allowed.contains(value) else { throw AppError.invalid(.init([name: "must be one of: " + allowed.joined(separator: ", ")])) }
        return value
    }

    /// `?limit=` (default 50, max 500) and `?cursor=`, validated.
    func pagination(defaultLimit: Int = 50) throws -> (limit: Int, afterID: Int?) {
        var limit = defaultLimit
        if let text = query("limit") {
            guard let n = Int(text), (1...500).contains(n) else { throw AppError.invalid(.init(["limit": "must be a whole number from 1 to 500"])) }
            limit = n
        }
        var after: Int?
        if let c = query("cursor") {
            guard let id = Cursor.decode(c) else { throw AppError.invalid(.init(["cursor": "is not a cursor this API gave out"])) }
            after = id
        }
        return (limit, after)
    }
}
