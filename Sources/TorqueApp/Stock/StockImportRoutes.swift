import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/stock/import`: load a vehicle list exported from a dealer management system (INT-3).
struct StockImportRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/stock/import", use: form)
        router.post("/stock/import", use: run)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.stockWrite)
        return page(csv: "", errors: .init(), rows: [], request: request, context: context)
    }

    func page(csv: String, errors: ValidationErrors, rows: [ImportRowError], request: Request, context: AppRequestContext) -> Response {
        pages.render("stock/import", title: "Import stock", data: [
            "csv": csv, "errors": errors.fields, "hasErrors": !errors.isEmpty || !rows.isEmpty, "hasRows": !rows.isEmpty, "rowCount": rows.count,
            "rows": rows.prefix(200).map { ["row": $0.rowNo, "field": $0.field, "message": $0.message, "value": $0.value] as [String: Any] },
            "script": "textfile.js",
        ], context: context, request: request, status: errors.isEmpty && rows.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func run(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        let csv = try await FormData.read(request, context: context)["csv"] ?? ""
        guard !csv.trimmed.isEmpty else { return page(csv: csv, errors: ValidationErrors(["csv": "is required: paste the file or choose it"]), rows: [], request: request, context: context) }
        do {
            let n = try await StockImportFile(services: services).run(csv: csv, unitID: p.orgUnitID, principal: p)
            return PageRenderer.redirect(to: "/stock?sort=newest", flash: "\(n) vehicles imported into \(p.orgUnitName).")
        } catch let problem as ImportFile.Problem {
            return page(csv: csv, errors: ValidationErrors(["csv": problem.message]), rows: [], request: request, context: context)
        } catch let errors as FileRowErrors {
            return page(csv: csv, errors: .init(), rows: errors.rows, request: request, context: context)
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return page(csv: csv, errors: ValidationErrors(["csv": AppError.from(e)!.fields.values.joined(separator: "; ")]), rows: [], request: request, context: context)
        }
    }
}
