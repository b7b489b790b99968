import Foundation

/// Opaque keyset cursor for list endpoints: the last row's id, base64-encoded.
public enum Cursor {
    public static func encode(afterID id: Int) -> String {
        Data("after:\(id)".utf8).base64EncodedString()
    }

    public static func decode(_ text: String) -> Int? {
        guard let data = Data(base64Encoded: text), let s = String(data: data, encoding: .utf8), s.hasPrefix("after:") else { return nil }
        return Int(s.dropFirst(6))
    }
}
