/// vCard 4.0 (RFC 6350) for one customer, written by hand: no package here writes vCards.
public enum VCard {
    /// Escapes text values: backslash, comma, semicolon and newlines (RFC 6350 §3.4).
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ",", with: "\\,")
            .replacingOccurrences(of: ";", with: "\\;").replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Folds lines longer than 75 octets with CRLF + space, never inside a UTF-8 character.
    static func fold(_ line: String) -> String {
        var out = "", count = 0
        for ch in line {
            let n = String(ch).utf8.count
            if count + n > 75 { out += "\r\n "; count = 1 }
            out.append(ch)
            count += n
        }
        return out
    }

    public static func card(for c: Customer) -> String {
        var lines = ["BEGIN:VCARD", "VERSION:4.0"]
        lines.append("FN:" + escape(c.displayName))
        if c.kind == "company" {
            lines.append("KIND:org")
            lines.append("N:;;;;")
            lines.append("ORG:" + escape(c.companyName))
        } else {
            lines.append("N:" + escape(c.lastName) + ";" + escape(c.firstName) + ";;;")
        }
        if let phone = c.phone { lines.append("TEL;VALUE=uri:tel:" + phone) }
        if let email = c.email { lines.append("EMAIL:" + escape(email)) }
        if !(c.address + c.city + c.postcode).isEmpty {
            lines.append("ADR:;;" + escape(c.address) + ";" + escape(c.city) + ";;" + escape(c.postcode) + ";" + escape(c.country))
        }
        lines.append("NOTE:" + escape("Torque customer \(c.number)"))
        lines.append("UID:urn:torque:customer:\(c.id)")
        lines.append("END:VCARD")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }
}
