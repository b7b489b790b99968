import TorqueDomain
import XCTest

/// INT-3: a stock file is checked row by row before anything is taken.
final class StockImportTests: XCTestCase {
    let model = StockImportModel(id: 7, make: "Torque Motors", name: "Dama", year: 2026, catalog: ModelCatalog(items: [
        CatalogItem(code: "BASE", name: "Essenziale", kind: .trim), CatalogItem(code: "P12", name: "1.2 Turbo", kind: .engine),
        CatalogItem(code: "WHITE", name: "Bianco", kind: .colour), CatalogItem(code: "NAV", name: "Navigation", kind: .option),
    ], rules: []))

    func row(_ n: Int, _ cells: [String: String]) -> (rowNo: Int, cells: [String: String]) { (n, cells) }

    func testGoodRowsBecomeVehiclesWithTheCatalogsNames() throws {
        let vin = DemoStock.vin(descriptor: "D3", trim: 0, engine: 0, year: 2026, serial: 1)
        let inputs = try StockImport.check([row(2, ["vin": vin.lowercased(), "model": "dama", "trim": "base", "engine": "P12", "colour": "WHITE", "options": "nav", "price": "28.900,00", "mileage_km": "12"])],
                                           models: ["DAMA": model], known: [], ownWMIs: ["ZTM"], today: "2026-11-25").get()
        XCTAssertEqual(inputs.count, 1)
        XCTAssertEqual(inputs[0].vin, vin)
        XCTAssertEqual(inputs[0].modelName, "Dama")
        XCTAssertEqual(inputs[0].priceMinor, 2_890_000)
        XCTAssertEqual(inputs[0].build.options, ["NAV"])
        XCTAssertEqual(inputs[0].inStockSince, "2026-11-25", "in stock from today unless the file says when")
    }

    func testEveryBadRowIsNamedAndNothingIsTaken() {
        let vin = DemoStock.vin(descriptor: "D3", trim: 0, engine: 0, year: 2026, serial: 2)
        let known = DemoStock.vin(descriptor: "D3", trim: 0, engine: 0, year: 2026, serial: 3)
        guard case .failure(let e) = StockImport.check([
            row(2, ["vin": vin, "model": "DAMA"]),
            row(3, ["vin": vin, "model": "DAMA"]),
            row(4, ["vin": known, "model": "DAMA"]),
            row(5, ["vin": "ZTMD3AP0XTT100004", "model": "NOPE", "trim": "SPORT"]),
            row(6, ["vin": DemoStock.vin(descriptor: "D3", trim: 0, engine: 0, year: 2026, serial: 5), "model": "DAMA", "trim": "WHITE", "status": "reserved", "price": "lots"]),
        ], models: ["DAMA": model], known: [known], ownWMIs: ["ZTM"], today: "2026-11-25") else { return XCTFail("accepted") }
        let byRow = Dictionary(grouping: e.rows, by: \.rowNo).mapValues { $0.map(\.field).sorted() }
        XCTAssertNil(byRow[2])
        XCTAssertEqual(byRow[3], ["vin"], "twice in the file")
        XCTAssertEqual(byRow[4], ["vin"], "already in the network")
        XCTAssertEqual(byRow[5], ["model", "vin"], "bad check digit, unknown model")
        XCTAssertEqual(byRow[6], ["price", "status", "trim"])
    }
}
