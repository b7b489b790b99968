/// Writing CSV cells (RFC 4180 quoting). A leading =, +, - or @ is defused with an apostrophe so
/// a spreadsheet shows the text instead of running it as a formula (CSV injection).
enum CSVText {
    static func field(_ value: String?) -> String {
        guard var v = value else { return "" }
        if let first = v.first, "=+-@".contains(first) { v = "'" + v }
        return v.contains(where: { ",\"\r\n".contains($0) }) ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
    }

    static func line(_ cells: [String?]) -> String { cells.map(field).joined(separator: ",") + "\r\n" }
}
