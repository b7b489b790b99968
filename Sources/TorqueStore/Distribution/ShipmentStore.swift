import Foundation
import SQLKit
import TorqueDomain

/// What dispatching takes: the allocated cars of one hub for one dealer, and the carrier's data.
public struct DispatchInput: Sendable, Equatable {
    public var lineIDs: [Int]
    public var carrier: String
    public var trackingNumber: String
    public var legs: String
    public var eta: String
    public init(lineIDs: [Int], carrier: String, trackingNumber: String, legs: String, eta: String) {
        self.lineIDs = lineIDs; self.carrier = carrier; self.trackingNumber = trackingNumber; self.legs = legs; self.eta = eta
    }
}

/// A status report as it arrives (DIST-4).
public struct ShipmentEventInput: Sendable, Equatable {
    public var status: String
    public var location: String
    public var happenedAt: String?
    public var eta: String?
    public var note: String
    public init(status: String, location: String, happenedAt: String? = nil, eta: String? = nil, note: String = "") {
        self.status = status; self.location = location; self.happenedAt = happenedAt; self.eta = eta; self.note = note
    }
}

/// Shipments from hubs to dealers (DIST-3, DIST-4): dispatch moves the cars to the dealer as
/// "in transit" and invoices them (FIN-2); the delivered report puts them in the dealer's stock.
/// A shipment belongs to the dealer it goes to (scope); logistics above sees them all.
public struct ShipmentStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = """
        SELECT s.*, u.name AS unit_name, f.name AS from_name FROM shipments s JOIN org_units u ON u.id = s.org_unit_id JOIN org_units f ON f.id = s.from_unit_id
        """

    static func decode(_ r: any SQLRow) throws -> Shipment {
        Shipment(id: try r.decode(column: "id", as: Int.self), orgUnitId: try r.decode(column: "org_unit_id", as: Int.self), unitName: try r.decode(column: "unit_name", as: String?.self),
                 fromUnitId: try r.decode(column: "from_unit_id", as: Int.self), fromName: try r.decode(column: "from_name", as: String?.self),
                 carrier: try r.decode(column: "carrier", as: String.self), trackingNumber: try r.decode(column: "tracking_number", as: String.self),
                 legs: (try? JSONDecoder().decode([Shipment.Leg].self, from: Data(try r.decode(column: "legs", as: String.self).utf8))) ?? [],
                 status: Shipment.Status(rawValue: try r.decode(column: "status", as: String.self)) ?? .dispatched, eta: try r.decode(column: "eta", as: String.self),
                 location: try r.decode(column: "location", as: String.self), dispatchedAt: try r.decode(column: "dispatched_at", as: String.self),
                 deliveredAt: try r.decode(column: "delivered_at", as: String?.self), vehicles: [], events: [])
    }

    public func get(_ id: Int, scope: Scope) async throws -> Shipment { try await Self.get(id, scope: scope, on: db.sql) }

    static func get(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> Shipment {
        guard let r = try await sql.raw("\(unsafeRaw: select) WHERE s.id = \(bind: id) AND \(scope.condition("s.org_unit_id"))").first() else { throw StoreError.notFound }
        var s = try decode(r)
        s.vehicles = try await sql.raw("""
            SELECT l.id, l.order_id, v.id AS vehicle_id, v.vin, v.make, v.model_name FROM vehicle_order_lines l JOIN vehicles v ON v.id = l.vehicle_id
            WHERE l.shipment_id = \(bind: id) ORDER BY l.order_id, l.line_no
            """).all().map { r in
            ShipmentVehicle(lineId: try r.decode(column: "id", as: Int.self), orderId: try r.decode(column: "order_id", as: Int.self), vehicleId: try r.decode(column: "vehicle_id", as: Int.self),
                            vin: try r.decode(column: "vin", as: String.self), title: "\(try r.decode(column: "make", as: String.self)) \(try r.decode(column: "model_name", as: String.self))")
        }
        s.events = try await sql.raw("SELECT * FROM shipment_events WHERE shipment_id = \(bind: id) ORDER BY id").all().map { r in
            ShipmentEvent(id: try r.decode(column: "id", as: Int.self), status: Shipment.Status(rawValue: try r.decode(column: "status", as: String.self)) ?? .inTransit,
                          location: try r.decode(column: "location", as: String.self), happenedAt: try r.decode(column: "happened_at", as: String.self),
                          eta: try r.decode(column: "eta", as: String?.self), note: try r.decode(column: "note", as: String.self), recordedBy: try r.decode(column: "recorded_by", as: String.self))
        }
        return s
    }

    /// The shipment with this tracking number, within scope.
    public func find(trackingNumber: String, scope: Scope) async throws -> Shipment {
        guard let r = try await db.sql.raw("SELECT id FROM shipments WHERE tracking_number = \(bind: trackingNumber.trimmed.uppercased()) AND \(scope.condition("org_unit_id"))").first() else {
            throw StoreError.invalid(ValidationErrors(["tracking_number": "is not the tracking number of a shipment you can see"]))
        }
        return try await get(try r.decode(column: "id", as: Int.self), scope: scope)
    }

    /// Shipments in scope, newest first; `open` leaves out the delivered ones.
    public func list(scope: Scope, open: Bool = false, limit: Int = 50, after cursor: Int? = nil) async throws -> Page<Shipment> {
        var sql: SQLQueryString = "\(unsafeRaw: Self.select) WHERE \(scope.condition("s.org_unit_id"))"
        if open { sql += " AND s.status <> 'delivered'" }
        if let cursor { sql += " AND s.id < \(bind: cursor)" }
        sql += " ORDER BY s.id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }

    static func trackingProblem(_ t: String) -> String? {
        guard (3...40).contains(t.count) else { return "must be 3 to 40 characters" }
        return t.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) ? nil : "may hold letters, digits and dashes only"
    }

    /// Dispatches allocated cars of one hub to one dealer: all of them or none.
    public func dispatch(_ input: DispatchInput, scope: Scope, actor: Actor, today: String = Clock.today()) async throws -> Shipment {
        var errors = ValidationErrors()
        let carrier = input.carrier.trimmed, tracking = input.trackingNumber.trimmed.uppercased()
        if input.lineIDs.isEmpty { errors.add("line_ids", "choose at least one allocated car") }
        if carrier.isEmpty { errors.add("carrier", "is required") } else if carrier.count > 80 { errors.add("carrier", "must be at most 80 characters") }
        if let p = Self.trackingProblem(tracking) { errors.add("tracking_number", p) }
        if CalendarDay.parse(input.eta.trimmed) == nil { errors.add("eta", "must be a day like 2026-12-03") } else if input.eta.trimmed < today { errors.add("eta", "is in the past") }
        let parsed = ShipmentProgress.legs(input.legs)
        if let bad = parsed.bad { errors.add("legs", "\"\(bad)\" is not a leg: write one per line as \"From > To\"") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        let ids = Array(Set(input.lineIDs))
        return try await db.transaction { tx in
            let rows = try await tx.raw("""
                SELECT l.id, l.status, l.order_id, l.org_unit_id, l.hub_id, l.vehicle_id, o.unit_price_minor, o.currency FROM vehicle_order_lines l JOIN vehicle_orders o ON o.id = l.order_id
                WHERE l.id IN \(SQLBind.group(ids)) AND \(scope.condition("l.org_unit_id"))
                """).all()
            guard rows.count == ids.count else { throw StoreError.invalid(ValidationErrors(["line_ids": "name cars of orders you cannot see"])) }
            struct Line { var id: Int; var orderID: Int; var unit: Int; var hub: Int?; var vehicle: Int?; var price: Int; var currency: String; var status: String }
            let lines = try rows.map { r in
                Line(id: try r.decode(column: "id", as: Int.self), orderID: try r.decode(column: "order_id", as: Int.self), unit: try r.decode(column: "org_unit_id", as: Int.self),
                     hub: try r.decode(column: "hub_id", as: Int?.self), vehicle: try r.decode(column: "vehicle_id", as: Int?.self),
                     price: try r.decode(column: "unit_price_minor", as: Int.self), currency: try r.decode(column: "currency", as: String.self), status: try r.decode(column: "status", as: String.self))
            }
            if let l = lines.first(where: { $0.status != "allocated" || $0.vehicle == nil || $0.hub == nil }) {
                throw StoreError.conflict(field: "line_ids", message: "car \(l.id) is \(VehicleOrderLine.Status(rawValue: l.status)?.label.lowercased() ?? l.status): only allocated cars can be dispatched")
            }
            guard Set(lines.map(\.unit)).count == 1, Set(lines.map(\.hub)).count == 1 else {
                throw StoreError.invalid(ValidationErrors(["line_ids": "one shipment carries cars from one hub to one dealer"]))
            }
            if try await tx.raw("SELECT 1 AS x FROM shipments WHERE tracking_number = \(bind: tracking)").first() != nil {
                throw StoreError.conflict(field: "tracking_number", message: "is already used by another shipment")
            }
            let dealer = lines[0].unit, hub = lines[0].hub!
            let places = try await DistributionNetwork.places([dealer, hub], on: tx)
            let legs = parsed.legs.isEmpty ? [Shipment.Leg(from: places[hub]?.name ?? "hub", to: places[dealer]?.name ?? "dealer")] : parsed.legs
            let now = Clock.nowString()
            let shipmentID = try await tx.raw("""
                INSERT INTO shipments (org_unit_id, from_unit_id, carrier, tracking_number, legs, status, eta, location, dispatched_at, created_by, updated_at)
                VALUES (\(bind: dealer), \(bind: hub), \(bind: carrier), \(bind: tracking), \(bind: String(decoding: try JSONEncoder().encode(legs), as: UTF8.self)), 'dispatched',
                        \(bind: input.eta.trimmed), \(bind: places[hub]?.name ?? ""), \(bind: now), \(bind: actor.userID), \(bind: now)) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            try await tx.raw("""
                UPDATE vehicle_order_lines SET status = 'in_transit', shipment_id = \(bind: shipmentID), updated_at = \(bind: now) WHERE id IN \(SQLBind.group(ids)) AND status = 'allocated'
                """).run()
            for l in lines {
                // the unit must still stand at the hub: a correction of stock meanwhile stops the dispatch
                let unit = try await VehicleStore.get(l.vehicle!, scope: .everything, on: tx)
                guard unit.orgUnitId == hub, unit.status == .inStock else {
                    throw StoreError.conflict(field: "line_ids", message: "VIN \(unit.vin) is no longer in the hub's stock (\(unit.status.label.lowercased())): reallocate car \(l.id)")
                }
                try await Self.moveVehicle(unit, to: dealer, status: .inTransit, location: "On the way with \(carrier), \(tracking)", actor: actor, on: tx)
                try await SettlementStore.add(orderID: l.orderID, unitID: dealer, lineID: l.id, kind: .invoice, amountMinor: l.price, currency: l.currency,
                                              reference: "INV-\(shipmentID)-\(l.id)", actor: actor, on: tx)
            }
            try await tx.raw("""
                INSERT INTO shipment_events (shipment_id, status, location, happened_at, eta, note, recorded_by, created_at)
                VALUES (\(bind: shipmentID), 'dispatched', \(bind: places[hub]?.name ?? ""), \(bind: now), \(bind: input.eta.trimmed), '', \(bind: actor.label), \(bind: now))
                """).run()
            let shipment = try await Self.get(shipmentID, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "dispatch", recordType: "shipment", recordID: shipmentID, orgUnitID: dealer, before: nil, after: shipment)
            return shipment
        }
    }

    /// Moves a unit to another holder and status, keeping the stock counts right.
    static func moveVehicle(_ before: Vehicle, to unitID: Int, status: VehicleStatus, location: String, actor: Actor, on tx: any SQLDatabase) async throws {
        let id = before.id
        let since: String? = status == .inStock ? Clock.today() : nil
        try await tx.raw("""
            UPDATE vehicles SET org_unit_id = \(bind: unitID), status = \(bind: status.rawValue), location = \(bind: location), in_stock_since = \(bind: since), updated_at = \(bind: Clock.nowString())
            WHERE id = \(bind: id)
            """).run()
        let after = try await VehicleStore.get(id, scope: .everything, on: tx)
        try await StockCounts.move(from: StockCounts.Cell(before), to: StockCounts.Cell(after), on: tx)
        try await AuditStore.record(on: tx, actor: actor, action: status == .inStock ? "arrive" : "dispatch", recordType: "vehicle", recordID: id, orgUnitID: unitID, before: before, after: after)
    }

    /// Records a status report; "delivered" puts the cars in the dealer's stock and fills the
    /// orders' lines. Reports must come in order (time and steps).
    public func report(_ shipmentID: Int, _ input: ShipmentEventInput, scope: Scope, actor: Actor, now: String = Clock.nowString()) async throws -> Shipment {
        var errors = ValidationErrors()
        let status = Shipment.Status(rawValue: input.status.trimmed)
        if status == nil { errors.add("status", "must be one of \(Shipment.Status.allCases.map(\.rawValue).joined(separator: ", "))") }
        let location = input.location.trimmed
        if location.isEmpty { errors.add("location", "is required (a city, a hub, a road)") } else if location.count > 120 { errors.add("location", "must be at most 120 characters") }
        var stated: String?
        if let h = input.happenedAt?.trimmed, !h.isEmpty {
            if let d = Clock.date(h) { stated = Clock.string(d) } else { errors.add("happened_at", "must be a time like 2026-12-01T10:30:00Z") }
            if let d = Clock.date(h), let n = Clock.date(now), d.timeIntervalSince(n) > 600 { errors.add("happened_at", "is in the future") }
        }
        if let e = input.eta?.trimmed, !e.isEmpty, CalendarDay.parse(e) == nil { errors.add("eta", "must be a day like 2026-12-03") }
        if input.note.count > 500 { errors.add("note", "must be at most 500 characters") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        let at = stated ?? now
        return try await db.transaction { tx in
            let before = try await Self.get(shipmentID, scope: scope, on: tx)
            let lastAt = before.events.last?.happenedAt ?? before.dispatchedAt
            if let refusal = ShipmentProgress.refusal(current: before.status, lastAt: lastAt, next: status!, at: at) {
                throw StoreError.conflict(field: refusal.field, message: refusal.message)
            }
            let eta = input.eta?.trimmed.isEmpty == false ? input.eta!.trimmed : nil
            try await tx.raw("""
                INSERT INTO shipment_events (shipment_id, status, location, happened_at, eta, note, recorded_by, created_at)
                VALUES (\(bind: shipmentID), \(bind: status!.rawValue), \(bind: location), \(bind: at), \(bind: eta), \(bind: input.note.trimmed), \(bind: actor.label), \(bind: now))
                """).run()
            try await tx.raw("""
                UPDATE shipments SET status = \(bind: status!.rawValue), location = \(bind: location), eta = \(bind: eta ?? before.eta),
                       delivered_at = \(bind: status == .delivered ? at : nil), updated_at = \(bind: now) WHERE id = \(bind: shipmentID)
                """).run()
            if status == .delivered {
                for v in before.vehicles {
                    try await Self.moveVehicle(try await VehicleStore.get(v.vehicleId, scope: .everything, on: tx), to: before.orgUnitId, status: .inStock, location: "Arrived \(String(at.prefix(10)))", actor: actor, on: tx)
                }
                try await tx.raw("UPDATE vehicle_order_lines SET status = 'delivered', updated_at = \(bind: now) WHERE shipment_id = \(bind: shipmentID) AND status = 'in_transit'").run()
                for order in Set(before.vehicles.map(\.orderId)) { try await VehicleOrderStore.settleStatus(order, on: tx) }
            }
            let after = try await Self.get(shipmentID, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "report", recordType: "shipment", recordID: shipmentID, orgUnitID: before.orgUnitId, before: before.status, after: after.events.last)
            return after
        }
    }
}
