/// Reads vCards (2.1, 3.0, 4.0) into import rows, written by hand like the vCard writer.
/// Unknown properties are ignored; what cannot be read is reported per card.
public enum VCardReader {
    public struct Card: Sendable, Equatable {
        /// 1-based position of the card in the file.
        public var number: Int
        public var fields: ImportedFields
        public var problem: String?
    }

    /// Unfolds continuation lines (RFC 6350 §3.2; vCard 2.1 quoted-printable soft breaks too).
    static func unfold(_ text: String) -> [String] {
        var lines: [String] = []
        for raw in text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(raw)
            if let first = line.first, first == " " || first == "\t", !lines.isEmpty {
                line.removeFirst()
                lines[lines.count - 1] += line
            } else if let last = lines.last, last.uppercased().contains("QUOTED-PRINTABLE"), last.hasSuffix("=") {
                lines[lines.count - 1] = String(last.dropLast()) + line
            } else {
                lines.append(line)
            }
        }
        return lines
    }

    /// Splits a structured value at unescaped `sep` and unescapes each part.
    static func parts(_ value: String, _ sep: Character) -> [String] {
        var out: [String] = [], cur = "", escaped = false
        for ch in value {
            if escaped {
                cur.append(ch == "n" || ch == "N" ? "\n" : ch); escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == sep {
                out.append(cur); cur = ""
            } else {
                cur.append(ch)
            }
        }
        out.append(cur)
        return out
    }

    static func quotedPrintable(_ s: String) -> String {
        var bytes: [UInt8] = []
        var it = Array(s.utf8)[...]
        while let b = it.first {
            it = it.dropFirst()
            if b == UInt8(ascii: "="), it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v); it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func read(_ text: String) -> [Card] {
        var cards: [Card] = []
        var current: [ImportColumn: String]?
        var isOrg = false
        var number = 0
        func finish(_ problem: String? = nil) {
            guard var values = current else { return }
            if values[.companyName] != nil, isOrg || values[.lastName] == nil { values[.kind] = "company" }
            var f = ImportedFields(row: [], mapping: [])
            f.values = values
            var issue = problem
            if issue == nil, values[.lastName] == nil, values[.companyName] == nil { issue = "has no name (N, FN or ORG)" }
            cards.append(Card(number: number, fields: f, problem: issue))
            current = nil
        }
        for line in unfold(text) where !line.trimmed.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            var head = String(line[..<colon])
            var value = String(line[line.index(after: colon)...])
            if let dot = head.firstIndex(of: "."), !head[..<dot].contains(";") { head = String(head[head.index(after: dot)...]) }  // item1.TEL
            let params = head.split(separator: ";").map { $0.uppercased() }
            let name = params.first ?? ""
            if params.contains(where: { $0.contains("QUOTED-PRINTABLE") }) { value = quotedPrintable(value) }
            switch name {
            case "BEGIN" where value.uppercased() == "VCARD":
                if current != nil { finish("has no END:VCARD before the next card") }
                number += 1; current = [:]; isOrg = false
            case "END" where value.uppercased() == "VCARD":
                finish()
            case _ where current == nil:
                continue
            case "N":
                let p = parts(value, ";")
                if let family = p.first, !family.isEmpty { current?[.lastName] = family }
                if p.count > 1, !p[1].isEmpty { current?[.firstName] = p[1] }
            case "FN":
                if current?[.lastName] == nil {
                    var words = parts(value, ",").joined(separator: " ").split(separator: " ").map(String.init)
                    if let last = words.popLast() { current?[.lastName] = last }
                    if !words.isEmpty { current?[.firstName] = words.joined(separator: " ") }
                }
            case "ORG":
                if let org = parts(value, ";").first, !org.isEmpty { current?[.companyName] = org }
            case "KIND":
                isOrg = value.lowercased() == "org"
            case "TEL":
                if current?[.phone] == nil { current?[.phone] = value.hasPrefix("tel:") ? String(value.dropFirst(4)) : value }
            case "EMAIL":
                if current?[.email] == nil { current?[.email] = value }
            case "ADR":
                if current?[.address] == nil {
                    let p = parts(value, ";") + Array(repeating: "", count: 7)
                    if !p[2].isEmpty { current?[.address] = p[2] }
                    if !p[3].isEmpty { current?[.city] = p[3] }
                    if !p[5].isEmpty { current?[.postcode] = p[5] }
                    if p[6].count == 2 { current?[.country] = p[6].uppercased() }
                }
            default:
                continue
            }
        }
        if current != nil { finish("ends without END:VCARD") }
        return cards
    }
}
