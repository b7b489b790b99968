import Foundation
import TorqueDomain
import TorqueStore

/// Reads, checks and applies a stock CSV for the API and the page alike.
struct StockImportFile {
    let services: AppServices

    /// Returns how many vehicles came in; throws `ImportFile.Problem` for an unreadable file and
    /// `FileRowErrors` for rows that are wrong.
    func run(csv: String, unitID: Int, principal p: Principal) async throws -> Int {
        let file = try ImportFile.read(Data(csv.utf8), filename: "stock.csv")
        var fields: [Int: String] = [:]
        for (i, h) in file.headers.enumerated() {
            if let f = StockImport.headers[h.lowercased().replacingOccurrences(of: " ", with: "_")], !fields.values.contains(f) { fields[i] = f }
        }
        let missing = ["vin", "model"].filter { !fields.values.contains($0) }
        if !missing.isEmpty {
            throw ImportFile.Problem(message: "The first row must name the columns; vin and model are needed (missing: \(missing.joined(separator: ", "))). Others: trim, engine, colour, options, status, kind, location, price, cost, mileage_km, plate, in_stock_since.")
        }
        let rows = file.rows.map { row in
            (rowNo: row.rowNo, cells: Dictionary(uniqueKeysWithValues: fields.compactMap { i, f in i < row.cells.count ? (f, row.cells[i]) : nil }))
        }
        let store = StockImportStore(db: services.db)
        let known = try await store.knownVINs(rows.map { VIN.normalise($0.cells["vin"] ?? "") })
        let models = try await store.models(scope: p.scope)
        switch StockImport.check(rows, models: models, known: known, ownWMIs: Set(services.vinDecoder.ownMakes.keys), today: ContactFields.today(in: p.timeZone)) {
        case .failure(let errors): throw errors
        case .success(let inputs):
            return try await store.apply(inputs, currency: Money.currency(forCountry: p.country), unitID: unitID, scope: p.scope, actor: p.actor)
        }
    }
}
