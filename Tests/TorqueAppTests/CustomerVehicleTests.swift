import Foundation
import SQLKit
import TorqueApp
import TorqueDomain
import TorqueTestSupport
import XCTest

/// CUS-2 and CUS-7 with vehicles: a customer is found by the VIN or plate of their car, a new
/// entry naming a known VIN is offered the owner, and the 360 page lists the cars.
final class CustomerVehicleTests: XCTestCase {
    func testTheOwnerIsFoundByVINOrPlateAndOfferedAsTheDuplicate() async throws {
        try await TestApp.each { client, app in
            let sales = try await client.token("sales1")
            let owner = try await client.request(.post, "/api/v1/customers", token: sales, json: #"{"first_name":"Carla","last_name":"Fumagalli","phone":"3351112233"}"#).json["id"] as! Int
            let vehicle = try await client.request(.get, "/api/v1/vehicles?status=in_stock&limit=1", token: sales).list[0]
            let id = vehicle["id"] as! Int, vin = vehicle["vin"] as! String
            let delivered = try await client.request(.patch, "/api/v1/vehicles/\(id)", token: try await client.token("manager1"), json: #"{"status":"delivered","customer_id":\#(owner),"plate":"GB 482 KT"}"#)
            XCTAssertEqual(delivered.status, .ok, delivered.text)
            for q in [vin.lowercased(), "gb482kt", "GB-482-KT"] {
                let found = try await client.request(.get, "/api/v1/customers?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", token: sales).list
                XCTAssertEqual(found.map { $0["id"] as! Int }, [owner], q)
            }
            // the same person typed again with another phone, but the car's VIN
            let twin = try await client.request(.post, "/api/v1/customers", token: sales, json: #"{"first_name":"Carla","last_name":"Fumagali","phone":"3359998877","vin":"\#(vin)"}"#)
            XCTAssertEqual(twin.status, .conflict, twin.text)
            XCTAssertTrue(twin.text.contains("owns the same vehicle (VIN \(vin))"), twin.text)
            let badVIN = try await client.request(.post, "/api/v1/customers", token: sales, json: #"{"last_name":"Nuovo","phone":"3359998870","vin":"ABC"}"#)
            XCTAssertEqual(badVIN.errorFields["vin"], "must have 17 characters; this one has 3")
            // the 360 page shows the car
            let page = try await client.request(.get, "/customers/\(owner)", cookie: try await client.session("sales1").cookie)
            XCTAssertTrue(page.text.contains(vin), "the car is on the customer page")
            XCTAssertTrue(page.text.contains("GB 482 KT"))
            // a merge moves the car with the customer
            let other = try await client.request(.post, "/api/v1/customers", token: sales, json: #"{"first_name":"C.","last_name":"Fumagalli","email":"carla@example.it","on_duplicate":"create"}"#).json["id"] as! Int
            let merged = try await client.request(.post, "/api/v1/customers/merge", token: sales, json: #"{"survivor_id":\#(other),"merged_id":\#(owner)}"#)
            XCTAssertEqual(merged.status, .ok, merged.text)
            let moved = try await client.request(.get, "/api/v1/vehicles/\(id)", token: sales).json["customer_id"] as? Int
            XCTAssertEqual(moved, other)
        }
    }
}
