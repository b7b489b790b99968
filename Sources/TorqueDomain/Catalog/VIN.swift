/// A vehicle identification number that passed the ISO 3779 checks: 17 characters, no I/O/Q,
/// and a correct check digit wherever the check digit is mandatory.
public struct VIN: Sendable, Hashable, CustomStringConvertible {
    public let value: String
    public var description: String { value }

    /// Characters allowed in a VIN (ISO 3779 leaves out I, O and Q, easily read as 1 and 0).
    public static let allowedCharacters = Set("0123456789ABCDEFGHJKLMNPRSTUVWXYZ")

    /// Upper-case, without the spaces, dashes and dots people type between groups.
    public static func normalise(_ raw: String) -> String {
        String(raw.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "." })
    }

    /// Validates `raw`; `enforcedWMIs` are manufacturers known to always use the check digit
    /// outside North America and China (an OEM's own identifiers).
    public static func parse(_ raw: String, enforcedWMIs: Set<String> = []) -> Result<VIN, FieldProblem> {
        let text = normalise(raw)
        if text.isEmpty { return .failure(FieldProblem("is required")) }
        if text.count != 17 {
            return .failure(FieldProblem("must have 17 characters; this one has \(text.count)"))
        }
        let wrong = text.filter { !allowedCharacters.contains($0) }
        if !wrong.isEmpty {
            let list = Set(wrong).sorted().map { String($0) }.joined(separator: ", ")
            if wrong.contains(where: { "IOQ".contains($0) }) {
                return .failure(FieldProblem("cannot contain the letters I, O or Q (found \(list)); they are usually 1 or 0"))
            }
            return .failure(FieldProblem("contains characters a VIN never has: \(list)"))
        }
        let vin = VIN(value: text)
        if vin.checkDigitRule(enforcedWMIs: enforcedWMIs) == .mandatory, !vin.checkDigitMatches {
            return .failure(FieldProblem("check digit (9th character) is \(vin.characters[8]) but should be \(vin.expectedCheckDigit): a character was probably mistyped"))
        }
        return .success(vin)
    }

    /// Builds a VIN from 17 characters, putting the right check digit in position 9 (for demo
    /// data and tests).
    public static func withCheckDigit(_ seventeen: String) -> VIN {
        precondition(seventeen.count == 17)
        var chars = Array(seventeen.uppercased())
        let draft = VIN(value: String(chars))
        chars[8] = draft.expectedCheckDigit
        return VIN(value: String(chars))
    }

    var characters: [Character] { Array(value) }

    /// ISO 3779 transliteration of letters to numbers, used by the check digit.
    static func number(_ ch: Character) -> Int {
        if let digit = ch.wholeNumberValue { return digit }
        switch ch {
        case "A", "J": return 1
        case "B", "K", "S": return 2
        case "C", "L", "T": return 3
        case "D", "M", "U": return 4
        case "E", "N", "V": return 5
        case "F", "W": return 6
        case "G", "P", "X": return 7
        case "H", "Y": return 8
        case "R", "Z": return 9
        default: return 0
        }
    }

    static let weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

    /// The check digit 49 CFR 565 prescribes: weighted sum modulo 11, 10 written as X.
    public var expectedCheckDigit: Character {
        let sum = zip(characters, Self.weights).reduce(0) { $0 + Self.number($1.0) * $1.1 }
        let rest = sum % 11
        return rest == 10 ? "X" : Character(String(rest))
    }

    public var checkDigitMatches: Bool { characters[8] == expectedCheckDigit }

    /// Whether position 9 must be a check digit for this VIN.
    public enum CheckDigitRule: Sendable, Equatable {
        /// North America (1–5), China (L), and manufacturers that always use it.
        case mandatory
        /// Elsewhere ISO 3779 leaves position 9 to the manufacturer.
        case optional
    }

    public func checkDigitRule(enforcedWMIs: Set<String> = []) -> CheckDigitRule {
        let first = characters[0]
        if "12345L".contains(first) || enforcedWMIs.contains(String(value.prefix(3))) { return .mandatory }
        return .optional
    }
}
