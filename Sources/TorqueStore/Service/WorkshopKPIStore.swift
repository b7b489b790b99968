import SQLKit
import TorqueDomain

/// One line of the workshop figures: a technician, or a workshop of the network.
public struct WorkshopKPILine: Sendable, Equatable, Codable {
    public var orgUnitId: Int
    public var technicianId: Int?
    public var label: String
    public var billedMinutes: Int
    public var clockedMinutes: Int
    public var efficiencyPercent: Int?
    public var bookedMinutes: Int
    public var openMinutes: Int
    public var utilisationPercent: Int?
    public var repairOrders: Int
    public var comebacks: Int
}

/// The workshop figures of a unit over a period (SVC-6).
public struct WorkshopKPIReport: Sendable, Equatable, Codable {
    public struct Count: Sendable, Equatable, Codable { public var label: String; public var count: Int }
    public var orgUnitId: Int
    public var from: String
    public var to: String
    /// Technicians (a workshop) or workshops (a dealer, region, the network).
    public var byTechnician: Bool
    public var lines: [WorkshopKPILine]
    public var total: WorkshopKPILine
    public var topOperations: [Count]
    public var topModels: [Count]
}

/// Workshop figures from grouped queries (a handful whatever the number of repair orders):
/// billed labour of closed orders, clocked time, comebacks, most frequent operations and models
/// from the kept counts, booked bay time from the bookings.
public struct WorkshopKPIStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// Recomputes the kept counts from the orders (after a bulk load).
    public func rebuildCounts() async throws { try await WorkshopKPICounts.rebuild(db: db) }

    public func report(unitID: Int, from: String, to: String, scope: Scope) async throws -> WorkshopKPIReport {
        let sql = db.sql
        let root = try await OrgUnitStore.get(unitID, scope: scope, on: sql)
        let shops = try await sql.raw("""
            SELECT id, name, working_hours FROM org_units WHERE path LIKE \(bind: root.path + "%") AND kind = 'workshop' ORDER BY name
            """).all().map { (id: try $0.decode(column: "id", as: Int.self), name: try $0.decode(column: "name", as: String.self), hours: try $0.decode(column: "working_hours", as: String.self)) }
        let byTech = root.kind == OrgUnitKind.workshop.rawValue
        let inScope: SQLQueryString = "IN (SELECT id FROM org_units WHERE path LIKE \(bind: root.path + "%") AND kind = 'workshop')"
        let (a, b) = (String(from.prefix(10)), String(to.prefix(10)))
        struct Key: Hashable { var unit: Int; var tech: Int? }
        var billed: [Key: Int] = [:], clocked: [Key: Int] = [:], booked: [Int: Int] = [:]
        var perUnitOrders: [Int: Int] = [:], comebacks: [Int: Int] = [:]
        // Kept counts (WorkshopKPICounts): one grouped read whatever the number of orders.
        for r in try await sql.raw("""
            SELECT org_unit_id, technician_id, CAST(SUM(billed_minutes) AS BIGINT) AS billed, CAST(SUM(clocked_minutes) AS BIGINT) AS clocked,
                   CAST(SUM(orders) AS BIGINT) AS orders, CAST(SUM(comebacks) AS BIGINT) AS comebacks
            FROM workshop_kpi_days WHERE org_unit_id \(inScope) AND day >= \(bind: a) AND day < \(bind: b)
            GROUP BY org_unit_id, technician_id
            """).all() {
            let unit = try r.decode(column: "org_unit_id", as: Int.self), tech = try r.decode(column: "technician_id", as: Int.self)
            let k = Key(unit: unit, tech: byTech && tech != 0 ? tech : nil)
            billed[k, default: 0] += try r.decode(column: "billed", as: Int.self)
            clocked[k, default: 0] += try r.decode(column: "clocked", as: Int.self)
            perUnitOrders[unit, default: 0] += try r.decode(column: "orders", as: Int.self)
            comebacks[unit, default: 0] += try r.decode(column: "comebacks", as: Int.self)
        }
        for r in try await sql.raw("""
            SELECT org_unit_id, CAST(SUM(minutes) AS BIGINT) AS m FROM service_bookings WHERE org_unit_id \(inScope) AND status <> 'cancelled'
              AND starts_at >= \(bind: a) AND starts_at < \(bind: b) GROUP BY org_unit_id
            """).all() {
            booked[try r.decode(column: "org_unit_id", as: Int.self)] = try r.decode(column: "m", as: Int.self)
        }
        var opCounts: [String: Int] = [:], modelCounts: [String: Int] = [:]
        for r in try await sql.raw("""
            SELECT kind, label, CAST(SUM(count) AS BIGINT) AS n FROM workshop_kpi_items
            WHERE org_unit_id \(inScope) AND day >= \(bind: a) AND day < \(bind: b) GROUP BY kind, label
            """).all() {
            let n = try r.decode(column: "n", as: Int.self), label = try r.decode(column: "label", as: String.self)
            if try r.decode(column: "kind", as: String.self) == "operation" { opCounts[label] = n } else { modelCounts[label] = n }
        }
        let hours = Dictionary(uniqueKeysWithValues: shops.map { ($0.id, (try? WorkingHours.parse($0.hours).get()) ?? WorkingHours.none) })
        let bays = Dictionary(try await sql.raw("SELECT org_unit_id, COUNT(*) AS n FROM workshop_bays WHERE org_unit_id \(inScope) AND active = \(bind: true) GROUP BY org_unit_id").all()
            .map { (try $0.decode(column: "org_unit_id", as: Int.self), try $0.decode(column: "n", as: Int.self)) }, uniquingKeysWith: { x, _ in x })
        func line(unit: Int, tech: Int?, label: String) -> WorkshopKPILine {
            let k = Key(unit: unit, tech: tech)
            let open = tech == nil ? WorkshopKPI.openMinutes(hours[unit] ?? WorkingHours.none, from: String(a.prefix(10)), to: String(b.prefix(10))) * (bays[unit] ?? 0) : 0
            let bk = tech == nil ? booked[unit] ?? 0 : 0
            return WorkshopKPILine(orgUnitId: unit, technicianId: tech, label: label, billedMinutes: billed[k] ?? 0, clockedMinutes: clocked[k] ?? 0,
                                   efficiencyPercent: WorkshopKPI.efficiency(billedMinutes: billed[k] ?? 0, clockedMinutes: clocked[k] ?? 0),
                                   bookedMinutes: bk, openMinutes: open, utilisationPercent: tech == nil ? WorkshopKPI.utilisation(bookedMinutes: bk, openMinutes: open) : nil,
                                   repairOrders: tech == nil ? perUnitOrders[unit] ?? 0 : 0, comebacks: tech == nil ? comebacks[unit] ?? 0 : 0)
        }
        var lines: [WorkshopKPILine]
        if byTech {
            let techs = try await WorkshopStore.technicians(where: "org_unit_id = \(bind: unitID)", on: sql)
            lines = techs.map { line(unit: unitID, tech: $0.id, label: $0.name) }
        } else {
            lines = shops.map { line(unit: $0.id, tech: nil, label: $0.name) }
        }
        var total = WorkshopKPILine(orgUnitId: unitID, technicianId: nil, label: root.name, billedMinutes: 0, clockedMinutes: 0, efficiencyPercent: nil, bookedMinutes: 0,
                                    openMinutes: 0, utilisationPercent: nil, repairOrders: 0, comebacks: 0)
        for s in shops {
            let l = line(unit: s.id, tech: nil, label: s.name)
            total.bookedMinutes += l.bookedMinutes; total.openMinutes += l.openMinutes; total.repairOrders += l.repairOrders; total.comebacks += l.comebacks
        }
        total.billedMinutes = billed.values.reduce(0, +)
        total.clockedMinutes = clocked.values.reduce(0, +)
        total.efficiencyPercent = WorkshopKPI.efficiency(billedMinutes: total.billedMinutes, clockedMinutes: total.clockedMinutes)
        total.utilisationPercent = WorkshopKPI.utilisation(bookedMinutes: total.bookedMinutes, openMinutes: total.openMinutes)
        func top(_ d: [String: Int]) -> [WorkshopKPIReport.Count] { d.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(5).map { .init(label: $0.key, count: $0.value) } }
        return WorkshopKPIReport(orgUnitId: unitID, from: String(a.prefix(10)), to: String(b.prefix(10)), byTechnician: byTech, lines: lines, total: total,
                                 topOperations: top(opCounts), topModels: top(modelCounts))
    }
}
