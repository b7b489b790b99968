import SQLKit
import TorqueDomain

/// A plant's output of one model on one day.
public struct ProductionDay: Codable, Sendable, Equatable {
    public var orgUnitId: Int
    public var modelId: Int
    public var modelTitle: String
    public var day: String
    public var units: Int
    public var recordedByName: String
}

/// A car's build and quality record, for its vehicle page (PROD-1).
public struct BuildRecord: Codable, Sendable, Equatable {
    public var vin: String
    public var plantId: Int
    public var plantName: String
    public var modelId: Int
    public var builtOn: String
    public var inspections: [QAInspection]
}

/// What the plants build (PROD-1): units per model per day and the VINs built, QA inspections
/// with the catalogue's defect codes. A plant's records belong to the plant (scope).
public struct ProductionStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// The plant `id` if the caller may see it and it is a plant; 404 otherwise.
    static func plant(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> (id: Int, name: String) {
        guard let r = try await sql.raw("SELECT id, name, kind FROM org_units WHERE id = \(bind: id) AND \(scope.condition("id"))").first(),
              try r.decode(column: "kind", as: String.self) == OrgUnitKind.plant.rawValue else { throw StoreError.notFound }
        return (id, try r.decode(column: "name", as: String.self))
    }

    public func plantName(_ id: Int, scope: Scope) async throws -> String { try await Self.plant(id, scope: scope, on: db.sql).name }

    /// Records a day's output of a model (replacing an earlier figure of that day) and the VINs
    /// built, all or nothing. A VIN already built anywhere is refused.
    public func record(plantID: Int, modelID: Int?, day: String, units: Int?, vins: [String], scope: Scope, actor: Actor, today: String = Clock.today()) async throws -> [ProductionDay] {
        var errors = ValidationErrors()
        if modelID == nil { errors.add("model_id", "is required") }
        if CalendarDay.parse(day) == nil { errors.add("day", "must be a day like 2026-12-03") } else if day > today { errors.add("day", "is in the future") }
        switch units { case nil: errors.add("units", "is required"); case let u? where !(0...5_000).contains(u): errors.add("units", "must be from 0 to 5,000"); default: break }
        var parsed: [String] = []
        for (i, raw) in vins.enumerated() where !raw.trimmed.isEmpty {
            switch VIN.parse(raw) {
            case .success(let v): parsed.append(v.value)
            case .failure(let p): errors.add("vins", "line \(i + 1) (\(raw.trimmed)) \(p.message)")
            }
        }
        if Set(parsed).count != parsed.count { errors.add("vins", "name a VIN twice") }
        if let u = units, parsed.count > u { errors.add("vins", "list \(parsed.count) VINs for \(u) cars built") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        let vinsBuilt = parsed
        return try await db.transaction { tx in
            let parsed = vinsBuilt
            let plant = try await Self.plant(plantID, scope: scope, on: tx)
            guard try await tx.raw("SELECT id FROM catalog_models WHERE id = \(bind: modelID!)").first() != nil else {
                throw StoreError.invalid(ValidationErrors(["model_id": "is not a model of the catalog"]))
            }
            if !parsed.isEmpty, let taken = try await tx.raw("SELECT vin FROM vehicle_builds WHERE vin IN \(SQLBind.group(parsed)) LIMIT 1").first() {
                throw StoreError.conflict(field: "vins", message: "\(try taken.decode(column: "vin", as: String.self)) is recorded as built already")
            }
            let now = Clock.nowString()
            try await tx.raw("""
                INSERT INTO production_days (org_unit_id, model_id, day, units, recorded_by_name, updated_at) VALUES (\(bind: plant.id), \(bind: modelID!), \(bind: day), \(bind: units!), \(bind: actor.label), \(bind: now))
                ON CONFLICT (org_unit_id, model_id, day) DO UPDATE SET units = excluded.units, recorded_by_name = excluded.recorded_by_name, updated_at = excluded.updated_at
                """).run()
            try await BatchInsert.run("INSERT INTO vehicle_builds (vin, org_unit_id, model_id, built_on, created_at) VALUES",
                                      parsed.map { "(\(bind: $0), \(bind: plant.id), \(bind: modelID!), \(bind: day), \(bind: now))" }, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "record", recordType: "production_day", recordID: modelID!, orgUnitID: plant.id, before: nil,
                                        after: ["day": day, "units": String(units!), "vins": String(parsed.count)])
            return try await Self.days(plantID: plant.id, from: day, to: day, on: tx)
        }
    }

    static func days(plantID: Int, from: String, to: String, on sql: any SQLDatabase) async throws -> [ProductionDay] {
        try await sql.raw("""
            SELECT p.*, m.make || ' ' || m.name || ' ' || m.model_year AS model_title FROM production_days p JOIN catalog_models m ON m.id = p.model_id
            WHERE p.org_unit_id = \(bind: plantID) AND p.day >= \(bind: from) AND p.day <= \(bind: to) ORDER BY p.day DESC, model_title
            """).all().map { r in
            ProductionDay(orgUnitId: try r.decode(column: "org_unit_id", as: Int.self), modelId: try r.decode(column: "model_id", as: Int.self), modelTitle: try r.decode(column: "model_title", as: String.self),
                          day: try r.decode(column: "day", as: String.self), units: try r.decode(column: "units", as: Int.self), recordedByName: try r.decode(column: "recorded_by_name", as: String.self))
        }
    }

    /// A plant's output from `from` to `to`, newest day first.
    public func days(plantID: Int, from: String, to: String, scope: Scope) async throws -> [ProductionDay] {
        _ = try await Self.plant(plantID, scope: scope, on: db.sql)
        return try await Self.days(plantID: plantID, from: from, to: to, on: db.sql)
    }

    /// The plants the caller may see.
    public func plants(scope: Scope) async throws -> [(id: Int, name: String)] {
        try await db.sql.raw("SELECT id, name FROM org_units WHERE kind = 'plant' AND active = \(bind: true) AND \(scope.condition("id")) ORDER BY name").all().map {
            (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "name", as: String.self))
        }
    }

    // MARK: defect codes

    public func codes() async throws -> [DefectCode] {
        try await db.sql.raw("SELECT id, code, component, description FROM defect_codes ORDER BY component, code").all().map {
            DefectCode(id: try $0.decode(column: "id", as: Int.self), code: try $0.decode(column: "code", as: String.self),
                       component: try $0.decode(column: "component", as: String.self), description: try $0.decode(column: "description", as: String.self))
        }
    }

    /// Adds a code to the network's catalogue (one catalogue: every plant reports the same defects alike).
    public func addCode(code: String, component: String, description: String, unitID: Int, actor: Actor) async throws -> DefectCode {
        var errors = ValidationErrors()
        let code = code.trimmed.uppercased(), component = component.trimmed, description = description.trimmed
        if let p = DefectCode.problem(code: code) { errors.add("code", p) }
        if component.isEmpty { errors.add("component", "is required (paint, body, electrics…)") } else if component.count > 60 { errors.add("component", "must be at most 60 characters") }
        if description.isEmpty { errors.add("description", "is required") } else if description.count > 200 { errors.add("description", "must be at most 200 characters") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            if try await tx.raw("SELECT id FROM defect_codes WHERE code = \(bind: code)").first() != nil { throw StoreError.conflict(field: "code", message: "is in the catalogue already") }
            let id = try await tx.raw("""
                INSERT INTO defect_codes (code, component, description, created_at) VALUES (\(bind: code), \(bind: component), \(bind: description), \(bind: Clock.nowString())) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            let saved = DefectCode(id: id, code: code, component: component, description: description)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "defect_code", recordID: id, orgUnitID: unitID, before: nil, after: saved)
            return saved
        }
    }

    // MARK: inspections

    static let inspectionSelect = "SELECT q.*, u.name AS plant_name FROM qa_inspections q JOIN org_units u ON u.id = q.org_unit_id"

    static func decodeInspection(_ r: any SQLRow) throws -> QAInspection {
        QAInspection(id: try r.decode(column: "id", as: Int.self), orgUnitId: try r.decode(column: "org_unit_id", as: Int.self), plantName: try r.decode(column: "plant_name", as: String?.self),
                     vin: try r.decode(column: "vin", as: String.self), modelId: try r.decode(column: "model_id", as: Int.self), inspectedOn: try r.decode(column: "inspected_on", as: String.self),
                     passed: try r.decode(column: "passed", as: Bool.self), defects: try r.decode(column: "defects", as: String.self).split(separator: ",").map(String.init),
                     inspector: try r.decode(column: "inspector", as: String.self), note: try r.decode(column: "note", as: String.self), createdAt: try r.decode(column: "created_at", as: String.self))
    }

    /// Records an inspection of a car the plant built; the defects go beside it for the trend job.
    public func inspect(plantID: Int, vin: String, day: String, passed: Bool, defects: [String], note: String, scope: Scope, actor: Actor, today: String = Clock.today()) async throws -> QAInspection {
        var errors = ValidationErrors()
        let codes = Array(Set(defects.map { $0.trimmed.uppercased() }.filter { !$0.isEmpty })).sorted()
        var parsedVIN = ""
        switch VIN.parse(vin) { case .success(let v): parsedVIN = v.value; case .failure(let p): errors.add("vin", p.message) }
        if CalendarDay.parse(day) == nil { errors.add("inspected_on", "must be a day like 2026-12-03") } else if day > today { errors.add("inspected_on", "is in the future") }
        if let p = QAInspection.problem(passed: passed, defects: codes) { errors.add("defects", p) }
        if note.count > 1000 { errors.add("note", "must be at most 1,000 characters") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        let vin = parsedVIN
        return try await db.transaction { tx in
            let parsedVIN = vin
            let plant = try await Self.plant(plantID, scope: scope, on: tx)
            guard let build = try await tx.raw("SELECT org_unit_id, model_id, built_on FROM vehicle_builds WHERE vin = \(bind: parsedVIN)").first(),
                  try build.decode(column: "org_unit_id", as: Int.self) == plant.id else {
                throw StoreError.invalid(ValidationErrors(["vin": "was not built by \(plant.name): record its production first"]))
            }
            if try build.decode(column: "built_on", as: String.self) > day { throw StoreError.invalid(ValidationErrors(["inspected_on": "is before the car was built"])) }
            if !codes.isEmpty {
                let known = Set(try await tx.raw("SELECT code FROM defect_codes WHERE code IN \(SQLBind.group(codes))").all().map { try $0.decode(column: "code", as: String.self) })
                let unknown = codes.filter { !known.contains($0) }
                if !unknown.isEmpty { throw StoreError.invalid(ValidationErrors(["defects": "\(unknown.joined(separator: ", ")) not in the defect catalogue"])) }
            }
            let model = try build.decode(column: "model_id", as: Int.self)
            let now = Clock.nowString()
            let id = try await tx.raw("""
                INSERT INTO qa_inspections (org_unit_id, vin, model_id, inspected_on, passed, defects, inspector, note, created_at)
                VALUES (\(bind: plant.id), \(bind: parsedVIN), \(bind: model), \(bind: day), \(bind: passed), \(bind: codes.joined(separator: ",")), \(bind: actor.label), \(bind: note.trimmed), \(bind: now)) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            try await BatchInsert.run("INSERT INTO qa_defects (inspection_id, org_unit_id, model_id, code, inspected_on) VALUES",
                                      codes.map { "(\(bind: id), \(bind: plant.id), \(bind: model), \(bind: $0), \(bind: day))" }, on: tx)
            let saved = try Self.decodeInspection(try await tx.raw("\(unsafeRaw: Self.inspectionSelect) WHERE q.id = \(bind: id)").first()!)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "qa_inspection", recordID: id, orgUnitID: plant.id, before: nil, after: saved)
            return saved
        }
    }

    /// Inspections in scope, newest first; of one plant or one VIN.
    public func inspections(scope: Scope, plantID: Int? = nil, vin: String? = nil, limit: Int = 50, after cursor: Int? = nil) async throws -> Page<QAInspection> {
        var sql: SQLQueryString = "\(unsafeRaw: Self.inspectionSelect) WHERE \(scope.condition("q.org_unit_id"))"
        if let plantID { sql += " AND q.org_unit_id = \(bind: plantID)" }
        if let vin { sql += " AND q.vin = \(bind: VIN.normalise(vin))" }
        if let cursor { sql += " AND q.id < \(bind: cursor)" }
        sql += " ORDER BY q.id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decodeInspection), limit: limit, id: \.id)
    }

    /// The car's build and inspections, for whoever may see the car (its page checks that).
    public func buildRecord(vin: String) async throws -> BuildRecord? {
        guard let b = try await db.sql.raw("""
            SELECT b.vin, b.org_unit_id, b.model_id, b.built_on, u.name FROM vehicle_builds b JOIN org_units u ON u.id = b.org_unit_id WHERE b.vin = \(bind: vin)
            """).first() else { return nil }
        let inspections = try await db.sql.raw("\(unsafeRaw: Self.inspectionSelect) WHERE q.vin = \(bind: vin) ORDER BY q.id").all().map(Self.decodeInspection)
        return BuildRecord(vin: vin, plantId: try b.decode(column: "org_unit_id", as: Int.self), plantName: try b.decode(column: "name", as: String.self),
                           modelId: try b.decode(column: "model_id", as: Int.self), builtOn: try b.decode(column: "built_on", as: String.self), inspections: inspections)
    }
}
