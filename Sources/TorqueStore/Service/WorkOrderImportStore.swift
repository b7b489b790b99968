import SQLKit
import TorqueDomain

/// Work orders from the dealer's previous system (INT-3), applied all or nothing: each becomes
/// a closed repair order of the workshop for its car, on its day, with its lines. Parts stock is
/// not touched (history), the car's mileage and maintenance plan and the workshop figures are.
public struct WorkOrderImportStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// Imports checked orders; problems that need the database (unknown VIN or technician, a
    /// number imported before) come back as row errors and nothing is written.
    public func apply(_ orders: [ImportedWorkOrder], workshopID: Int, currency: String, scope: Scope, actor: Actor) async throws -> (orders: Int, lines: Int) {
        try await db.transaction { tx in
            _ = try await WorkshopStore.workshop(workshopID, field: "workshop_id", scope: scope, on: tx)
            var errors: [ImportRowError] = []
            var cars: [String: (id: Int, customer: Int?)] = [:]
            for start in stride(from: 0, to: orders.count, by: 500) {
                let vins = Array(Set(orders[start..<min(start + 500, orders.count)].map(\.vin)))
                for r in try await tx.raw("SELECT id, vin, customer_id FROM vehicles WHERE vin IN \(SQLBind.group(vins))").all() {
                    cars[try r.decode(column: "vin", as: String.self)] = (try r.decode(column: "id", as: Int.self), try r.decode(column: "customer_id", as: Int?.self))
                }
            }
            let techs = Dictionary(try await WorkshopStore.technicians(where: "org_unit_id = \(bind: workshopID)", on: tx).map { ($0.name.lowercased(), $0.id) }, uniquingKeysWith: { a, _ in a })
            let done = Set(try await tx.raw("SELECT external_ref FROM repair_orders WHERE org_unit_id = \(bind: workshopID) AND external_ref IS NOT NULL").all()
                .map { try $0.decode(column: "external_ref", as: String.self) })
            for o in orders {
                if cars[o.vin] == nil { errors.append(.init(rowNo: o.rowNo, field: "vin", message: "is not a car known to the network: import or add it first", value: o.vin)) }
                if done.contains(o.number) { errors.append(.init(rowNo: o.rowNo, field: "number", message: "was imported before", value: o.number)) }
                for l in o.lines where !l.technician.isEmpty && techs[l.technician.lowercased()] == nil {
                    errors.append(.init(rowNo: l.rowNo, field: "technician", message: "is not a technician of this workshop", value: l.technician))
                }
            }
            if !errors.isEmpty { throw FileRowErrors(rows: errors) }
            let rate = try await WorkshopSettingsStore.settings(forUnit: workshopID, on: tx).labourRateMinor
            var lineCount = 0
            // Whether the caller may see each owner, asked once per owner.
            let owners = Set(cars.values.compactMap(\.customer))
            var visibleOwners: Set<Int> = []
            for start in stride(from: 0, to: owners.count, by: 500) {
                let ids = Array(owners.sorted()[start..<min(start + 500, owners.count)])
                for r in try await tx.raw("SELECT id FROM customers c WHERE c.id IN \(SQLBind.group(ids)) AND \(CustomerStore.visible(scope))").all() {
                    visibleOwners.insert(try r.decode(column: "id", as: Int.self))
                }
            }
            // Oldest first, so each car's plan and the comebacks follow the visits in order.
            for o in orders.sorted(by: { ($0.day, $0.rowNo) < ($1.day, $1.rowNo) }) {
                let car = cars[o.vin]!
                let visible = car.customer.map(visibleOwners.contains) ?? false
                let closedAt = o.day + "T12:00:00Z"
                let id = try await tx.raw("""
                    INSERT INTO repair_orders (org_unit_id, customer_id, vehicle_id, mileage_km, concerns, status, labour_rate_minor, currency, created_by, created_at, closed_at, external_ref)
                    VALUES (\(bind: workshopID), \(bind: visible ? car.customer : nil), \(bind: car.id), \(bind: o.mileageKm), '', 'closed', \(bind: rate), \(bind: currency),
                            \(bind: actor.userID), \(bind: closedAt), \(bind: closedAt), \(bind: o.number)) RETURNING id
                    """).first()!.decode(column: "id", as: Int.self)
                var lines: [RepairOrderLine] = []
                for l in o.lines {
                    let technician = l.technician.isEmpty ? nil : techs[l.technician.lowercased()]
                    let price = l.unitPriceMinor ?? (l.kind == .part ? 0 : RepairOrderRules.labourPrice(minutes: l.minutes, hourlyRateMinor: rate))
                    try await RepairOrderStore.insertLine(id, RepairOrderLineInput(kind: l.kind, code: l.code, description: l.description, minutes: l.minutes, quantity: l.quantity, technicianId: technician),
                                                          rate: rate, unitPrice: price, on: tx)
                    lines.append(RepairOrderLine(id: 0, kind: l.kind, code: l.code, description: l.description, minutes: l.kind == .labour ? l.minutes : 0, quantity: l.quantity,
                                                 unitPriceMinor: price, partId: nil, technicianId: technician, additional: false, approved: false))
                    lineCount += 1
                }
                try await tx.raw("UPDATE vehicles SET mileage_km = \(bind: o.mileageKm) WHERE id = \(bind: car.id) AND (mileage_km IS NULL OR mileage_km < \(bind: o.mileageKm))").run()
                // The plan moves on only with visits newer than what it knows.
                let latest = try await tx.raw("SELECT MAX(last_day) AS d FROM maintenance_items WHERE vehicle_id = \(bind: car.id)").first()?.decode(column: "d", as: String?.self) ?? nil
                if latest == nil || o.day >= latest! {
                    try await MaintenanceStore.serviced(vehicleID: car.id, unitID: workshopID, day: o.day, km: o.mileageKm,
                                                        codes: Set(o.lines.filter { $0.kind == .labour }.map(\.code)), on: tx)
                }
                try await WorkshopKPICounts.closed(orderID: id, unit: workshopID, vehicleID: car.id, lines: lines, day: o.day, on: tx)
            }
            try await AuditStore.record(on: tx, actor: actor, action: "import", recordType: "repair_order", recordID: workshopID, orgUnitID: workshopID, before: nil,
                                        after: ["orders": orders.count, "lines": lineCount])
            return (orders.count, lineCount)
        }
    }
}
