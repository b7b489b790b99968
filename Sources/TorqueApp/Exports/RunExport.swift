import Foundation
import TorqueDomain
import TorqueStore
import ZIPFoundation

/// The job behind an export-all bundle: every table of the requester's part of the network as
/// CSV, customers also as JSON, and a manifest, zipped into the export folder.
struct RunExport: JobHandler {
    static let kindName = "exports.run"
    var kind: String { Self.kindName }

    struct Payload: Decodable { var export_id: Int }

    func run(_ job: Job, services: AppServices) async throws {
        let id = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8)).export_id
        let store = services.exports
        let export = try await store.get(id, scope: .everything)
        guard export.status == "queued" else { return }
        try await store.mark(id, status: "running")
        do {
            let (name, bytes, counts) = try await Self.write(export, services: services)
            let json = String(decoding: try JSONEncoder().encode(counts), as: UTF8.self)
            try await store.mark(id, status: "done", filename: name, bytes: bytes, countsJSON: json, message: "\(counts.values.reduce(0, +)) records in \(counts.count) tables.")
        } catch {
            try await store.mark(id, status: "failed", message: "The export stopped: \(error)")
        }
    }

    static func write(_ export: DataExport, services: AppServices) async throws -> (String, Int, [String: Int]) {
        let unit = try await services.orgUnits.get(export.orgUnitId, scope: .everything)
        let scope = Scope(path: unit.path)
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("torque-export-\(export.id)-\(UUID().uuidString)")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work) }
        var counts: [String: Int] = [:]
        for table in ExportStore.tables {
            let url = work.appendingPathComponent("\(table.name).csv")
            fm.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.write(contentsOf: Data(CSVText.line(table.columns).utf8))
            var n = 0
            let json = table.name == "customers" ? try Self.open(work.appendingPathComponent("customers.json")) : nil
            if let json { try json.write(contentsOf: Data("[\n".utf8)) }
            try await services.exports.walk(table, scope: scope) { rows in
                var text = ""
                for row in rows { text += CSVText.line(row) }
                try handle.write(contentsOf: Data(text.utf8))
                if let json {
                    var chunk = ""
                    for row in rows {
                        let object = Dictionary(uniqueKeysWithValues: zip(table.columns, row.map { $0.map { $0 as Any } ?? NSNull() }))
                        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                        chunk += (n == 0 && chunk.isEmpty ? "" : ",\n") + String(decoding: data, as: UTF8.self)
                    }
                    try json.write(contentsOf: Data(chunk.utf8))
                }
                n += rows.count
            }
            if let json { try json.write(contentsOf: Data("\n]\n".utf8)); try json.close() }
            counts[table.name] = n
        }
        let manifest: [String: Any] = [
            "exported_at": Clock.nowString(), "unit": ["id": unit.id, "code": unit.code, "name": unit.name], "requested_by": export.userName,
            "tables": ExportStore.tables.map { ["name": $0.name, "file": "\($0.name).csv", "rows": counts[$0.name] ?? 0, "columns": $0.columns] as [String: Any] },
            "notes": "UTF-8 CSV with a header row; amounts in cents (*_minor); times in UTC (ISO 8601). Passwords, tokens and API keys are not exported.",
        ]
        try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys]).write(to: work.appendingPathComponent("manifest.json"))
        let folder = URL(fileURLWithPath: services.config.exportDirectory, isDirectory: true)
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = "torque-export-\(export.id)-\(unit.code.lowercased()).zip"
        let zipURL = folder.appendingPathComponent(name)
        try? fm.removeItem(at: zipURL)
        let archive = try Archive(url: zipURL, accessMode: .create)
        for file in try fm.contentsOfDirectory(atPath: work.path).sorted() {
            try archive.addEntry(with: file, fileURL: work.appendingPathComponent(file), compressionMethod: .deflate)
        }
        let bytes = (try fm.attributesOfItem(atPath: zipURL.path)[.size] as? NSNumber)?.intValue ?? 0
        return (name, bytes, counts)
    }

    static func open(_ url: URL) throws -> FileHandle {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        return try FileHandle(forWritingTo: url)
    }
}
