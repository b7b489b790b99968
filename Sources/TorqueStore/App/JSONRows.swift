import Foundation
import SQLKit

/// Many rows inserted as one bound JSON text that the database unpacks (SQLite's `json_each`,
/// PostgreSQL's `json_array_elements`). For bulk writes of many columns (imports, generated
/// data) this beats multi-row VALUES: binding a value through the driver costs more than the
/// database's own insert, and thousands of rows become one value instead of one per cell.
struct JSONRows {
    /// A column's SQL type, for PostgreSQL's casts (SQLite takes the JSON value as it is).
    enum Kind: String {
        case bigint, text, boolean
        /// Words without spaces, sent as one text joined by spaces (a PostgreSQL text array).
        case words
    }
    /// One value of a row.
    enum Cell {
        case int(Int), text(String), bool(Bool), null

        init(_ value: Int?) { self = value.map(Cell.int) ?? .null }
        init(_ value: String?) { self = value.map(Cell.text) ?? .null }
    }

    /// `rows` as a JSON array of arrays. Written here rather than by JSONEncoder, which took a
    /// sixth of an import's time (measured) on these four kinds of value.
    static func json(_ rows: [[Cell]]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * (rows.first?.count ?? 1) * 12)
        out.append(UInt8(ascii: "["))
        for (r, row) in rows.enumerated() {
            if r > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            for (i, cell) in row.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                switch cell {
                case .int(let v): out.append(contentsOf: String(v).utf8)
                case .bool(let v): out.append(contentsOf: (v ? "true" : "false").utf8)
                case .null: out.append(contentsOf: "null".utf8)
                case .text(let v): appendString(v, to: &out)
                }
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON string (RFC 8259: quote, backslash and control characters escaped; the rest as UTF-8).
    private static let hex = Array("0123456789abcdef".utf8)

    private static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0..<0x20: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    var table: String
    var columns: [(name: String, kind: Kind)]

    /// The INSERT of `rows` (each in `columns` order), followed by `tail` (ON CONFLICT, RETURNING).
    func insert(_ rows: [[Cell]], tail: String = "", on db: any SQLDatabase) -> SQLQueryString {
        let json = Self.json(rows)
        let names = columns.map(\.name).joined(separator: ", ")
        if db.dialect.name == "sqlite" {
            let values = columns.indices.map { "value ->> \($0)" }.joined(separator: ", ")
            // "WHERE true" keeps SQLite from reading a following ON CONFLICT as a join's ON.
            return "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: names)) SELECT \(unsafeRaw: values) FROM json_each(\(bind: json)) WHERE true ORDER BY key \(unsafeRaw: tail)"
        }
        let values = columns.enumerated().map { i, column in
            column.kind == .words ? "string_to_array(value ->> \(i), ' ')" : "CAST(value ->> \(i) AS \(column.kind.rawValue))"
        }.joined(separator: ", ")
        return "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: names)) SELECT \(unsafeRaw: values) FROM json_array_elements(CAST(\(bind: json) AS json)) WITH ORDINALITY ORDER BY ordinality \(unsafeRaw: tail)"
    }

    /// Inserts `rows` in slices of `slice`, running `tail` after each.
    func run(_ rows: [[Cell]], slice: Int = 5_000, tail: String = "", on db: any SQLDatabase) async throws {
        for start in stride(from: 0, to: rows.count, by: slice) {
            try await db.raw(insert(Array(rows[start..<min(start + slice, rows.count)]), tail: tail, on: db)).run()
        }
    }
}
