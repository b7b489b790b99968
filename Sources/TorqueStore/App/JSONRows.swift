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
    enum Cell: Encodable {
        case int(Int), text(String), bool(Bool), null

        init(_ value: Int?) { self = value.map(Cell.int) ?? .null }
        init(_ value: String?) { self = value.map(Cell.text) ?? .null }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .int(let v): try c.encode(v)
            case .text(let v): try c.encode(v)
            case .bool(let v): try c.encode(v)
            case .null: try c.encodeNil()
            }
        }
    }

    var table: String
    var columns: [(name: String, kind: Kind)]

    /// The INSERT of `rows` (each in `columns` order), followed by `tail` (ON CONFLICT, RETURNING).
    func insert(_ rows: [[Cell]], tail: String = "", on db: any SQLDatabase) throws -> SQLQueryString {
        let json = String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
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
            try await db.raw(try insert(Array(rows[start..<min(start + slice, rows.count)]), tail: tail, on: db)).run()
        }
    }
}
