import Foundation
import SQLKit
import TorqueDomain

/// What appraising a used car takes (the VIN already checked by the caller).
public struct AppraisalInput: Sendable, Equatable {
    public var customerId: Int
    public var vin: String
    public var make: String
    public var modelName: String
    public var modelYear: Int?
    public var colour: String
    public var plate: String
    public var estimatedValueMinor: Int
    public var payoffMinor: Int
    /// The condition at quote, recorded with the appraisal.
    public var report: ConditionReport

    public init(customerId: Int, vin: String, make: String, modelName: String, modelYear: Int?, colour: String, plate: String,
                estimatedValueMinor: Int, payoffMinor: Int, report: ConditionReport) {
        self.customerId = customerId; self.vin = vin; self.make = make; self.modelName = modelName; self.modelYear = modelYear; self.colour = colour
        self.plate = plate; self.estimatedValueMinor = estimatedValueMinor; self.payoffMinor = payoffMinor; self.report = report
    }
}

/// Trade-in appraisals (QUOTE-3) and their condition reports at quote, delivery and resale.
public struct AppraisalStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = "SELECT a.*, c.display_name AS customer_name FROM appraisals a JOIN customers c ON c.id = a.customer_id"

    static func decode(_ row: any SQLRow, reports: [ConditionReport]) throws -> Appraisal {
        Appraisal(id: try row.decode(column: "id", as: Int.self), orgUnitId: try row.decode(column: "org_unit_id", as: Int.self),
                  customerId: try row.decode(column: "customer_id", as: Int.self), customerName: try row.decode(column: "customer_name", as: String?.self),
                  vin: try row.decode(column: "vin", as: String.self), make: try row.decode(column: "make", as: String.self),
                  modelName: try row.decode(column: "model_name", as: String.self), modelYear: try row.decode(column: "model_year", as: Int?.self),
                  colour: try row.decode(column: "colour", as: String.self), plate: try row.decode(column: "plate", as: String.self),
                  mileageKm: try row.decode(column: "mileage_km", as: Int.self), estimatedValueMinor: try row.decode(column: "estimated_value_minor", as: Int.self),
                  payoffMinor: try row.decode(column: "payoff_minor", as: Int.self), currency: try row.decode(column: "currency", as: String.self),
                  status: AppraisalStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
                  stockVehicleId: try row.decode(column: "stock_vehicle_id", as: Int?.self), reports: reports,
                  createdBy: try row.decode(column: "created_by", as: Int?.self), createdAt: try row.decode(column: "created_at", as: String.self),
                  updatedAt: try row.decode(column: "updated_at", as: String.self))
    }

    static func reports(_ ids: [Int], on sql: any SQLDatabase) async throws -> [Int: [ConditionReport]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT r.*, u.name AS recorded_by_name FROM appraisal_reports r LEFT JOIN users u ON u.id = r.recorded_by
            WHERE r.appraisal_id IN \(SQLBind.group(ids)) ORDER BY r.id
            """).all()
        var out: [Int: [ConditionReport]] = [:]
        for row in rows {
            let grades = try JSONDecoder().decode([String: ConditionGrade].self, from: Data(try row.decode(column: "grades_json", as: String.self).utf8))
            out[try row.decode(column: "appraisal_id", as: Int.self), default: []].append(ConditionReport(
                stage: AppraisalStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .quote, mileageKm: try row.decode(column: "mileage_km", as: Int.self),
                grades: grades, notes: try row.decode(column: "notes", as: String.self), recordedBy: try row.decode(column: "recorded_by", as: Int?.self),
                recordedByName: try row.decode(column: "recorded_by_name", as: String?.self), recordedAt: try row.decode(column: "recorded_at", as: String.self)))
        }
        return out
    }

    public func get(_ id: Int, scope: Scope) async throws -> Appraisal { try await Self.get(id, scope: scope, on: db.sql) }

    static func get(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> Appraisal {
        guard let row = try await sql.raw("\(unsafeRaw: select) WHERE a.id = \(bind: id) AND \(scope.condition("a.org_unit_id"))").first() else { throw StoreError.notFound }
        return try decode(row, reports: try await reports([id], on: sql)[id] ?? [])
    }

    /// Newest first; with `customerID`, that customer's only (the quote form's trade-in choice).
    public func list(customerID: Int? = nil, status: AppraisalStatus? = nil, scope: Scope, limit: Int = 50, afterID: Int? = nil) async throws -> Page<Appraisal> {
        var sql: SQLQueryString = "\(unsafeRaw: Self.select) WHERE \(scope.condition("a.org_unit_id"))"
        if let c = customerID { sql += " AND a.customer_id = \(bind: c)" }
        if let s = status { sql += " AND a.status = \(bind: s.rawValue)" }
        if let afterID { sql += " AND a.id < \(bind: afterID)" }
        sql += " ORDER BY a.id DESC LIMIT \(bind: limit + 1)"
        let rows = try await db.sql.raw(sql).all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
        let reports = try await Self.reports(ids, on: db.sql)
        return Page(fetched: try rows.map { try Self.decode($0, reports: reports[try $0.decode(column: "id", as: Int.self)] ?? []) }, limit: limit, id: \.id)
    }

    /// Appraises a car for a customer the caller can see; the condition at quote comes with it.
    public func create(_ input: AppraisalInput, currency: String, unitID: Int, scope: Scope, actor: Actor) async throws -> Appraisal {
        var errors = ValidationErrors(AppraisalRules.problems(input.report, earlier: []))
        if !(0...100_000_000_00).contains(input.estimatedValueMinor) { errors.add("estimated_value_minor", "must be from 0 to 100,000,000.00") }
        if !(0...100_000_000_00).contains(input.payoffMinor) { errors.add("payoff_minor", "must be from 0 to 100,000,000.00") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            _ = try await OrgUnitStore.getOrInvalid(unitID, field: "org_unit_id", scope: scope, on: tx)
            do { _ = try await CustomerStore.get(input.customerId, scope: scope, on: tx) } catch StoreError.notFound {
                throw StoreError.invalid(ValidationErrors(["customer_id": "is not a customer you can see"]))
            }
            let now = Clock.nowString()
            let id = try await tx.raw("""
                INSERT INTO appraisals (org_unit_id, customer_id, vin, make, model_name, model_year, colour, plate, mileage_km, estimated_value_minor, payoff_minor,
                                        currency, status, created_by, created_at, updated_at)
                VALUES (\(bind: unitID), \(bind: input.customerId), \(bind: input.vin), \(bind: input.make), \(bind: input.modelName), \(bind: input.modelYear),
                        \(bind: input.colour), \(bind: input.plate), \(bind: input.report.mileageKm), \(bind: input.estimatedValueMinor), \(bind: input.payoffMinor),
                        \(bind: currency), \(bind: AppraisalStatus.open.rawValue), \(bind: actor.userID), \(bind: now), \(bind: now))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            var report = input.report
            report.stage = .quote
            try await Self.insertReport(report, appraisalID: id, actor: actor, at: now, on: tx)
            let created = try await Self.get(id, scope: .everything, on: tx)
            try await TimelineStore.append(TimelineEntry(kind: .quote, title: "Trade-in appraised: \(created.title)", detail: "\(created.vin), \(created.mileageKm) km",
                                                         refType: "appraisal", refId: id),
                                           customerID: input.customerId, unitID: unitID, userName: actor.label, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "appraisal", recordID: id, orgUnitID: unitID, before: nil, after: created)
            return created
        }
    }

    /// Records the condition again (at delivery to the dealer, at resale); the odometer may not
    /// go back. The appraisal's mileage follows the latest report.
    public func record(_ report: ConditionReport, appraisalID: Int, scope: Scope, actor: Actor) async throws -> Appraisal {
        try await db.transaction { tx in
            let before = try await Self.get(appraisalID, scope: scope, on: tx)
            let problems = AppraisalRules.problems(report, earlier: before.reports)
            if !problems.isEmpty { throw StoreError.invalid(ValidationErrors(problems)) }
            let now = Clock.nowString()
            try await Self.insertReport(report, appraisalID: appraisalID, actor: actor, at: now, on: tx)
            try await tx.raw("UPDATE appraisals SET mileage_km = \(bind: report.mileageKm), updated_at = \(bind: now) WHERE id = \(bind: appraisalID)").run()
            if let car = before.stockVehicleId {
                try await tx.raw("UPDATE vehicles SET mileage_km = \(bind: report.mileageKm), updated_at = \(bind: now) WHERE id = \(bind: car) AND mileage_km < \(bind: report.mileageKm)").run()
            }
            let after = try await Self.get(appraisalID, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "record_condition", recordType: "appraisal", recordID: appraisalID, orgUnitID: before.orgUnitId, before: before, after: after)
            return after
        }
    }

    static func insertReport(_ r: ConditionReport, appraisalID: Int, actor: Actor, at now: String, on tx: any SQLDatabase) async throws {
        let grades = String(decoding: try JSONEncoder().encode(r.grades), as: UTF8.self)
        try await tx.raw("""
            INSERT INTO appraisal_reports (appraisal_id, stage, mileage_km, grades_json, notes, recorded_by, recorded_at)
            VALUES (\(bind: appraisalID), \(bind: r.stage.rawValue), \(bind: r.mileageKm), \(bind: grades), \(bind: r.notes), \(bind: actor.userID), \(bind: now))
            """).run()
    }
}
