import Foundation
import TorqueDomain
import TorqueStore

/// Reads a work-order CSV (INT-3) for the API and the repair-orders page alike.
struct WorkOrderImportFile {
    let services: AppServices

    func run(csv: String, workshopID: Int, principal p: Principal) async throws -> (orders: Int, lines: Int) {
        let file = try ImportFile.read(Data(csv.utf8), filename: "work-orders.csv")
        var fields: [Int: String] = [:]
        for (i, h) in file.headers.enumerated() {
            let key = h.trimmed.lowercased().replacingOccurrences(of: " ", with: "_")
            if let f = WorkOrderImport.columns.contains(key) ? key : WorkOrderImport.aliases[key], !fields.values.contains(f) { fields[i] = f }
        }
        let missing = ["number", "vin", "day", "mileage_km"].filter { !fields.values.contains($0) }
        if !missing.isEmpty {
            throw ImportFile.Problem(message: "The first row must name the columns; number, vin, day and mileage_km are needed (missing: \(missing.joined(separator: ", "))). Others: kind, code, description, minutes, quantity, unit_price, technician.")
        }
        let rows = file.rows.map { row in
            (rowNo: row.rowNo, cells: Dictionary(uniqueKeysWithValues: fields.compactMap { i, f in i < row.cells.count ? (f, row.cells[i]) : nil }))
        }
        switch WorkOrderImport.check(rows, today: ContactFields.today(in: p.timeZone)) {
        case .failure(let errors): throw errors
        case .success(let orders):
            return try await services.workOrderImports.apply(orders, workshopID: workshopID, currency: Money.currency(forCountry: p.country), scope: p.scope, actor: p.actor)
        }
    }
}
