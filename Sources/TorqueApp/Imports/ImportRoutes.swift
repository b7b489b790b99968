import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/imports`: upload a file, map its columns with a preview, watch it run, read the errors.
struct ImportRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/imports", use: index)
        router.post("/imports/upload", use: upload)
        router.get("/imports/:id", use: show)
        router.post("/imports/:id/start", use: start)
        router.get("/imports/:id/errors.csv", use: errorReport)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        return try await indexPage(error: nil, pasted: "", principal: p, context: context, request: request)
    }

    func indexPage(error: String?, pasted: String, principal p: Principal, context: AppRequestContext, request: Request) async throws -> Response {
        let list = try await services.imports.list(scope: p.scope, limit: 20).items
        var data: [String: Any] = [
            "script": "import.js", "pasted": pasted, "empty": list.isEmpty,
            "imports": list.map { i in
                ["id": i.id, "filename": i.filename, "status": i.status, "when": AuditView.localTime(i.createdAt, timeZone: p.timeZone), "who": i.userName,
                 "created": i.createdRows, "existing": i.existingRows, "errors": i.errorRows] as [String: Any]
            },
            "columns": ImportColumn.allCases.filter { $0 != .ignore }.map(\.rawValue).joined(separator: ", "),
        ]
        if let error { data["error"] = error }
        return pages.render("imports/index", title: "Import customers", data: data, context: context, request: request, status: error == nil ? .ok : .unprocessableContent)
    }

    /// The file as the request body (the page's script), or pasted text in a form.
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        var data: Data
        var filename = request.query("filename") ?? "upload.csv"
        var pasted = ""
        if request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") ?? false {
            let form = try await FormData.read(request, context: context)
            pasted = form["content"] ?? ""
            data = Data(pasted.utf8)
            filename = pasted.uppercased().hasPrefix("BEGIN:VCARD") ? "pasted.vcf" : "pasted.csv"
        } else {
            do { data = try await ImportUpload.body(request) } catch let AppError.invalid(e) {
                return try await indexPage(error: e.fields["file"], pasted: "", principal: p, context: context, request: request)
            }
        }
        do {
            let (imp, _) = try await ImportUpload(services: services).store(data, filename: filename, principal: p)
            return PageRenderer.redirect(to: "/imports/\(imp.id)")
        } catch let AppError.invalid(e) {
            return try await indexPage(error: "The file " + (e.fields["file"] ?? "could not be read"), pasted: pasted, principal: p, context: context, request: request)
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let imp = try await services.imports.get(try context.id(), scope: p.scope)
        if imp.status == "uploaded" {
            return try await mappingPage(imp, mapping: imp.mapping, mode: .allOrNothing, duplicates: .useExisting, problems: [], principal: p, context: context, request: request)
        }
        var data: [String: Any] = ["id": imp.id, "filename": imp.filename, "status": imp.status, "message": imp.message, "finished": imp.isFinished,
                                   "created": imp.createdRows, "existing": imp.existingRows, "errorRows": imp.errorRows, "total": imp.totalRows,
                                   "done": imp.status == "done", "rejected": imp.status == "rejected", "failed": imp.status == "failed"]
        if !imp.isFinished {
            let progress = services.importProgress.get(imp.id)
            data["refresh"] = 1
            data["phase"] = progress?.phase ?? (imp.status == "queued" ? "Waiting for its turn" : "Working")
            data["progressDone"] = progress?.done ?? 0
            data["progressTotal"] = max(progress?.total ?? 0, 1)
            data["percent"] = progress.map { $0.total == 0 ? 0 : 100 * $0.done / $0.total } ?? 0
        } else if imp.errorRows > 0 {
            let errors = try await services.imports.errors(imp.id, scope: p.scope, limit: 100).items
            data["errors"] = errors.map { ["row": $0.rowNo, "field": $0.field, "message": $0.message, "value": $0.value] as [String: Any] }
            data["hasErrors"] = true
            data["moreErrors"] = imp.errorRows > 100
        }
        return pages.render("imports/show", title: "Import \(imp.filename)", data: data, context: context, request: request)
    }

    func mappingPage(_ imp: DataImport, mapping: [ImportColumn], mode: ImportMode, duplicates: ImportDuplicates, problems: [String],
                     principal p: Principal, context: AppRequestContext, request: Request) async throws -> Response {
        let file = try ImportFile.read(try await services.imports.content(imp.id), filename: imp.filename, limit: 5)
        let unit = try await services.orgUnits.get(imp.orgUnitId, scope: .everything)
        let (_, previewErrors) = ImportCheck.validate(file, mapping: mapping, defaultCountry: unit.country)
        let byRow = Dictionary(grouping: previewErrors, by: \.rowNo)
        var data: [String: Any] = [
            "id": imp.id, "filename": imp.filename, "isVCard": file.cards != nil, "problems": problems, "hasProblems": !problems.isEmpty,
            "columns": file.headers.enumerated().map { i, header in
                ["index": i, "header": header, "options": ImportColumn.allCases.map { c in
                    ["value": c.rawValue, "label": c.label, "selected": i < mapping.count && mapping[i] == c] as [String: Any]
                }] as [String: Any]
            },
            "modes": SelectOptions.of(ImportMode.allCases, selected: mode.rawValue) { $0.label },
            "duplicateOptions": SelectOptions.of(ImportDuplicates.allCases, selected: duplicates.rawValue) { $0.label },
        ]
        if let cards = file.cards {
            data["preview"] = cards.map { card in
                ["row": card.number, "cells": [card.fields[.firstName] ?? "", card.fields[.lastName] ?? card.fields[.companyName] ?? "", card.fields[.phone] ?? "", card.fields[.email] ?? ""],
                 "problem": (byRow[card.number] ?? []).map { "\($0.field) \($0.message)" }.joined(separator: "; ")] as [String: Any]
            }
            data["previewHeaders"] = ["First name", "Last name / company", "Phone", "E-mail"]
        } else {
            data["preview"] = file.rows.map { row in
                ["row": row.rowNo, "cells": row.cells, "problem": (byRow[row.rowNo] ?? []).map { "\($0.field.replacingOccurrences(of: "_", with: " ")) \($0.message)" }.joined(separator: "; ")] as [String: Any]
            }
            data["previewHeaders"] = file.headers
        }
        return pages.render("imports/mapping", title: "Map \(imp.filename)", data: data, context: context, request: request, status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let imp = try await services.imports.get(try context.id(), scope: p.scope)
        guard imp.status == "uploaded" else { return PageRenderer.redirect(to: "/imports/\(imp.id)") }
        let form = try await FormData.read(request, context: context)
        let headers = imp.headers
        let mapping = imp.format == "vcard" ? [] : headers.indices.map { ImportColumn(rawValue: form["col_\($0)"] ?? "ignore") ?? .ignore }
        let mode = ImportMode(rawValue: form["mode"] ?? "") ?? .allOrNothing
        let duplicates = ImportDuplicates(rawValue: form["duplicates"] ?? "") ?? .useExisting
        var problems = imp.format == "vcard" ? [] : ImportCheck.mappingProblems(mapping)
        let used = mapping.filter { $0 != .ignore }
        if Set(used).count != used.count { problems.append("Each field can take one column only.") }
        guard problems.isEmpty else {
            return try await mappingPage(imp, mapping: mapping, mode: mode, duplicates: duplicates, problems: problems, principal: p, context: context, request: request)
        }
        _ = try await services.imports.start(imp.id, mapping: mapping, mode: mode, duplicates: duplicates, scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/imports/\(imp.id)")
    }

    /// Every row error as CSV, to fix the file in a spreadsheet.
    @Sendable func errorReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let imp = try await services.imports.get(try context.id(), scope: p.scope)
        let errors = try await services.imports.errors(imp.id, scope: p.scope).items
        var out = "row,field,problem,value\r\n"
        for e in errors { out += CSVText.line([String(e.rowNo), e.field, e.message, e.value]) }
        let name = imp.filename.replacingOccurrences(of: "\"", with: "").split(separator: ".").first.map(String.init) ?? "import"
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)-errors.csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: out)))
    }
}
