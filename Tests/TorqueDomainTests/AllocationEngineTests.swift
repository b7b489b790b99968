import TorqueDomain
import XCTest

/// The allocation engine (DIST-2) with plain values: the regional DC's exact car first, else the
/// best score of similarity against distance, else a factory order; never a unit twice.
final class AllocationEngineTests: XCTestCase {
    // Milan dealer; DC North in Verona (~145 km), Hub Centre in Bologna (~200 km), Hub South in Naples (~660 km).
    let hubs = [Hub(id: 1, name: "DC North", latitude: 45.44, longitude: 10.99), Hub(id: 2, name: "Hub Centre", latitude: 44.49, longitude: 11.34),
                Hub(id: 3, name: "Hub South", latitude: 40.85, longitude: 14.27)]
    let wanted = Build(trim: "TOP", engine: "EV", colour: "RED", options: ["ROOF", "NAV", "TOW"])
    let prices = ["ROOF": 1_200_00, "NAV": 900_00, "TOW": 300_00]

    func request(_ id: Int, model: String = "DAMA", build: Build? = nil) -> AllocationRequest {
        AllocationRequest(orderLineId: id, dealerLatitude: 45.46, dealerLongitude: 9.19, regionalHubId: 1, model: model, build: build ?? wanted)
    }

    func unit(_ id: Int, hub: Int, model: String = "DAMA", _ build: Build) -> HubUnit { HubUnit(vehicleId: id, vin: "VIN\(id)", hubId: hub, model: model, build: build) }

    func testTheRegionalDCsExactCarComesFirst() {
        let d = AllocationEngine.allocate([request(1)], units: [unit(10, hub: 2, wanted), unit(11, hub: 1, wanted)], hubs: hubs, optionPrices: prices)
        XCTAssertEqual(d[0].kind, .exact)
        XCTAssertEqual(d[0].vehicleId, 11)
        XCTAssertEqual(d[0].explanation, "DC North (the regional DC) has the exact car: VIN VIN11")
    }

    func testAnExactCarFartherAwayBeatsANearPartialOne() {
        var partial = wanted
        partial.options = ["ROOF", "NAV"]
        let d = AllocationEngine.allocate([request(1)], units: [unit(20, hub: 1, partial), unit(21, hub: 3, wanted)], hubs: hubs, optionPrices: prices)
        XCTAssertEqual(d[0].kind, .forwarded)
        XCTAssertEqual(d[0].vehicleId, 21, "100 − 660/150 = 96 beats the DC's 2 of 3 options (60 + 40 × 2100/2400 = 95)")
        XCTAssertTrue(d[0].explanation.hasPrefix("DC North had no exact match; Hub South has VIN VIN21 with the exact car, 6"), d[0].explanation)
    }

    func testOptionsWeighByTheirPrice() {
        var noTow = wanted, noRoof = wanted
        noTow.options = ["ROOF", "NAV"]
        noRoof.options = ["NAV", "TOW"]
        XCTAssertEqual(AllocationEngine.similarity(wanted: wanted, unit: noTow, optionPrices: prices).score, 95)
        XCTAssertEqual(AllocationEngine.similarity(wanted: wanted, unit: noRoof, optionPrices: prices).score, 80)
        let d = AllocationEngine.allocate([request(1)], units: [unit(30, hub: 2, noRoof), unit(31, hub: 2, noTow)], hubs: hubs, optionPrices: prices)
        XCTAssertEqual(d[0].vehicleId, 31, "missing the cheap tow bar is closer than missing the roof")
        XCTAssertTrue(d[0].explanation.contains("2 of 3 options (without TOW)"), d[0].explanation)
    }

    func testNothingCloseEnoughGoesToTheFactorySayingWhatCameClosest() {
        let other = Build(trim: "BASE", engine: "P12", colour: "WHITE", options: [])
        let d = AllocationEngine.allocate([request(1)], units: [unit(40, hub: 2, other), unit(41, hub: 1, model: "BRIO", wanted)], hubs: hubs, optionPrices: prices)
        XCTAssertEqual(d[0].kind, .factory)
        XCTAssertNil(d[0].vehicleId)
        XCTAssertTrue(d[0].explanation.contains("no unit of DAMA within 1200 km reaches similarity 70; the closest is at Hub Centre (similarity 0: trim BASE instead of TOP"), d[0].explanation)
        XCTAssertTrue(d[0].explanation.hasSuffix(": queued as a factory order"))
        // a lower threshold lets a partial match through
        var near = wanted
        near.colour = "BLUE"
        let looser = AllocationEngine.allocate([request(1)], units: [unit(42, hub: 2, near)], hubs: hubs, optionPrices: prices, policy: AllocationPolicy(minimumSimilarity: 95))
        XCTAssertEqual(looser[0].kind, .factory, "90 is below 95")
        XCTAssertEqual(AllocationEngine.allocate([request(1)], units: [unit(42, hub: 2, near)], hubs: hubs, optionPrices: prices)[0].vehicleId, 42)
    }

    func testAUnitIsNeverGivenTwice() {
        let d = AllocationEngine.allocate([request(1), request(2), request(3)], units: [unit(50, hub: 1, wanted), unit(51, hub: 2, wanted)], hubs: hubs, optionPrices: prices)
        XCTAssertEqual(d.map(\.vehicleId), [50, 51, nil])
        XCTAssertEqual(d.map(\.kind), [.exact, .forwarded, .factory])
    }

    func testTiesGoToTheNearerHubThenTheLowerVehicle() {
        let d = AllocationEngine.allocate([request(1)], units: [unit(61, hub: 3, wanted), unit(60, hub: 2, wanted), unit(59, hub: 2, wanted)], hubs: hubs, optionPrices: prices)
        XCTAssertEqual(d[0].vehicleId, 59, "Hub Centre is nearer; of its two, the lower id")
        let again = AllocationEngine.allocate([request(1)], units: [unit(59, hub: 2, wanted), unit(61, hub: 3, wanted), unit(60, hub: 2, wanted)], hubs: hubs, optionPrices: prices)
        XCTAssertEqual(again, d, "the input order does not change the answer")
    }
}
