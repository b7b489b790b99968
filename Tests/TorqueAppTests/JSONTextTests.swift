import Foundation
@testable import TorqueApp
import XCTest

/// The hand-written JSON writer gives what a JSON parser reads back, whatever the text holds.
final class JSONTextTests: XCTestCase {
    func testNestedValuesAndAwkwardStringsReadBackUnchanged() throws {
        let awkward = "Autorama \"Nord\" \\ C:\\tmp\n\ttab \u{1} bell \u{7F} — Müller 東京 👍 </script>"
        var w = JSONText(capacity: 8)
        w.openObject()
        w.member("name", awkward)
        w.member("count", -42)
        w.member("zero", 0)
        w.member("big", Int.max)
        w.member("missing", nil as Int?)
        w.key("list"); w.openArray()
        for i in 0..<3 { w.openObject(); w.member("i", i); w.closeObject() }
        w.value("x"); w.value(7)
        w.closeArray()
        w.key("empty"); w.openArray(); w.closeArray()
        w.key("nested"); w.openObject(); w.closeObject()
        w.closeObject()
        let data = Data(w.buffer.readableBytesView)
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(parsed["name"] as? String, awkward)
        XCTAssertEqual(parsed["count"] as? Int, -42)
        XCTAssertEqual(parsed["zero"] as? Int, 0)
        XCTAssertEqual(parsed["big"] as? Int, Int.max)
        XCTAssertTrue(parsed["missing"] is NSNull)
        let list = try XCTUnwrap(parsed["list"] as? [Any])
        XCTAssertEqual(list.count, 5)
        XCTAssertEqual((list[2] as? [String: Int])?["i"], 2)
        XCTAssertEqual(list[3] as? String, "x")
        XCTAssertEqual((parsed["empty"] as? [Any])?.count, 0)
        XCTAssertEqual((parsed["nested"] as? [String: Any])?.count, 0)
    }
}
