import Foundation
import TorqueDomain
import TorqueStore

/// Reads a work-order CSV (INT-3) for the API and the repair-orders page alike.
struct WorkOrderImportFile {
    let services: AppServices

    func run(csv: String, workshopID: Int, principal p: Principal) async throws -> (orders: Int, lines: Int) {
        let rows = try ImportFile.read(Data(csv.utf8), filename: "work-orders.csv")
            .mapped(columns: WorkOrderImport.columns, aliases: WorkOrderImport.aliases, required: ["number", "vin", "day", "mileage_km"])
        switch WorkOrderImport.check(rows, today: ContactFields.today(in: p.timeZone)) {
        case .failure(let errors): throw errors
        case .success(let orders):
            return try await services.workOrderImports.apply(orders, workshopID: workshopID, currency: Money.currency(forCountry: p.country), scope: p.scope, actor: p.actor)
        }
    }
}
