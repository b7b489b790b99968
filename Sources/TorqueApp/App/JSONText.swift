import NIOCore

/// A forward-only JSON writer for the few large answers (thousands of objects) where
/// Foundation's JSONEncoder, which builds a tree of boxed values before writing a byte, costs
/// more than the database queries behind the answer (written by hand: no package here streams
/// JSON). Callers write keys and values in order; commas are placed here. Strings are escaped
/// as RFC 8259 requires.
struct JSONText {
    /// Bytes gather in an array: appending to a ByteBuffer byte by byte cost more than the writing.
    private var bytes: [UInt8] = []
    /// Whether the next value in the current object or array needs a comma before it.
    private var needsComma = false

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// What was written, ready to send.
    var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    mutating func openObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func closeObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    mutating func openArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    mutating func closeArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// A member name; the value written next belongs to it.
    mutating func key(_ name: String) {
        separate()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func value(_ s: String) { separate(); writeString(s); needsComma = true }
    mutating func value(_ n: Int) {
        separate()
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var v = n.magnitude
        let start = bytes.count
        repeat { bytes.append(UInt8(ascii: "0") + UInt8(v % 10)); v /= 10 } while v > 0
        bytes[start...].reverse()
        needsComma = true
    }
    mutating func value(_ n: Int?) { if let n { value(n) } else { null() } }
    mutating func null() { separate(); bytes.append(contentsOf: "null".utf8); needsComma = true }

    mutating func member(_ name: String, _ s: String) { key(name); value(s) }
    mutating func member(_ name: String, _ n: Int) { key(name); value(n) }
    mutating func member(_ name: String, _ n: Int?) { key(name); value(n) }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var plain = true
        for byte in s.utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            plain = false
            break
        }
        if plain {
            bytes.append(contentsOf: s.utf8)
        } else {
            for byte in s.utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): bytes.append(contentsOf: "\\\\".utf8)
                case 0x0A: bytes.append(contentsOf: "\\n".utf8)
                case 0x0D: bytes.append(contentsOf: "\\r".utf8)
                case 0x09: bytes.append(contentsOf: "\\t".utf8)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: "\\u00".utf8)
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0xF)])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
