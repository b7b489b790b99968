import Foundation

/// Normalised forms stored beside raw values, so search and duplicate checks compare like with
/// like: "Müller-Lüdenscheidt " and "muller ludenscheidt" give the same name key.
public enum SearchKey {
    /// Lower case, accents removed, punctuation and runs of spaces turned into one space.
    public static func name(_ text: String) -> String {
        // Most names are plain ASCII: fold those by hand, Foundation's folding is slow.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var out = [UInt8]()
            out.reserveCapacity(text.utf8.count)
            var lastWasSpace = true
            for b in text.utf8 {
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): out.append(b); lastWasSpace = false
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(b + 32); lastWasSpace = false
                default: if !lastWasSpace { out.append(UInt8(ascii: " ")); lastWasSpace = true }
                }
            }
            if out.last == UInt8(ascii: " ") { out.removeLast() }
            return String(decoding: out, as: UTF8.self)
        }
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .replacingOccurrences(of: "ß", with: "ss")
        var out = ""
        var lastWasSpace = true
        for ch in folded {
            if ch.isLetter || ch.isNumber {
                out.append(ch)
                lastWasSpace = false
            } else if !lastWasSpace {
                out.append(" ")
                lastWasSpace = true
            }
        }
        return out.trimmed
    }

    /// The words of a name in a fixed order, so "Rossi Mario" and "Mario Rossi" match.
    public static func nameWords(_ text: String) -> String {
        name(text).split(separator: " ").sorted().joined(separator: " ")
    }

    public static func email(_ text: String) -> String {
        text.trimmed.lowercased()
    }

    /// Postcodes compared without spaces and case ("sw1a 1aa" = "SW1A1AA").
    public static func postcode(_ text: String) -> String {
        text.uppercased().filter { $0.isLetter || $0.isNumber }
    }

    /// VINs and plates: upper case, no spaces or dashes.
    public static func code(_ text: String) -> String {
        text.uppercased().filter { $0.isLetter || $0.isNumber }
    }
}
