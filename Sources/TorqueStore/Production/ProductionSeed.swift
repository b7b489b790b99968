import SQLKit
import TorqueDomain

/// Bulk writes of production history for the demo and the benchmark: days, builds, inspections
/// and their defects in multi-row statements, without the per-record checks of ProductionStore.
public struct ProductionSeed: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public struct Build: Sendable { public var vin: String, modelID: Int, day: String, defects: [String]
        public init(vin: String, modelID: Int, day: String, defects: [String]) { self.vin = vin; self.modelID = modelID; self.day = day; self.defects = defects }
    }

    public func codes(_ codes: [(code: String, component: String, description: String)]) async throws {
        try await db.transaction { tx in
            let now = Clock.nowString()
            try await BatchInsert.run("INSERT INTO defect_codes (code, component, description, created_at) VALUES",
                                      codes.map { "(\(bind: $0.code), \(bind: $0.component), \(bind: $0.description), \(bind: now))" }, on: tx)
        }
    }

    /// Records `builds` at `plantID`: the day counts, the VINs, one inspection each (failed when
    /// it has defects). Inspections get ids in one range so defects can point at them.
    public func builds(_ builds: [Build], plantID: Int, inspector: String = "demo data") async throws {
        try await db.transaction { tx in
            let now = Clock.nowString()
            var perDay: [String: Int] = [:]
            for b in builds { perDay["\(b.modelID)|\(b.day)", default: 0] += 1 }
            try await BatchInsert.run("INSERT INTO production_days (org_unit_id, model_id, day, units, recorded_by_name, updated_at) VALUES",
                                      perDay.map { key, n in let k = key.split(separator: "|"); return "(\(bind: plantID), \(bind: Int(k[0])!), \(bind: String(k[1])), \(bind: n), \(bind: inspector), \(bind: now))" },
                                      tail: "ON CONFLICT (org_unit_id, model_id, day) DO UPDATE SET units = production_days.units + excluded.units", on: tx)
            try await BatchInsert.run("INSERT INTO vehicle_builds (vin, org_unit_id, model_id, built_on, created_at) VALUES",
                                      builds.map { "(\(bind: $0.vin), \(bind: plantID), \(bind: $0.modelID), \(bind: $0.day), \(bind: now))" }, on: tx)
            try await BatchInsert.run("INSERT INTO qa_inspections (org_unit_id, vin, model_id, inspected_on, passed, defects, inspector, note, created_at) VALUES",
                                      builds.map { "(\(bind: plantID), \(bind: $0.vin), \(bind: $0.modelID), \(bind: $0.day), \(bind: $0.defects.isEmpty), \(bind: $0.defects.joined(separator: ",")), \(bind: inspector), '', \(bind: now))" }, on: tx)
            let failed = builds.filter { !$0.defects.isEmpty }
            guard !failed.isEmpty else { return }
            var ids: [String: Int] = [:]
            for chunk in stride(from: 0, to: failed.count, by: 400) {
                let vins = failed[chunk..<min(chunk + 400, failed.count)].map(\.vin)
                for r in try await tx.raw("SELECT id, vin FROM qa_inspections WHERE vin IN \(SQLBind.group(vins))").all() { ids[try r.decode(column: "vin", as: String.self)] = try r.decode(column: "id", as: Int.self) }
            }
            var rows: [SQLQueryString] = []
            for b in failed { for code in b.defects { rows.append("(\(bind: ids[b.vin]!), \(bind: plantID), \(bind: b.modelID), \(bind: code), \(bind: b.day))") } }
            try await BatchInsert.run("INSERT INTO qa_defects (inspection_id, org_unit_id, model_id, code, inspected_on) VALUES", rows, on: tx)
        }
    }
}
