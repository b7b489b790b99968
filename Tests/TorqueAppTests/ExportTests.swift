import Foundation
import TorqueApp
import TorqueDomain
import TorqueTestSupport
import XCTest
import ZIPFoundation

/// CUS-8 export: every record of the caller's part of the network, in one zip.
final class ExportTests: XCTestCase {
    func testTheBundleHoldsTheUnitsDataAndNothingOfItsSiblings() async throws {
        try await TestApp.each { client, app in
            // setup: a customer with a comma and a formula-looking note at D-MI1, another at D-MI2
            let t = try await client.token("sales1")
            let ours = try await client.request(.post, "/api/v1/customers", token: t, json: #"{"last_name":"Rossi, Jr","phone":"3401110001"}"#).json["id"] as! Int
            _ = try await client.request(.post, "/api/v1/customers/\(ours)/contacts", token: t, json: #"{"channel":"phone","note":"=HYPERLINK(\"x\")"}"#)
            _ = try await client.request(.post, "/api/v1/customers", token: try await client.token("sales2"), json: #"{"last_name":"Altrove","phone":"3401110002"}"#)
            let principal = try await client.token("principal1")
            let forbidden = try await client.request(.post, "/api/v1/exports", token: t)
            XCTAssertEqual(forbidden.status, .forbidden, "salespeople do not export the dealer's data")
            // act
            let queued = try await client.request(.post, "/api/v1/exports", token: principal)
            XCTAssertEqual(queued.status, .accepted, queued.text)
            let id = queued.json["id"] as! Int
            _ = try await JobWorker(services: app.services, recurring: []).runOnce()
            // check
            let done = try await client.request(.get, "/api/v1/exports/\(id)", token: principal)
            XCTAssertEqual(done.json["status"] as? String, "done", done.text)
            let zip = try await client.request(.get, "/api/v1/exports/\(id)/download", token: principal, rawBytes: nil)
            XCTAssertEqual(zip.headers[.contentType], "application/zip")
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("t-\(UUID().uuidString).zip")
            try Data(zip.bytes).write(to: path)
            let archive = try Archive(url: path, accessMode: .read)
            let names = Set(archive.map(\.path))
            XCTAssertTrue(names.isSuperset(of: ["manifest.json", "customers.csv", "customers.json", "contacts.csv", "timeline_events.csv", "leads.csv", "users.csv"]), "\(names)")
            func text(_ name: String) throws -> String {
                var data = Data()
                _ = try archive.extract(archive[name]!) { data.append($0) }
                return String(decoding: data, as: UTF8.self)
            }
            let customers = try text("customers.csv")
            XCTAssertTrue(customers.contains(#""Rossi, Jr""#), "quoted because of the comma")
            XCTAssertFalse(customers.contains("Altrove"), "the sibling dealer's customer is not in the bundle")
            XCTAssertTrue(try text("contacts.csv").contains(#""'=HYPERLINK(""x"")""#), "a formula is defused")
            XCTAssertFalse(try text("users.csv").contains("$2"), "no password hashes")
            XCTAssertEqual(try text("customer_units.csv").split(separator: "\r\n").count, 2, "the header and the one share of the dealer")
            let json = try JSONSerialization.jsonObject(with: Data(try text("customers.json").utf8)) as! [[String: Any]]
            XCTAssertEqual(json.map { $0["last_name"] as? String }, ["Rossi, Jr"])
            let other = try await client.request(.get, "/api/v1/exports/\(id)/download", token: try await client.token("admin"))
            XCTAssertEqual(other.status, .ok, "the OEM administrator sees exports below")
            let readOnly = try await client.request(.get, "/api/v1/exports/\(id)", token: try await client.token("exec"))
            XCTAssertEqual(readOnly.status, .forbidden, "exporting is for those who manage the unit's logins")
        }
    }
}
