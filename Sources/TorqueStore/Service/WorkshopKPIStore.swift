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
/// billed labour of closed orders, clocked time, booked bay time, comebacks, most frequent
/// operations and models.
public struct WorkshopKPIStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public func report(unitID: Int, from: String, to: String, scope: Scope) async throws -> WorkshopKPIReport {
        let sql = db.sql
        let root = try await OrgUnitStore.get(unitID, scope: scope, on: sql)
        let shops = try await sql.raw("""
            SELECT id, name, working_hours FROM org_units WHERE path LIKE \(bind: root.path + "%") AND kind = 'workshop' ORDER BY name
            """).all().map { (id: try $0.decode(column: "id", as: Int.self), name: try $0.decode(column: "name", as: String.self), hours: try $0.decode(column: "working_hours", as: String.self)) }
        let byTech = root.kind == OrgUnitKind.workshop.rawValue
        let inScope: SQLQueryString = "IN (SELECT id FROM org_units WHERE path LIKE \(bind: root.path + "%") AND kind = 'workshop')"
        let (a, b) = (from, to)
        struct Key: Hashable { var unit: Int; var tech: Int? }
        var billed: [Key: Int] = [:], clocked: [Key: Int] = [:], booked: [Int: Int] = [:], orders: [Key: Int] = [:]
        for r in try await sql.raw("""
            SELECT ro.org_unit_id, l.technician_id, CAST(SUM(l.minutes * l.quantity) AS BIGINT) AS m FROM repair_order_lines l JOIN repair_orders ro ON ro.id = l.repair_order_id
            WHERE ro.org_unit_id \(inScope) AND ro.status = 'closed' AND ro.closed_at >= \(bind: a) AND ro.closed_at < \(bind: b) AND l.kind = 'labour' AND (l.additional = \(bind: false) OR l.approved = \(bind: true))
            GROUP BY ro.org_unit_id, l.technician_id
            """).all() {
            let k = Key(unit: try r.decode(column: "org_unit_id", as: Int.self), tech: byTech ? try r.decode(column: "technician_id", as: Int?.self) : nil)
            billed[k, default: 0] += try r.decode(column: "m", as: Int.self)
        }
        for r in try await sql.raw("""
            SELECT ro.org_unit_id, k.technician_id, k.started_at, k.ended_at FROM repair_order_clocks k JOIN repair_orders ro ON ro.id = k.repair_order_id
            WHERE ro.org_unit_id \(inScope) AND k.ended_at IS NOT NULL AND k.started_at >= \(bind: a) AND k.started_at < \(bind: b)
            """).all() {
            guard let s = WorkshopRules.minute(try r.decode(column: "started_at", as: String.self)), let e = WorkshopRules.minute(try r.decode(column: "ended_at", as: String?.self) ?? "") else { continue }
            let k = Key(unit: try r.decode(column: "org_unit_id", as: Int.self), tech: byTech ? try r.decode(column: "technician_id", as: Int.self) : nil)
            clocked[k, default: 0] += e - s
        }
        for r in try await sql.raw("""
            SELECT org_unit_id, CAST(SUM(minutes) AS BIGINT) AS m FROM service_bookings WHERE org_unit_id \(inScope) AND status <> 'cancelled'
              AND starts_at >= \(bind: a) AND starts_at < \(bind: b) GROUP BY org_unit_id
            """).all() {
            booked[try r.decode(column: "org_unit_id", as: Int.self)] = try r.decode(column: "m", as: Int.self)
        }
        // Visits of the period and the 30 days before, for comebacks and the counts.
        var visits: [Int: [WorkshopKPI.Visit]] = [:], earlier: [Int: [WorkshopKPI.Visit]] = [:]
        var opCounts: [String: Int] = [:], modelCounts: [String: Int] = [:]
        var current: [Int: (Int, String, Set<String>, String, Int?)] = [:]
        for r in try await sql.raw("""
            SELECT ro.id, ro.org_unit_id, ro.vehicle_id, ro.closed_at, l.code, l.description, l.technician_id, v.make || ' ' || v.model_name AS model
            FROM repair_orders ro JOIN repair_order_lines l ON l.repair_order_id = ro.id LEFT JOIN vehicles v ON v.id = ro.vehicle_id
            WHERE ro.org_unit_id \(inScope) AND ro.status = 'closed' AND ro.closed_at >= \(bind: CalendarDay.adding(-30, to: a)) AND ro.closed_at < \(bind: b) AND l.kind = 'labour'
            """).all() {
            let id = try r.decode(column: "id", as: Int.self)
            let code = try r.decode(column: "code", as: String.self)
            let name = code.isEmpty ? try r.decode(column: "description", as: String.self) : code
            let fresh: (Int, String, Set<String>, String, Int?) = (try r.decode(column: "org_unit_id", as: Int.self), String(try r.decode(column: "closed_at", as: String.self).prefix(10)), [],
                                                                   try r.decode(column: "model", as: String?.self) ?? "", try r.decode(column: "vehicle_id", as: Int?.self))
            var entry = current[id] ?? fresh
            entry.2.insert(name)
            current[id] = entry
        }
        var perUnitOrders: [Int: Int] = [:]
        for (_, e) in current {
            guard let vehicle = e.4 else { continue }
            let visit = WorkshopKPI.Visit(vehicleId: vehicle, day: e.1, codes: e.2)
            if e.1 >= String(a.prefix(10)) {
                visits[e.0, default: []].append(visit)
                perUnitOrders[e.0, default: 0] += 1
                for c in e.2 { opCounts[c, default: 0] += 1 }
                if !e.3.isEmpty { modelCounts[e.3, default: 0] += 1 }
            } else { earlier[e.0, default: []].append(visit) }
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
                                   repairOrders: tech == nil ? perUnitOrders[unit] ?? 0 : 0,
                                   comebacks: tech == nil ? WorkshopKPI.comebacks(visits[unit] ?? [], earlier: earlier[unit] ?? []) : 0)
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
