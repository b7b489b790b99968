import SQLKit
@testable import TorqueStore
import TorqueTestSupport
import XCTest

/// Bulk rows travel as one JSON text written by hand: every text must reach the database as typed.
final class JSONRowsTests: XCTestCase {
    func testTextsNumbersAndNullsArriveAsTheyWere() async throws {
        let texts = ["plain", "", "quote \" and backslash \\ and slash /", "line\nbreak\tand tab\r", "bell \u{07} and \u{01}\u{1F}",
                     "Müller-Lüdenscheidt, Ñandú, Jørgen", "emoji 🚗 and 汽车", "\\u0041 is not an escape here", "del \u{7F}"]
        try await TestDatabases.each { db in
            try await db.sql.raw("CREATE TABLE json_rows_check (n BIGINT, t TEXT, b BOOLEAN, m BIGINT)").run()
            let rows: [[JSONRows.Cell]] = texts.enumerated().map { i, t in [.int(i), .text(t), .bool(i % 2 == 0), i == 3 ? .null : .int(-i * 1_000_000_007)] }
            try await JSONRows(table: "json_rows_check", columns: [("n", .bigint), ("t", .text), ("b", .boolean), ("m", .bigint)]).run(rows, slice: 4, on: db.sql)
            let back = try await db.sql.raw("SELECT n, t, b, m FROM json_rows_check ORDER BY n").all()
            XCTAssertEqual(try back.map { try $0.decode(column: "t", as: String.self) }, texts)
            XCTAssertEqual(try back.map { try $0.decode(column: "b", as: Bool.self) }, texts.indices.map { $0 % 2 == 0 })
            XCTAssertEqual(try back.map { try $0.decode(column: "m", as: Int?.self) }, texts.indices.map { $0 == 3 ? nil : -$0 * 1_000_000_007 })
        }
    }
}
