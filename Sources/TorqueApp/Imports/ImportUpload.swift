import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// Receiving an upload, shared by the page and the API: read the body (raw bytes, up to
/// 64 MiB), find the columns, guess the mapping, store it.
struct ImportUpload {
    let services: AppServices
    static let maxBytes = 64 * 1024 * 1024

    static func body(_ request: Request) async throws -> Data {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: maxBytes)
            return Data(buffer: buffer)
        } catch {
            throw AppError.invalid(.init(["file": "is larger than \(maxBytes / 1024 / 1024) MiB: split it into smaller files"]))
        }
    }

    /// Stores the file after reading its header (or its cards); file problems are field errors.
    func store(_ data: Data, filename: String, principal p: Principal, unitID: Int? = nil) async throws -> (DataImport, ImportFile) {
        guard !data.isEmpty else { throw AppError.invalid(.init(["file": "is empty"])) }
        let name = filename.isEmpty ? "upload.csv" : filename
        let preview: ImportFile
        do { preview = try ImportFile.read(data, filename: name, limit: 5) } catch let problem as ImportFile.Problem {
            throw AppError.invalid(.init(["file": problem.message]))
        }
        let mapping = preview.cards == nil ? ImportColumn.guess(preview.headers) : []
        let imp = try await services.imports.create(format: preview.cards == nil ? "csv" : "vcard", filename: name, content: data, headers: preview.headers,
                                                    mapping: mapping, unitID: unitID ?? p.orgUnitID, userID: p.userID, userName: p.name, scope: p.scope)
        return (imp, preview)
    }
}

struct ProgressJSON: Encodable { var phase: String; var done: Int; var total: Int }

/// An import in API answers, with live progress while it runs.
struct ImportJSON: Encodable {
    var imp: DataImport
    var progress: ImportProgress.State?

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(imp.id, forKey: .id)
        try c.encode(imp.orgUnitId, forKey: .orgUnitId)
        try c.encode(imp.userName, forKey: .userName)
        try c.encode(imp.format, forKey: .format)
        try c.encode(imp.filename, forKey: .filename)
        try c.encode(imp.status, forKey: .status)
        try c.encode(imp.mode, forKey: .mode)
        try c.encode(imp.duplicates, forKey: .duplicates)
        try c.encode(imp.headers, forKey: .headers)
        try c.encode(imp.mapping.map(\.rawValue), forKey: .mapping)
        try c.encode(imp.totalRows, forKey: .totalRows)
        try c.encode(imp.createdRows, forKey: .createdRows)
        try c.encode(imp.existingRows, forKey: .existingRows)
        try c.encode(imp.errorRows, forKey: .errorRows)
        try c.encode(imp.message, forKey: .message)
        try c.encode(imp.createdAt, forKey: .createdAt)
        try c.encodeIfPresent(imp.startedAt, forKey: .startedAt)
        try c.encodeIfPresent(imp.finishedAt, forKey: .finishedAt)
        if let progress { try c.encode(ProgressJSON(phase: progress.phase, done: progress.done, total: progress.total), forKey: .progress) }
    }
    enum Keys: String, CodingKey {
        case id, orgUnitId = "org_unit_id", userName = "user_name", format, filename, status, mode, duplicates, headers, mapping, totalRows = "total_rows",
             createdRows = "created_rows", existingRows = "existing_rows", errorRows = "error_rows", message, createdAt = "created_at",
             startedAt = "started_at", finishedAt = "finished_at", progress
    }
}
