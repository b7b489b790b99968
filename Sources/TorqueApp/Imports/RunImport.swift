import Foundation
import TorqueDomain
import TorqueStore

/// The job behind an import: read, check every row, then apply all valid rows in one
/// transaction, or nothing when the person asked for all or nothing and a row is wrong.
struct RunImport: JobHandler {
    static let kindName = "imports.run"
    var kind: String { Self.kindName }

    struct Payload: Decodable { var import_id: Int }

    func run(_ job: Job, services: AppServices) async throws {
        let id = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8)).import_id
        let store = services.imports
        let imp = try await store.get(id, scope: .everything)
        guard imp.status == "queued" else { return }
        do {
            try await Self.run(imp, services: services)
        } catch {
            let message = (error as? ImportFile.Problem)?.message ?? "The import stopped: \(error). Nothing was imported."
            try await store.finish(id, status: "failed", created: 0, existing: 0, errors: [], message: message)
            services.importProgress.clear(id)
        }
    }

    static func run(_ imp: DataImport, services: AppServices) async throws {
        let store = services.imports
        let unit = try await services.orgUnits.get(imp.orgUnitId, scope: .everything)
        let file = try ImportFile.read(try await store.content(imp.id), filename: imp.filename)
        let total = file.cards?.count ?? file.rows.count
        try await store.markRunning(imp.id, totalRows: total)
        services.importProgress.set(imp.id, phase: "Checking rows", done: 0, total: total)
        let mapping = imp.mapping
        let started = Date()
        let (rows, errors) = ImportCheck.validate(file, mapping: mapping, defaultCountry: unit.country)
        let checked = Date()
        let errorRows = Set(errors.map(\.rowNo)).count
        if imp.mode == ImportMode.allOrNothing.rawValue, !errors.isEmpty {
            try await store.finish(imp.id, status: "rejected", created: 0, existing: 0, errors: errors,
                                   message: "Nothing was imported: \(errorRows) of \(total) rows \(errorRows == 1 ? "needs" : "need") correcting. Download the error report, fix the file and upload it again, or choose to import the valid rows only.")
            services.importProgress.clear(imp.id)
            return
        }
        // The network's customers with the same phone or e-mail are used, not duplicated (unless asked).
        services.importProgress.set(imp.id, phase: "Looking for existing customers", done: 0, total: total)
        let found = try await store.existing(phones: rows.compactMap(\.input.phone), emails: rows.compactMap { $0.input.email.map(SearchKey.email) })
        var create: [ImportRow] = [], existing: [Int] = []
        for row in rows {
            let match = row.input.phone.flatMap { found.byPhone[$0] } ?? row.input.email.flatMap { found.byEmail[SearchKey.email($0)] }
            if let match, imp.duplicates == ImportDuplicates.useExisting.rawValue { existing.append(match) } else { create.append(row) }
        }
        services.importProgress.set(imp.id, phase: "Saving", done: 0, total: total)
        let known = Set(existing).count
        let message = "\(create.count) customer\(create.count == 1 ? "" : "s") created, \(known) already known and shared with your unit"
            + (errors.isEmpty ? "." : ", \(errorRows) row\(errorRows == 1 ? "" : "s") skipped (see the error report).")
        try await store.apply(imp.id, create: create, share: existing, errors: errors, unitID: imp.orgUnitId,
                              actor: Actor(userID: imp.userId, label: imp.userName), message: message) { done in
            services.importProgress.set(imp.id, phase: "Saving", done: done, total: create.count)
        }
        services.importProgress.clear(imp.id)
        services.logger.info("import \(imp.id): \(total) rows checked in \(String(format: "%.2f", checked.timeIntervalSince(started))) s, saved in \(String(format: "%.2f", Date().timeIntervalSince(checked))) s")
    }
}

/// Progress of the imports this process is running, for the progress bar (in memory: the
/// work happens in one transaction whose own writes other connections cannot see yet).
final class ImportProgress: @unchecked Sendable {
    struct State: Sendable { var phase: String; var done: Int; var total: Int }
    private let lock = NSLock()
    private var states: [Int: State] = [:]

    func set(_ id: Int, phase: String, done: Int, total: Int) { lock.withLock { states[id] = State(phase: phase, done: done, total: total) } }
    func get(_ id: Int) -> State? { lock.withLock { states[id] } }
    func clear(_ id: Int) { lock.withLock { _ = states.removeValue(forKey: id) } }
}
