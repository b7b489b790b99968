import SQLKit
import TorqueDomain

/// A closed repair order as the benchmark generator makes it.
public struct SeedRepairOrder: Sendable {
    public struct Labour: Sendable {
        public var code: String, name: String, minutes: Int, technicianId: Int, clockedMinutes: Int
        public init(code: String, name: String, minutes: Int, technicianId: Int, clockedMinutes: Int) {
            self.code = code; self.name = name; self.minutes = minutes; self.technicianId = technicianId; self.clockedMinutes = clockedMinutes
        }
    }
    public var unitId: Int
    public var vehicleId: Int?
    /// The workshop day it was done and closed.
    public var day: String
    public var labour: [Labour]
    /// Part lines: number, name, quantity, unit price.
    public var parts: [(String, String, Int, Int)]
    public init(unitId: Int, vehicleId: Int?, day: String, labour: [Labour], parts: [(String, String, Int, Int)]) {
        self.unitId = unitId; self.vehicleId = vehicleId; self.day = day; self.labour = labour; self.parts = parts
    }
}

/// Bulk inserts of closed repair orders for the benchmarks (`torque demo --scale service`):
/// many rows per statement with ids chosen here (so lines and clocks point at them without a
/// read back), no audit, no counts: the caller rebuilds the kept figures once at the end.
public struct ServiceSeed: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public func insert(_ orders: [SeedRepairOrder]) async throws {
        try await db.transaction { tx in
            var orderID = try await tx.raw("SELECT COALESCE(MAX(id), 0) AS m FROM repair_orders").first()!.decode(column: "m", as: Int.self)
            var lineID = try await tx.raw("SELECT COALESCE(MAX(id), 0) AS m FROM repair_order_lines").first()!.decode(column: "m", as: Int.self)
            var roRows: [SQLQueryString] = [], lineRows: [SQLQueryString] = [], clockRows: [SQLQueryString] = []
            for o in orders {
                orderID += 1
                let closed = o.day + "T17:00:00Z"
                roRows.append("(\(bind: orderID), \(bind: o.unitId), \(bind: o.vehicleId), 0, '', 'closed', 6500, 'EUR', \(bind: o.day + "T08:00:00Z"), \(bind: closed))")
                var start = 8 * 60
                for l in o.labour {
                    lineID += 1
                    lineRows.append("(\(bind: lineID), \(bind: orderID), 'labour', \(bind: l.code), \(bind: l.name), \(bind: l.minutes), 1, \(bind: RepairOrderRules.labourPrice(minutes: l.minutes, hourlyRateMinor: 6500)), NULL, \(bind: l.technicianId), FALSE, FALSE, \(bind: closed))")
                    let from = WorkshopRules.stamp(WorkshopTime.minute(day: o.day, at: start) ?? 0), to = WorkshopRules.stamp((WorkshopTime.minute(day: o.day, at: start) ?? 0) + l.clockedMinutes)
                    clockRows.append("(\(bind: orderID), \(bind: lineID), \(bind: l.technicianId), \(bind: from), \(bind: to))")
                    start += l.clockedMinutes
                }
                for p in o.parts {
                    lineID += 1
                    lineRows.append("(\(bind: lineID), \(bind: orderID), 'part', \(bind: p.0), \(bind: p.1), 0, \(bind: p.2), \(bind: p.3), NULL, NULL, FALSE, FALSE, \(bind: closed))")
                }
            }
            try await Self.insert("INSERT INTO repair_orders (id, org_unit_id, vehicle_id, mileage_km, concerns, status, labour_rate_minor, currency, created_at, closed_at) VALUES ", roRows, on: tx)
            try await Self.insert("""
                INSERT INTO repair_order_lines (id, repair_order_id, kind, code, description, minutes, quantity, unit_price_minor, part_id, technician_id, additional, approved, created_at) VALUES
                """, lineRows, on: tx)
            try await Self.insert("INSERT INTO repair_order_clocks (repair_order_id, line_id, technician_id, started_at, ended_at) VALUES ", clockRows, on: tx)
            if db.kind == .postgresql {
                // Explicit ids leave the identity sequences behind: move them past the new rows.
                for table in ["repair_orders", "repair_order_lines"] {
                    try await tx.raw("SELECT setval(pg_get_serial_sequence(\(bind: table), 'id'), (SELECT MAX(id) FROM \(unsafeRaw: table))) AS v").run()
                }
            }
        }
    }

    static func insert(_ head: String, _ rows: [SQLQueryString], on tx: any SQLDatabase) async throws { try await BatchInsert.run(head, rows, on: tx) }

    /// Bookings for a workshop, without clash checks (the generator lays them out apart).
    public func bookings(_ rows: [(unitId: Int, technicianId: Int, bayId: Int, startsAt: String, endsAt: String, minutes: Int, name: String)]) async throws {
        try await db.transaction { tx in
            let now = Clock.nowString()
            let values: [SQLQueryString] = rows.map { b in
                let ops = #"[{"code":"","name":"\#(b.name)","minutes":\#(b.minutes)}]"#
                return "(\(bind: b.unitId), \(bind: b.technicianId), \(bind: b.bayId), \(bind: b.startsAt), \(bind: b.endsAt), \(bind: b.minutes), \(bind: ops), 'booked', '', \(bind: now))"
            }
            try await Self.insert("INSERT INTO service_bookings (org_unit_id, technician_id, bay_id, starts_at, ends_at, minutes, operations_json, status, notes, created_at) VALUES ", values, on: tx)
        }
    }
}
