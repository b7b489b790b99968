import SQLKit
import TorqueDomain

/// The workshop figures kept as counts per workshop, day and technician (SVC-6): written when
/// an order closes and when a clock stops, so the network's figures over 500 workshops and
/// millions of lines are a few grouped reads. `rebuild` recomputes them from the orders (the
/// migration, bulk-loaded data).
enum WorkshopKPICounts {
    /// A visit's "complaint": the operation's code, or the free text of a line without one.
    static let lineName = "(CASE WHEN l.code = '' THEN l.description ELSE l.code END)"

    static func rebuild(_ d: Dialect) -> [String] {
        let upsertDays = "ON CONFLICT (org_unit_id, day, technician_id) DO UPDATE SET"
        return [
            "DELETE FROM workshop_kpi_days",
            "DELETE FROM workshop_kpi_items",
            """
            INSERT INTO workshop_kpi_days (org_unit_id, day, technician_id, billed_minutes, clocked_minutes, orders, comebacks)
            SELECT ro.org_unit_id, SUBSTR(ro.closed_at, 1, 10), COALESCE(l.technician_id, 0), SUM(l.minutes * l.quantity), 0, 0, 0
            FROM repair_order_lines l JOIN repair_orders ro ON ro.id = l.repair_order_id
            WHERE ro.status = 'closed' AND l.kind = 'labour' AND (l.additional = FALSE OR l.approved = TRUE)
            GROUP BY ro.org_unit_id, SUBSTR(ro.closed_at, 1, 10), COALESCE(l.technician_id, 0)
            """,
            """
            INSERT INTO workshop_kpi_days (org_unit_id, day, technician_id, billed_minutes, clocked_minutes, orders, comebacks)
            SELECT ro.org_unit_id, SUBSTR(k.started_at, 1, 10), k.technician_id, 0, SUM(\(d.minutesBetween("k.started_at", "k.ended_at"))), 0, 0
            FROM repair_order_clocks k JOIN repair_orders ro ON ro.id = k.repair_order_id
            WHERE k.ended_at IS NOT NULL
            GROUP BY ro.org_unit_id, SUBSTR(k.started_at, 1, 10), k.technician_id
            \(upsertDays) clocked_minutes = workshop_kpi_days.clocked_minutes + excluded.clocked_minutes
            """,
            // A visit is a car's closed order with labour; it is a comeback when the same car
            // had the same operation at the same workshop in the 30 days before.
            """
            INSERT INTO workshop_kpi_days (org_unit_id, day, technician_id, billed_minutes, clocked_minutes, orders, comebacks)
            SELECT ro.org_unit_id, SUBSTR(ro.closed_at, 1, 10), 0, 0, 0, COUNT(*),
              SUM(CASE WHEN EXISTS (
                SELECT 1 FROM repair_orders e JOIN repair_order_lines el ON el.repair_order_id = e.id AND el.kind = 'labour'
                JOIN repair_order_lines l ON l.repair_order_id = ro.id AND l.kind = 'labour'
                WHERE e.vehicle_id = ro.vehicle_id AND e.org_unit_id = ro.org_unit_id AND e.status = 'closed'
                  AND SUBSTR(e.closed_at, 1, 10) < SUBSTR(ro.closed_at, 1, 10) AND \(d.daysBetween("e.closed_at", "ro.closed_at")) <= 30
                  AND (CASE WHEN el.code = '' THEN el.description ELSE el.code END) = \(lineName)
              ) THEN 1 ELSE 0 END)
            FROM repair_orders ro
            WHERE ro.status = 'closed' AND ro.vehicle_id IS NOT NULL AND EXISTS (SELECT 1 FROM repair_order_lines l WHERE l.repair_order_id = ro.id AND l.kind = 'labour')
            GROUP BY ro.org_unit_id, SUBSTR(ro.closed_at, 1, 10)
            \(upsertDays) orders = workshop_kpi_days.orders + excluded.orders, comebacks = workshop_kpi_days.comebacks + excluded.comebacks
            """,
            """
            INSERT INTO workshop_kpi_items (org_unit_id, day, kind, label, count)
            SELECT ro.org_unit_id, SUBSTR(ro.closed_at, 1, 10), 'operation', \(lineName), COUNT(DISTINCT ro.id)
            FROM repair_orders ro JOIN repair_order_lines l ON l.repair_order_id = ro.id
            WHERE ro.status = 'closed' AND ro.vehicle_id IS NOT NULL AND l.kind = 'labour'
            GROUP BY ro.org_unit_id, SUBSTR(ro.closed_at, 1, 10), \(lineName)
            """,
            """
            INSERT INTO workshop_kpi_items (org_unit_id, day, kind, label, count)
            SELECT ro.org_unit_id, SUBSTR(ro.closed_at, 1, 10), 'model', v.make || ' ' || v.model_name, COUNT(*)
            FROM repair_orders ro JOIN vehicles v ON v.id = ro.vehicle_id
            WHERE ro.status = 'closed' AND EXISTS (SELECT 1 FROM repair_order_lines l WHERE l.repair_order_id = ro.id AND l.kind = 'labour')
            GROUP BY ro.org_unit_id, SUBSTR(ro.closed_at, 1, 10), v.make || ' ' || v.model_name
            """,
        ]
    }

    /// Recomputes every count in one transaction.
    static func rebuild(db: Database) async throws {
        let statements = rebuild(db.dialect)
        try await db.transaction { tx in
            for s in statements { try await tx.raw(SQLQueryString(stringLiteral: s)).run() }
        }
    }

    static func add(unit: Int, day: String, technician: Int, billed: Int = 0, clocked: Int = 0, orders: Int = 0, comebacks: Int = 0, on tx: any SQLDatabase) async throws {
        try await tx.raw("""
            INSERT INTO workshop_kpi_days (org_unit_id, day, technician_id, billed_minutes, clocked_minutes, orders, comebacks)
            VALUES (\(bind: unit), \(bind: day), \(bind: technician), \(bind: billed), \(bind: clocked), \(bind: orders), \(bind: comebacks))
            ON CONFLICT (org_unit_id, day, technician_id) DO UPDATE SET billed_minutes = workshop_kpi_days.billed_minutes + excluded.billed_minutes,
              clocked_minutes = workshop_kpi_days.clocked_minutes + excluded.clocked_minutes, orders = workshop_kpi_days.orders + excluded.orders,
              comebacks = workshop_kpi_days.comebacks + excluded.comebacks
            """).run()
    }

    static func addItem(unit: Int, day: String, kind: String, label: String, on tx: any SQLDatabase) async throws {
        try await tx.raw("""
            INSERT INTO workshop_kpi_items (org_unit_id, day, kind, label, count) VALUES (\(bind: unit), \(bind: day), \(bind: kind), \(bind: label), 1)
            ON CONFLICT (org_unit_id, day, kind, label) DO UPDATE SET count = workshop_kpi_items.count + 1
            """).run()
    }

    /// Counts an order as it closes (inside the close's transaction): billed labour per
    /// technician, the visit, whether it is a comeback, its operations and the car's model.
    static func closed(_ ro: RepairOrder, day: String, on tx: any SQLDatabase) async throws {
        try await closed(orderID: ro.id, unit: ro.orgUnitId, vehicleID: ro.vehicleId, lines: ro.lines, day: day, on: tx)
    }

    /// The same from the order's parts (an import has them without reading the order back).
    static func closed(orderID: Int, unit: Int, vehicleID: Int?, lines: [RepairOrderLine], day: String, on tx: any SQLDatabase) async throws {
        var billed: [Int: Int] = [:]
        for l in lines where l.kind == .labour && l.billable { billed[l.technicianId ?? 0, default: 0] += l.minutes * l.quantity }
        for (tech, minutes) in billed { try await add(unit: unit, day: day, technician: tech, billed: minutes, on: tx) }
        let names = Set(lines.filter { $0.kind == .labour }.map { $0.code.isEmpty ? $0.description : $0.code })
        guard let vehicle = vehicleID, !names.isEmpty else { return }
        var earlier: [WorkshopKPI.Visit] = []
        var codes: [Int: (String, Set<String>)] = [:]
        for r in try await tx.raw("""
            SELECT e.id, e.closed_at, l.code, l.description FROM repair_orders e JOIN repair_order_lines l ON l.repair_order_id = e.id AND l.kind = 'labour'
            WHERE e.vehicle_id = \(bind: vehicle) AND e.org_unit_id = \(bind: unit) AND e.status = 'closed' AND e.id <> \(bind: orderID)
              AND e.closed_at >= \(bind: CalendarDay.adding(-30, to: day))
            """).all() {
            let code = try r.decode(column: "code", as: String.self)
            let id = try r.decode(column: "id", as: Int.self)
            let closedDay = String(try r.decode(column: "closed_at", as: String.self).prefix(10))
            var entry = codes[id] ?? (closedDay, [])
            let description = try r.decode(column: "description", as: String.self)
            entry.1.insert(code.isEmpty ? description : code)
            codes[id] = entry
        }
        for (_, e) in codes { earlier.append(WorkshopKPI.Visit(vehicleId: vehicle, day: e.0, codes: e.1)) }
        let comeback = WorkshopKPI.comebacks([WorkshopKPI.Visit(vehicleId: vehicle, day: day, codes: names)], earlier: earlier)
        try await add(unit: unit, day: day, technician: 0, orders: 1, comebacks: comeback, on: tx)
        for name in names { try await addItem(unit: unit, day: day, kind: "operation", label: name, on: tx) }
        if let model = try await tx.raw("SELECT make || ' ' || model_name AS m FROM vehicles WHERE id = \(bind: vehicle)").first()?.decode(column: "m", as: String.self) {
            try await addItem(unit: unit, day: day, kind: "model", label: model, on: tx)
        }
    }
}
