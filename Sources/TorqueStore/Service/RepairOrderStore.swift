import Foundation
import SQLKit
import TorqueDomain

/// A line to add to a repair order.
public struct RepairOrderLineInput: Sendable, Equatable {
    public var kind: RepairOrderLine.Kind
    public var code: String
    public var description: String
    public var minutes: Int
    public var partId: Int?
    public var quantity: Int
    public var technicianId: Int?
    public var additional: Bool
    public init(kind: RepairOrderLine.Kind, code: String = "", description: String = "", minutes: Int = 0, partId: Int? = nil, quantity: Int = 1, technicianId: Int? = nil, additional: Bool = false) {
        self.kind = kind; self.code = code; self.description = description; self.minutes = minutes; self.partId = partId; self.quantity = quantity
        self.technicianId = technicianId; self.additional = additional
    }
}

/// Repair orders (SVC-4): check-in, lines (parts issued through the stock ledger in the same
/// transaction), technicians' clocks, customer approval of additional work, and the close that
/// tells the owner the car is ready (SVC-7) and puts the visit on their timeline.
public struct RepairOrderStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }


    static func load(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> RepairOrder {
        guard let ro = try await loadMany(where: "ro.id = \(bind: id) AND \(scope.condition("ro.org_unit_id"))", on: sql).first else { throw StoreError.notFound }
        return ro
    }

    /// Orders with their lines and clocks from three queries, however many orders.
    static func loadMany(where condition: SQLQueryString, limit: Int = 1, on sql: any SQLDatabase) async throws -> [RepairOrder] {
        let rows = try await sql.raw("""
            SELECT ro.*, c.display_name AS customer_name, CASE WHEN v.id IS NULL THEN NULL ELSE v.make || ' ' || v.model_name || ' ' || v.vin END AS vehicle_title
            FROM repair_orders ro LEFT JOIN customers c ON c.id = ro.customer_id LEFT JOIN vehicles v ON v.id = ro.vehicle_id
            WHERE \(condition) ORDER BY ro.id DESC LIMIT \(bind: limit)
            """).all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
        guard !ids.isEmpty else { return [] }
        var lines: [Int: [RepairOrderLine]] = [:], clocks: [Int: [ClockSpan]] = [:]
        for l in try await sql.raw("SELECT * FROM repair_order_lines WHERE repair_order_id IN \(SQLBind.group(ids)) ORDER BY id").all() {
            lines[try l.decode(column: "repair_order_id", as: Int.self), default: []].append(RepairOrderLine(
                id: try l.decode(column: "id", as: Int.self), kind: RepairOrderLine.Kind(rawValue: try l.decode(column: "kind", as: String.self)) ?? .labour,
                code: try l.decode(column: "code", as: String.self), description: try l.decode(column: "description", as: String.self),
                minutes: try l.decode(column: "minutes", as: Int.self), quantity: try l.decode(column: "quantity", as: Int.self),
                unitPriceMinor: try l.decode(column: "unit_price_minor", as: Int.self), partId: try l.decode(column: "part_id", as: Int?.self),
                technicianId: try l.decode(column: "technician_id", as: Int?.self), additional: try l.decode(column: "additional", as: Bool.self),
                approved: try l.decode(column: "approved", as: Bool.self)))
        }
        for k in try await sql.raw("""
            SELECT k.*, t.name FROM repair_order_clocks k JOIN technicians t ON t.id = k.technician_id WHERE k.repair_order_id IN \(SQLBind.group(ids)) ORDER BY k.id
            """).all() {
            clocks[try k.decode(column: "repair_order_id", as: Int.self), default: []].append(ClockSpan(
                id: try k.decode(column: "id", as: Int.self), lineId: try k.decode(column: "line_id", as: Int.self), technicianId: try k.decode(column: "technician_id", as: Int.self),
                technicianName: try k.decode(column: "name", as: String?.self), startedAt: try k.decode(column: "started_at", as: String.self),
                endedAt: try k.decode(column: "ended_at", as: String?.self)))
        }
        return try rows.map { r in
            let id = try r.decode(column: "id", as: Int.self)
            let spans = clocks[id] ?? [], items = lines[id] ?? []
            let clocked = spans.compactMap { c -> Int? in
                guard let e = c.endedAt.flatMap(WorkshopRules.minute), let s = WorkshopRules.minute(c.startedAt) else { return nil }
                return e - s
            }.reduce(0, +)
            return RepairOrder(id: id, orgUnitId: try r.decode(column: "org_unit_id", as: Int.self), bookingId: try r.decode(column: "booking_id", as: Int?.self),
                               customerId: try r.decode(column: "customer_id", as: Int?.self), customerName: try r.decode(column: "customer_name", as: String?.self),
                               vehicleId: try r.decode(column: "vehicle_id", as: Int?.self), vehicleTitle: try r.decode(column: "vehicle_title", as: String?.self),
                               mileageKm: try r.decode(column: "mileage_km", as: Int.self), concerns: try r.decode(column: "concerns", as: String.self),
                               status: try r.decode(column: "status", as: String.self), labourRateMinor: try r.decode(column: "labour_rate_minor", as: Int.self),
                               currency: try r.decode(column: "currency", as: String.self), lines: items, clocks: spans,
                               totals: RepairOrderRules.totals(items, clockedMinutes: clocked), createdAt: try r.decode(column: "created_at", as: String.self),
                               closedAt: try r.decode(column: "closed_at", as: String?.self), customerNotes: try r.decode(column: "customer_notes", as: String.self),
                               externalRef: try r.decode(column: "external_ref", as: String?.self))
        }
    }

    public func get(_ id: Int, scope: Scope) async throws -> RepairOrder { try await Self.load(id, scope: scope, on: db.sql) }

    /// Open (or closed) orders of a workshop, newest first, with their lines.
    public func list(workshopID: Int, status: String?, scope: Scope, limit: Int = 50) async throws -> [RepairOrder] {
        var condition: SQLQueryString = "ro.org_unit_id = \(bind: workshopID) AND \(scope.condition("ro.org_unit_id"))"
        if let status { condition += " AND ro.status = \(bind: status)" }
        return try await Self.loadMany(where: condition, limit: limit, on: db.sql)
    }

    /// Checks a car in, from its booking (the booked jobs become labour lines) or on its own.
    /// A mileage below the car's last is refused unless `confirmMileage`.
    public func checkIn(workshopID: Int, bookingID: Int?, vehicleID: Int?, customerID: Int?, mileageKm: Int, concerns: String, confirmMileage: Bool,
                        currency: String, scope: Scope, actor: Actor) async throws -> RepairOrder {
        var errors = ValidationErrors()
        if !(0...2_000_000).contains(mileageKm) { errors.add("mileage_km", "must be from 0 to 2,000,000 km") }
        if concerns.count > 4000 { errors.add("concerns", "must be at most 4,000 characters") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            _ = try await WorkshopStore.workshop(workshopID, field: "workshop_id", scope: scope, on: tx)
            var booking: ServiceBooking?
            if let b = bookingID {
                guard let found = try await ServiceBookingStore.list(where: "b.id = \(bind: b) AND b.org_unit_id = \(bind: workshopID)", on: tx).first else {
                    throw StoreError.invalid(ValidationErrors(["booking_id": "is not a booking of this workshop"]))
                }
                if found.status != "booked" { throw StoreError.conflict(field: "booking_id", message: "is \(found.status.replacingOccurrences(of: "_", with: " ")) already") }
                booking = found
            }
            let vehicle = vehicleID ?? booking?.vehicleId
            if let c = customerID, (try? await CustomerStore.get(c, scope: scope, on: tx)) == nil {
                throw StoreError.invalid(ValidationErrors(["customer_id": "is not a customer you can see"]))
            }
            var customer = customerID ?? booking?.customerId
            var modelFamily: String?
            if let v = vehicle {
                let car: Vehicle
                do { car = try await VehicleStore.get(v, scope: .everything, on: tx) } catch StoreError.notFound { throw StoreError.invalid(ValidationErrors(["vehicle_id": "is not a vehicle"])) }
                if let warning = RepairOrderRules.mileageWarning(typed: mileageKm, last: car.mileageKm), !confirmMileage {
                    throw StoreError.invalid(ValidationErrors(["mileage_km": warning]))
                }
                // The owner goes on the order only when the workshop may see them (a car of
                // another dealer's customer is serviced without their name shown here).
                if customer == nil, let owner = car.customerId, (try? await CustomerStore.get(owner, scope: scope, on: tx)) != nil { customer = owner }
                modelFamily = car.modelName
            } else {
                throw StoreError.invalid(ValidationErrors(["vehicle_id": "is required (or booking_id)"]))
            }
            let now = Clock.nowString()
            let rate = try await WorkshopSettingsStore.settings(forUnit: workshopID, on: tx).labourRateMinor
            let id = try await tx.raw("""
                INSERT INTO repair_orders (org_unit_id, booking_id, customer_id, vehicle_id, mileage_km, concerns, status, labour_rate_minor, currency, created_by, created_at)
                VALUES (\(bind: workshopID), \(bind: booking?.id), \(bind: customer), \(bind: vehicle), \(bind: mileageKm), \(bind: concerns), 'open',
                        \(bind: rate), \(bind: currency), \(bind: actor.userID), \(bind: now)) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            for op in booking?.operations ?? [] {
                try await Self.insertLine(id, RepairOrderLineInput(kind: .labour, code: op.code, description: op.name, minutes: op.minutes, technicianId: booking?.technicianId),
                                          rate: rate, on: tx)
            }
            try await Self.issueKits(id, booking: booking, workshopID: workshopID, modelFamily: modelFamily, scope: scope, actor: actor, on: tx)
            if let b = booking { try await tx.raw("UPDATE service_bookings SET status = 'checked_in' WHERE id = \(bind: b.id)").run() }
            if let v = vehicle { try await tx.raw("UPDATE vehicles SET mileage_km = \(bind: mileageKm), updated_at = \(bind: now) WHERE id = \(bind: v)").run() }
            let ro = try await Self.load(id, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "repair_order", recordID: id, orgUnitID: workshopID, before: nil, after: ro)
            return ro
        }
    }

    /// Issues the booked operations' parts kits that the workshop has in stock, as part lines;
    /// a kit part short in stock is left for the advisor (the order page lists it).
    static func issueKits(_ orderID: Int, booking: ServiceBooking?, workshopID: Int, modelFamily: String?, scope: Scope, actor: Actor, on tx: any SQLDatabase) async throws {
        let codes = Set((booking?.operations ?? []).map(\.code).filter { !$0.isEmpty })
        guard !codes.isEmpty else { return }
        let kit = try await LabourOperationStore.usable(byUnit: workshopID, modelFamily: modelFamily, on: tx).filter { codes.contains($0.code) }.flatMap(\.parts)
        guard !kit.isEmpty else { return }
        let number = "RO-\(orderID)"
        let rows = try await tx.raw("SELECT * FROM parts WHERE org_unit_id = \(bind: workshopID) AND part_number IN \(SQLBind.group(kit.map(\.partNumber)))").all().map(PartStore.decode)
        for need in kit {
            guard let part = rows.first(where: { $0.partNumber == need.partNumber }), part.quantity >= need.quantity else { continue }
            _ = try await PartStore.move(part.id, kind: .issue, change: -need.quantity, reference: number, note: "kit", mayOverride: false, scope: .everything, actor: actor, on: tx)
            try await Self.insertLine(orderID, RepairOrderLineInput(kind: .part, code: part.partNumber, description: "\(part.partNumber) \(part.name)", partId: part.id, quantity: need.quantity),
                                      rate: 0, unitPrice: part.priceMinor, on: tx)
        }
    }

    static func insertLine(_ orderID: Int, _ l: RepairOrderLineInput, rate: Int, unitPrice: Int? = nil, on tx: any SQLDatabase) async throws {
        let price = unitPrice ?? RepairOrderRules.labourPrice(minutes: l.minutes, hourlyRateMinor: rate)
        try await tx.raw("""
            INSERT INTO repair_order_lines (repair_order_id, kind, code, description, minutes, quantity, unit_price_minor, part_id, technician_id, additional, approved, created_at)
            VALUES (\(bind: orderID), \(bind: l.kind.rawValue), \(bind: l.code), \(bind: l.description), \(bind: l.kind == .labour ? l.minutes : 0), \(bind: l.quantity),
                    \(bind: price), \(bind: l.partId), \(bind: l.technicianId), \(bind: l.additional), \(bind: false), \(bind: Clock.nowString()))
            """).run()
    }

    /// Reads the order after writing its row: lines, clocks and the close queue up one at a time.
    static func lockOpen(_ id: Int, scope: Scope, on tx: any SQLDatabase) async throws -> RepairOrder {
        guard try await tx.raw("UPDATE repair_orders SET status = status WHERE id = \(bind: id) AND \(scope.condition("org_unit_id")) RETURNING id").first() != nil else { throw StoreError.notFound }
        let ro = try await load(id, scope: scope, on: tx)
        if ro.status != "open" { throw StoreError.conflict(field: "status", message: "\(ro.number) is closed") }
        return ro
    }

    /// Adds labour or a part; a part is issued from the workshop's stock in the same transaction
    /// (below zero only with `mayOverride`).
    public func addLine(_ orderID: Int, _ l: RepairOrderLineInput, mayOverride: Bool, scope: Scope, actor: Actor) async throws -> RepairOrder {
        var errors = ValidationErrors()
        if !(1...1_000).contains(l.quantity) { errors.add("quantity", "must be from 1 to 1,000") }
        if l.kind == .labour && !(1...10_080).contains(l.minutes) { errors.add("minutes", "must be from 1 to 10,080") }
        if l.kind == .labour && l.description.trimmingCharacters(in: .whitespaces).isEmpty { errors.add("description", "is required") }
        if l.kind == .part && l.partId == nil { errors.add("part_id", "is required for a part") }
        if l.description.count > 300 { errors.add("description", "must be at most 300 characters") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            let ro = try await Self.lockOpen(orderID, scope: scope, on: tx)
            if let t = l.technicianId, try await tx.raw("SELECT 1 AS x FROM technicians WHERE id = \(bind: t) AND org_unit_id = \(bind: ro.orgUnitId)").first() == nil {
                throw StoreError.invalid(ValidationErrors(["technician_id": "is not a technician of this workshop"]))
            }
            if l.kind == .part, let partID = l.partId {
                let part: Part
                do { part = try await PartStore.get(partID, scope: scope, on: tx) } catch StoreError.notFound { throw StoreError.invalid(ValidationErrors(["part_id": "is not a part you can see"])) }
                if part.orgUnitId != ro.orgUnitId { throw StoreError.invalid(ValidationErrors(["part_id": "is stocked by another unit"])) }
                _ = try await PartStore.move(partID, kind: .issue, change: -l.quantity, reference: ro.number, note: l.description, mayOverride: mayOverride, scope: scope, actor: actor, on: tx)
                var line = l
                if line.description.isEmpty { line.description = "\(part.partNumber) \(part.name)" }
                line.code = part.partNumber
                try await Self.insertLine(orderID, line, rate: ro.labourRateMinor, unitPrice: part.priceMinor, on: tx)
            } else {
                try await Self.insertLine(orderID, l, rate: ro.labourRateMinor, on: tx)
            }
            let after = try await Self.load(orderID, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "add_line", recordType: "repair_order", recordID: orderID, orgUnitID: ro.orgUnitId, before: ro, after: after)
            return after
        }
    }

    /// Sets the notes for the customer while the order is open.
    public func setCustomerNotes(_ orderID: Int, _ text: String, scope: Scope, actor: Actor) async throws -> RepairOrder {
        if text.count > 4000 { throw StoreError.invalid(ValidationErrors(["customer_notes": "must be at most 4,000 characters"])) }
        return try await db.transaction { tx in
            let ro = try await Self.lockOpen(orderID, scope: scope, on: tx)
            try await tx.raw("UPDATE repair_orders SET customer_notes = \(bind: text.trimmed) WHERE id = \(bind: orderID)").run()
            let after = try await Self.load(orderID, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "update", recordType: "repair_order", recordID: orderID, orgUnitID: ro.orgUnitId, before: ro, after: after)
            return after
        }
    }

    /// The customer said yes to additional work.
    public func approve(_ orderID: Int, lineID: Int, scope: Scope, actor: Actor) async throws -> RepairOrder {
        try await db.transaction { tx in
            let ro = try await Self.lockOpen(orderID, scope: scope, on: tx)
            guard ro.lines.contains(where: { $0.id == lineID && $0.additional }) else { throw StoreError.invalid(ValidationErrors(["line_id": "is not additional work of this order"])) }
            try await tx.raw("UPDATE repair_order_lines SET approved = \(bind: true) WHERE id = \(bind: lineID)").run()
            let after = try await Self.load(orderID, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "approve_line", recordType: "repair_order", recordID: orderID, orgUnitID: ro.orgUnitId, before: ro, after: after)
            return after
        }
    }

    /// Clocks a technician in on a line (one open clock per technician) or out of it.
    public func clock(_ orderID: Int, lineID: Int, technicianID: Int, clockIn: Bool, at now: Int, scope: Scope, actor: Actor) async throws -> RepairOrder {
        try await db.transaction { tx in
            let ro = try await Self.lockOpen(orderID, scope: scope, on: tx)
            guard ro.lines.contains(where: { $0.id == lineID && $0.kind == .labour }) else { throw StoreError.invalid(ValidationErrors(["line_id": "is not a labour line of this order"])) }
            guard try await tx.raw("UPDATE technicians SET active = active WHERE id = \(bind: technicianID) AND org_unit_id = \(bind: ro.orgUnitId) RETURNING id").first() != nil else {
                throw StoreError.invalid(ValidationErrors(["technician_id": "is not a technician of this workshop"]))
            }
            let open = try await tx.raw("SELECT id, repair_order_id, line_id, started_at FROM repair_order_clocks WHERE technician_id = \(bind: technicianID) AND ended_at IS NULL").first()
            if clockIn {
                if let o = open {
                    throw StoreError.conflict(field: "technician_id", message: "is clocked in on RO-\(try o.decode(column: "repair_order_id", as: Int.self)) already; clock out there first")
                }
                try await tx.raw("""
                    INSERT INTO repair_order_clocks (repair_order_id, line_id, technician_id, started_at) VALUES (\(bind: orderID), \(bind: lineID), \(bind: technicianID), \(bind: WorkshopRules.stamp(now)))
                    """).run()
            } else {
                guard let o = open, try o.decode(column: "line_id", as: Int.self) == lineID else {
                    throw StoreError.invalid(ValidationErrors(["action": "clock-out before clock-in: the technician is not clocked in on this line"]))
                }
                try await tx.raw("UPDATE repair_order_clocks SET ended_at = \(bind: WorkshopRules.stamp(now)) WHERE id = \(bind: try o.decode(column: "id", as: Int.self))").run()
                let started = try o.decode(column: "started_at", as: String.self)
                if let from = WorkshopRules.minute(started) {
                    try await WorkshopKPICounts.add(unit: ro.orgUnitId, day: String(started.prefix(10)), technician: technicianID, clocked: max(0, now - from), on: tx)
                }
            }
            return try await Self.load(orderID, scope: .everything, on: tx)
        }
    }

    /// Closes the order (no clock may be open): the booking is done, the visit and its amount go
    /// on the customer's timeline, and the "vehicle ready" message is queued to the owner.
    public func close(_ orderID: Int, scope: Scope, actor: Actor) async throws -> RepairOrder {
        try await db.transaction { tx in
            let ro = try await Self.lockOpen(orderID, scope: scope, on: tx)
            if let problem = RepairOrderRules.closeProblem(clocks: ro.clocks) { throw StoreError.conflict(field: "clocks", message: problem) }
            let now = Clock.nowString()
            try await tx.raw("UPDATE repair_orders SET status = 'closed', closed_at = \(bind: now) WHERE id = \(bind: orderID)").run()
            try await WorkshopKPICounts.closed(ro, day: String(now.prefix(10)), on: tx)
            if let b = ro.bookingId { try await tx.raw("UPDATE service_bookings SET status = 'done' WHERE id = \(bind: b)").run() }
            if let v = ro.vehicleId {
                try await MaintenanceStore.serviced(vehicleID: v, unitID: ro.orgUnitId, day: String(now.prefix(10)), km: ro.mileageKm,
                                                    codes: Set(ro.lines.filter { $0.billable && $0.kind == .labour }.map(\.code)), on: tx)
            }
            if let c = ro.customerId {
                try await TimelineStore.append(TimelineEntry(kind: .service, title: "Workshop visit \(ro.number) closed", detail: ro.lines.filter(\.billable).map(\.description).joined(separator: ", "),
                                                             refType: "repair_order", refId: orderID, amountMinor: ro.totals.totalMinor),
                                               customerID: c, unitID: ro.orgUnitId, userName: actor.label, on: tx)
                let customer = try await CustomerStore.get(c, scope: .everything, on: tx)
                let unit = try await OrgUnitStore.get(ro.orgUnitId, scope: .everything, on: tx)
                // E-mail with the amount; a short SMS too when a mobile number is known (SVC-7).
                var sentTo: [String] = []
                if let email = customer.email {
                    try await OutboxStore.enqueue(on: tx, orgUnitID: ro.orgUnitId, recipient: email, subject: "Your car is ready",
                                                  body: "Dear \(customer.displayName),\n\nyour \(ro.vehicleTitle ?? "car") is ready for collection at \(unit.name).\n\(ro.currency) \(Money.exact(ro.totals.totalMinor)) to pay (order \(ro.number)).\n\(ro.customerNotes.isEmpty ? "" : "\n\(ro.customerNotes)\n")\n\(unit.name)")
                    sentTo.append(email)
                }
                if let phone = customer.phone {
                    try await OutboxStore.enqueue(on: tx, orgUnitID: ro.orgUnitId, channel: "sms", recipient: phone, subject: "Your car is ready",
                                                  body: "\(unit.name): your car is ready for collection (\(ro.number), \(ro.currency) \(Money.exact(ro.totals.totalMinor))).")
                    sentTo.append(phone)
                }
                if !sentTo.isEmpty {
                    try await TimelineStore.append(TimelineEntry(kind: .contact, title: "Vehicle ready message sent", detail: sentTo.joined(separator: ", "), refType: "repair_order", refId: orderID),
                                                   customerID: c, unitID: ro.orgUnitId, userName: actor.label, on: tx)
                }
            }
            let after = try await Self.load(orderID, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "close", recordType: "repair_order", recordID: orderID, orgUnitID: ro.orgUnitId, before: ro, after: after)
            return after
        }
    }
}
