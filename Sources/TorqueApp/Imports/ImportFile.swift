import CSV
import Foundation
import TorqueDomain

/// An uploaded file read into rows: CSV through CSV.swift (quoted fields, quoted newlines,
/// escaped quotes), vCard through VCardReader. Encoding problems are reported, never guessed.
struct ImportFile {
    /// Header row (CSV) and data rows, each with its row number as a spreadsheet shows it.
    var headers: [String]
    var rows: [(rowNo: Int, cells: [String])]
    /// vCards become rows already mapped; nil for CSV.
    var cards: [VCardReader.Card]?

    struct Problem: Error { var message: String }

    /// The rows as cells by field name: headers are matched to `columns` (lowercase, spaces as
    /// `_`) or through `aliases`; the first column of a field wins. A file without every
    /// `required` field is a Problem that lists what is missing and what else may come.
    func mapped(columns: [String], aliases: [String: String], required: [String]) throws -> [(rowNo: Int, cells: [String: String])] {
        var fields: [Int: String] = [:]
        for (i, h) in headers.enumerated() {
            let key = h.trimmed.lowercased().replacingOccurrences(of: " ", with: "_")
            if let f = columns.contains(key) ? key : aliases[key], !fields.values.contains(f) { fields[i] = f }
        }
        let missing = required.filter { !fields.values.contains($0) }
        if !missing.isEmpty {
            throw Problem(message: "The first row must name the columns; \(required.joined(separator: ", ")) are needed (missing: \(missing.joined(separator: ", "))). Others: "
                          + columns.filter { !required.contains($0) }.joined(separator: ", ") + ".")
        }
        return rows.map { row in (rowNo: row.rowNo, cells: Dictionary(uniqueKeysWithValues: fields.compactMap { i, f in i < row.cells.count ? (f, row.cells[i]) : nil })) }
    }

    static func isVCard(filename: String, data: Data) -> Bool {
        filename.lowercased().hasSuffix(".vcf") || String(decoding: data.prefix(64), as: UTF8.self).uppercased().contains("BEGIN:VCARD")
    }

    /// Strict UTF-8 (a BOM is dropped); UTF-16 with a BOM is accepted too.
    static func text(_ data: Data) throws -> String {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]), let s = String(data: data, encoding: .utf16) { return s }
        let bytes = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        guard let s = String(data: Data(bytes), encoding: .utf8) else {
            let offset = Self.firstInvalidUTF8(Array(bytes))
            let line = bytes.prefix(offset).filter { $0 == 0x0A }.count + 1
            throw Problem(message: "The file is not UTF-8 text (first unreadable byte on line \(line)). It was probably saved as Windows-1252 or Latin-1: save it again as “CSV UTF-8” and upload it again.")
        }
        if s.contains("\u{0}") { throw Problem(message: "The file contains NUL characters: it is not a text file.") }
        return s
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let n = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            if n == 0 || i + n > bytes.count || !bytes[i + 1 ..< i + n].allSatisfy({ $0 >> 6 == 0b10 }) { return i }
            i += n
        }
        return i
    }

    /// The separator used in the header line: comma, semicolon (spreadsheets in Italy) or tab.
    static func delimiter(_ text: String) -> UnicodeScalar {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        var counts: [Character: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for ch in firstLine {
            if ch == "\"" { quoted.toggle() } else if !quoted, counts[ch] != nil { counts[ch]! += 1 }
        }
        let best = counts.max { ($0.value, $0.key == "," ? 1 : 0) < ($1.value, $1.key == "," ? 1 : 0) }!
        return best.value == 0 ? "," : best.key.unicodeScalars.first!
    }

    /// Reads the whole file, or only the first `limit` data rows (previews).
    static func read(_ data: Data, filename: String, limit: Int = .max) throws -> ImportFile {
        let text = try text(data)
        if isVCard(filename: filename, data: data) {
            let cards = VCardReader.read(text)
            guard !cards.isEmpty else { throw Problem(message: "No vCard (BEGIN:VCARD … END:VCARD) was found in the file.") }
            return ImportFile(headers: [], rows: [], cards: Array(cards.prefix(limit)))
        }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter(text)) } catch {
            throw Problem(message: "The first row must name the columns (e.g. first_name,last_name,phone,email).")
        }
        let headers = (reader.headerRow ?? []).map { $0.trimmed }
        guard headers.contains(where: { !$0.isEmpty }) else { throw Problem(message: "The file is empty: the first row must name the columns.") }
        var rows: [(Int, [String])] = []
        var rowNo = 1
        while rows.count < limit, let row = reader.next() {
            rowNo += 1
            if row.allSatisfy({ $0.trimmed.isEmpty }) { continue }
            rows.append((rowNo, row))
        }
        if reader.error != nil { throw Problem(message: "The file could not be read as CSV after row \(rowNo).") }
        return ImportFile(headers: headers, rows: rows, cards: nil)
    }
}
