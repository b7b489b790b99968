import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/imports`: send a CSV or vCard file as the body; it is checked and applied by a job.
struct ImportAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/imports", use: list)
        router.post("/api/v1/imports", use: create)
        router.get("/api/v1/imports/:id", use: show)
        router.get("/api/v1/imports/:id/errors", use: errors)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let (limit, after) = try request.pagination()
        let page = try await services.imports.list(scope: p.scope, limit: limit, afterID: after)
        return try APIResponse.json(APIResponse.List(data: page.items.map { ImportJSON(imp: $0, progress: services.importProgress.get($0.id)) }, nextCursor: page.nextCursor))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let imp = try await services.imports.get(try context.id(), scope: p.scope)
        return try APIResponse.json(ImportJSON(imp: imp, progress: services.importProgress.get(imp.id)))
    }

    @Sendable func errors(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let (limit, after) = try request.pagination(defaultLimit: 500)
        return try APIResponse.list(try await services.imports.errors(try context.id(), scope: p.scope, limit: limit, afterID: after))
    }

    /// One call: upload, map (given or guessed from the header), start.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        var errors = ValidationErrors()
        let mode = ImportMode(rawValue: request.query("mode") ?? ImportMode.allOrNothing.rawValue)
        if mode == nil { errors.add("mode", "must be one of: " + ImportMode.allCases.map(\.rawValue).joined(separator: ", ")) }
        let duplicates = ImportDuplicates(rawValue: request.query("duplicates") ?? ImportDuplicates.useExisting.rawValue)
        if duplicates == nil { errors.add("duplicates", "must be one of: " + ImportDuplicates.allCases.map(\.rawValue).joined(separator: ", ")) }
        var unitID: Int?
        if let u = request.query("org_unit_id") {
            unitID = Int(u)
            if unitID == nil { errors.add("org_unit_id", "must be a whole number") }
        }
        var given: [ImportColumn]?
        if let m = request.query("mapping") {
            let names = m.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let columns = names.map { ImportColumn(rawValue: $0.isEmpty ? "ignore" : $0) }
            if columns.contains(nil) { errors.add("mapping", "lists fields in column order, each one of: " + ImportColumn.allCases.map(\.rawValue).joined(separator: ", ")) }
            given = columns.compactMap { $0 }
        }
        guard errors.isEmpty, let mode, let duplicates else { throw AppError.invalid(errors) }
        let data = try await ImportUpload.body(request)
        let (imp, preview) = try await ImportUpload(services: services).store(data, filename: request.query("filename") ?? "upload.csv", principal: p, unitID: unitID)
        var mapping = imp.mapping
        if preview.cards == nil {
            if let given {
                guard given.count == preview.headers.count else {
                    throw AppError.invalid(.init(["mapping": "names \(given.count) columns but the file has \(preview.headers.count): \(preview.headers.joined(separator: ", "))"]))
                }
                mapping = given
            }
            let problems = ImportCheck.mappingProblems(mapping)
            guard problems.isEmpty else {
                throw AppError.invalid(.init(["mapping": problems.joined(separator: " ") + " Columns found: \(preview.headers.joined(separator: ", ")). Send mapping=… in column order."]))
            }
        }
        let started = try await services.imports.start(imp.id, mapping: mapping, mode: mode, duplicates: duplicates, scope: p.scope, actor: p.actor)
        var response = try APIResponse.json(ImportJSON(imp: started, progress: nil), status: .accepted)
        response.headers[.location] = "/api/v1/imports/\(imp.id)"
        return response
    }
}
