import Foundation
import Hummingbird
import TorqueDomain

/// A JSON request body the API accepts: its allowed keys are listed so unknown ones are refused.
public protocol APIInput: Decodable {
    static var fields: Set<String> { get }
}

/// Strict JSON decoding with errors that name the field.
enum JSONBody {
    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }()

    static func decode<T: APIInput>(_ type: T.Type, from request: Request, context: AppRequestContext) async throws -> T {
        try await decodeWithKeys(type, from: request, context: context).0
    }

    /// Also returns the raw object, so PATCH can tell "absent" from "null".
    static func decodeWithKeys<T: APIInput>(_ type: T.Type, from request: Request, context: AppRequestContext) async throws -> (T, [String: Any]) {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: context.maxUploadSize) } catch {
            throw AppError.badRequest("The request body is larger than \(context.maxUploadSize / 1024) KiB.")
        }
        let data = Data(buffer: buffer)
        guard let object = try? JSONSerialization.jsonObject(with: data), let dict = object as? [String: Any] else {
            throw AppError.badRequest("The body must be a JSON object.")
        }
        var errors = ValidationErrors()
        for key in dict.keys where !T.fields.contains(key) { errors.add(key, "is not a known field") }
        if errors.isEmpty {
            for (key, value) in dict where containsNUL(value) { errors.add(key, "must not contain control characters") }
            if !errors.isEmpty { throw AppError.invalid(errors) }
        }
        if !errors.isEmpty { throw AppError.badRequest("The body has fields this endpoint does not know: \(errors.fields.keys.sorted().joined(separator: ", ")).", fields: errors.fields) }
        do {
            return (try decoder.decode(T.self, from: data), dict)
        } catch let DecodingError.typeMismatch(expected, ctx) {
            throw AppError.invalid(ValidationErrors([fieldName(ctx.codingPath): "must be \(describe(expected))"]))
        } catch let DecodingError.valueNotFound(expected, ctx) {
            throw AppError.invalid(ValidationErrors([fieldName(ctx.codingPath): "must be \(describe(expected)), not null"]))
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw AppError.invalid(ValidationErrors([fieldName(ctx.codingPath + [key]): "is required"]))
        } catch let DecodingError.dataCorrupted(ctx) {
            throw AppError.invalid(ValidationErrors([fieldName(ctx.codingPath): "has an invalid value"]))
        }
    }

    /// PostgreSQL refuses NUL in text; a JSON string carrying one is refused before any query.
    static func containsNUL(_ value: Any) -> Bool {
        switch value {
        case let s as String: s.contains("\u{0}")
        case let a as [Any]: a.contains(where: containsNUL)
        case let d as [String: Any]: d.keys.contains { $0.contains("\u{0}") } || d.values.contains(where: containsNUL)
        default: false
        }
    }

    static func fieldName(_ path: [any CodingKey]) -> String {
        let name = path.map { $0.intValue.map(String.init) ?? snake($0.stringValue) }.joined(separator: ".")
        return name.isEmpty ? "body" : name
    }

    static func snake(_ s: String) -> String {
        var out = ""
        for c in s { if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) } }
        return out
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is String?.Type: "a string"
        case is Int.Type, is Int?.Type: "an integer"
        case is Double.Type, is Double?.Type: "a number"
        case is Bool.Type, is Bool?.Type: "true or false"
        case is [String].Type, is [Int].Type: "a list"
        default: "of another type"
        }
    }
}
