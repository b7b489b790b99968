import Foundation
import Hummingbird

/// A submitted HTML form (`application/x-www-form-urlencoded`), every value kept as typed.
public struct FormData: Sendable {
    public var values: [String: [String]] = [:]

    public init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.unescape(String(parts[0]))
            let value = parts.count > 1 ? Self.unescape(String(parts[1])) : ""
            values[key, default: []].append(value)
        }
    }

    /// Decodes a form value. NUL characters are dropped: nobody types them, and PostgreSQL
    /// refuses them in text, so they must not reach a query.
    static func unescape(_ s: String) -> String {
        (s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? s).replacingOccurrences(of: "\u{0}", with: "")
    }

    public subscript(_ key: String) -> String? { values[key]?.last }

    /// Every field as name/value rows, names in order, for carrying a form over a page.
    public var rows: [[String: String]] {
        values.keys.sorted().flatMap { key in values[key]!.map { ["name": key, "value": $0] } }
    }
    public func all(_ key: String) -> [String] { values[key] ?? [] }

    /// Reads and parses the request body (up to the context's upload limit).
    static func read(_ request: Request, context: AppRequestContext) async throws -> FormData {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return FormData(String(buffer: buffer))
    }
}
