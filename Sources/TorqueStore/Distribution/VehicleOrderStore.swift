import Foundation
import SQLKit
import TorqueDomain

/// What a dealer asks for: a saved configuration, or a model and build from the catalog.
public struct VehicleOrderInput: Sendable, Equatable {
    public var unitID: Int?
    public var configurationID: Int?
    public var modelID: Int?
    public var build: Build
    public var quantity: Int?
    public var wantedOn: String
    public var note: String
    public init(unitID: Int? = nil, configurationID: Int? = nil, modelID: Int? = nil, build: Build = Build(), quantity: Int?, wantedOn: String, note: String = "") {
        self.unitID = unitID; self.configurationID = configurationID; self.modelID = modelID; self.build = build
        self.quantity = quantity; self.wantedOn = wantedOn; self.note = note
    }
}

/// Dealers' vehicle orders (DIST-1): checked by the catalog's rules, one line per car, flagged
/// by the network's rules (BI-5), sent to the dealer's regional DC.
public struct VehicleOrderStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = """
        SELECT o.*, u.name AS unit_name, h.name AS hub_name FROM vehicle_orders o
        JOIN org_units u ON u.id = o.org_unit_id LEFT JOIN org_units h ON h.id = o.hub_id
        """

    static func decode(_ r: any SQLRow) throws -> VehicleOrder {
        VehicleOrder(id: try r.decode(column: "id", as: Int.self), orgUnitId: try r.decode(column: "org_unit_id", as: Int.self), unitName: try r.decode(column: "unit_name", as: String?.self),
                     hubId: try r.decode(column: "hub_id", as: Int?.self), hubName: try r.decode(column: "hub_name", as: String?.self),
                     modelId: try r.decode(column: "model_id", as: Int.self), modelTitle: try r.decode(column: "model_title", as: String.self),
                     trim: try r.decode(column: "trim", as: String.self), engine: try r.decode(column: "engine", as: String.self), colour: try r.decode(column: "colour", as: String.self),
                     options: try r.decode(column: "options", as: String.self), configurationId: try r.decode(column: "configuration_id", as: Int?.self),
                     quantity: try r.decode(column: "quantity", as: Int.self), wantedOn: try r.decode(column: "wanted_on", as: String.self),
                     unitPriceMinor: try r.decode(column: "unit_price_minor", as: Int.self), currency: try r.decode(column: "currency", as: String.self),
                     status: VehicleOrder.Status(rawValue: try r.decode(column: "status", as: String.self)) ?? .open,
                     flags: (try? JSONDecoder().decode([WarningFlag].self, from: Data(try r.decode(column: "flags", as: String.self).utf8))) ?? [],
                     note: try r.decode(column: "note", as: String.self), createdAt: try r.decode(column: "created_at", as: String.self), lines: [])
    }

    /// The lines of these orders with their unit, hub, shipment's ETA and current explanation: one query.
    static func attachLines(_ orders: [VehicleOrder], on sql: any SQLDatabase) async throws -> [VehicleOrder] {
        guard !orders.isEmpty else { return orders }
        let rows = try await sql.raw("""
            SELECT l.*, v.vin, h.name AS hub_name, s.eta, a.explanation FROM vehicle_order_lines l
            LEFT JOIN vehicles v ON v.id = l.vehicle_id LEFT JOIN org_units h ON h.id = l.hub_id LEFT JOIN shipments s ON s.id = l.shipment_id
            LEFT JOIN allocations a ON a.line_id = l.id AND a.current = \(bind: true)
            WHERE l.order_id IN \(SQLBind.group(orders.map(\.id))) ORDER BY l.order_id, l.line_no
            """).all()
        var byOrder: [Int: [VehicleOrderLine]] = [:]
        for r in rows {
            let line = VehicleOrderLine(id: try r.decode(column: "id", as: Int.self), orderId: try r.decode(column: "order_id", as: Int.self), lineNo: try r.decode(column: "line_no", as: Int.self),
                                        status: VehicleOrderLine.Status(rawValue: try r.decode(column: "status", as: String.self)) ?? .pending,
                                        vehicleId: try r.decode(column: "vehicle_id", as: Int?.self), vin: try r.decode(column: "vin", as: String?.self),
                                        hubId: try r.decode(column: "hub_id", as: Int?.self), hubName: try r.decode(column: "hub_name", as: String?.self),
                                        shipmentId: try r.decode(column: "shipment_id", as: Int?.self), eta: try r.decode(column: "eta", as: String?.self),
                                        explanation: try r.decode(column: "explanation", as: String?.self))
            byOrder[line.orderId, default: []].append(line)
        }
        return orders.map { var o = $0; o.lines = byOrder[o.id] ?? []; return o }
    }

    public func get(_ id: Int, scope: Scope) async throws -> VehicleOrder { try await Self.get(id, scope: scope, on: db.sql) }

    static func get(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> VehicleOrder {
        guard let r = try await sql.raw("\(unsafeRaw: select) WHERE o.id = \(bind: id) AND \(scope.condition("o.org_unit_id"))").first() else { throw StoreError.notFound }
        return try await attachLines([try decode(r)], on: sql)[0]
    }

    /// Filters of the order list.
    public struct Filter: Sendable {
        public var status: VehicleOrder.Status?
        public var unitID: Int?
        public var flagged: Bool
        public init(status: VehicleOrder.Status? = nil, unitID: Int? = nil, flagged: Bool = false) { self.status = status; self.unitID = unitID; self.flagged = flagged }
    }

    /// Orders in scope, newest first, with their lines (two queries a page).
    public func list(scope: Scope, filter: Filter = Filter(), limit: Int = 50, after cursor: Int? = nil) async throws -> Page<VehicleOrder> {
        var sql: SQLQueryString = "\(unsafeRaw: Self.select) WHERE \(scope.condition("o.org_unit_id"))"
        if let s = filter.status { sql += " AND o.status = \(bind: s.rawValue)" }
        if let u = filter.unitID { sql += " AND o.org_unit_id = \(bind: u)" }
        if filter.flagged { sql += " AND o.flags <> '[]'" }
        if let cursor { sql += " AND o.id < \(bind: cursor)" }
        sql += " ORDER BY o.id DESC LIMIT \(bind: limit + 1)"
        let page = Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
        return Page(items: try await Self.attachLines(page.items, on: db.sql), nextCursor: page.nextCursor)
    }

    /// Places an order: the build is checked against the catalog on today's date, the order is
    /// flagged by the network's rules, one line per car waits for allocation.
    public func create(_ input: VehicleOrderInput, principalUnitID: Int, scope: Scope, actor: Actor, today: String = Clock.today()) async throws -> VehicleOrder {
        var errors = VehicleOrderRules.check(quantity: input.quantity, wantedOn: input.wantedOn.trimmed, today: today)
        if input.note.count > 2000 { errors.add("note", "must be at most 2,000 characters") }
        if input.configurationID == nil && input.modelID == nil { errors.add("model_id", "is required (or a configuration_id)") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            let unitID = input.unitID ?? principalUnitID
            guard let unitRow = try await tx.raw("SELECT id, name, path, kind, latitude, longitude FROM org_units WHERE id = \(bind: unitID) AND \(scope.condition("id"))").first() else {
                throw StoreError.invalid(ValidationErrors(["org_unit_id": "is not a unit you can order for"]))
            }
            let dealer = try DistributionNetwork.place(unitRow)
            guard dealer.kind == OrgUnitKind.dealer.rawValue else {
                throw StoreError.invalid(ValidationErrors(["org_unit_id": "must be a dealer: vehicle orders are placed for a dealer (\(dealer.name) is not one)"]))
            }
            var modelID = input.modelID ?? 0, build = input.build
            if let c = input.configurationID {
                do {
                    let configuration = try await ConfigurationStore.get(c, scope: scope, on: tx)
                    modelID = configuration.modelId; build = configuration.build
                } catch StoreError.notFound { throw StoreError.invalid(ValidationErrors(["configuration_id": "is not a configuration you can see"])) }
            }
            let priced: PricedModel
            do { priced = try await CatalogStore.priced(modelID, on: today, scope: scope, sql: tx) } catch StoreError.notFound {
                throw StoreError.invalid(ValidationErrors(["model_id": "is not a model of the catalog"]))
            }
            if !priced.model.availableTo.isEmpty && priced.model.availableTo <= today {
                throw StoreError.invalid(ValidationErrors(["model_id": "\(priced.model.title) is discontinued (sold until \(priced.model.availableTo))"]))
            }
            let failures = priced.catalog.validate(build, on: today)
            if !failures.isEmpty { throw BuildRefused(failures: failures) }
            let quantity = input.quantity!
            let settings = try await DistributionSettingsStore.get(on: tx)
            let past = try await tx.raw("""
                SELECT quantity FROM vehicle_orders WHERE org_unit_id = \(bind: unitID) AND status <> 'cancelled' ORDER BY id DESC LIMIT 12
                """).all().map { try $0.decode(column: "quantity", as: Int.self) }
            let flags = WarningFlags.order(units: quantity, pastOrders: past, rules: settings.flags)
            let hub = try await DistributionNetwork.load(on: tx).regionalHub(of: dealer)
            let now = Clock.nowString()
            let flagsJSON = String(decoding: try JSONEncoder().encode(flags), as: UTF8.self)
            let id = try await tx.raw("""
                INSERT INTO vehicle_orders (org_unit_id, hub_id, model_id, model_title, trim, engine, colour, options, configuration_id, quantity, wanted_on,
                                            unit_price_minor, currency, status, flags, note, created_by, created_at, updated_at)
                VALUES (\(bind: unitID), \(bind: hub?.id), \(bind: modelID), \(bind: priced.model.title), \(bind: build.trim), \(bind: build.engine), \(bind: build.colour),
                        \(bind: build.options.sorted().joined(separator: ",")), \(bind: input.configurationID), \(bind: quantity), \(bind: input.wantedOn.trimmed),
                        \(bind: priced.catalog.price(build).total), \(bind: priced.model.currency), 'open', \(bind: flagsJSON), \(bind: input.note.trimmed),
                        \(bind: actor.userID), \(bind: now), \(bind: now)) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            try await BatchInsert.run("INSERT INTO vehicle_order_lines (order_id, org_unit_id, line_no, status, updated_at) VALUES",
                                      (1...quantity).map { n in "(\(bind: id), \(bind: unitID), \(bind: n), 'pending', \(bind: now))" }, on: tx)
            for f in flags {
                try await tx.raw("""
                    INSERT INTO warning_flags (org_unit_id, kind, order_id, reason, raised_at) VALUES (\(bind: unitID), \(bind: f.kind.rawValue), \(bind: id), \(bind: f.reason), \(bind: now))
                    """).run()
            }
            let order = try await Self.get(id, scope: .everything, on: tx)
            var audited = order
            audited.lines = []
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "vehicle_order", recordID: id, orgUnitID: unitID, before: nil, after: audited)
            return order
        }
    }

    /// Cancels the lines not yet shipped; allocated units go back to their hub's free stock.
    public func cancel(_ id: Int, scope: Scope, actor: Actor) async throws -> VehicleOrder {
        try await db.transaction { tx in
            let before = try await Self.get(id, scope: scope, on: tx)
            guard before.status == .open else { throw StoreError.conflict(field: "status", message: "this order is \(before.status.label.lowercased()) already") }
            let now = Clock.nowString()
            try await tx.raw("""
                UPDATE vehicle_order_lines SET status = 'cancelled', vehicle_id = NULL, updated_at = \(bind: now)
                WHERE order_id = \(bind: id) AND status IN ('pending', 'allocated', 'factory')
                """).run()
            try await Self.settleStatus(id, on: tx)
            let after = try await Self.get(id, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "cancel", recordType: "vehicle_order", recordID: id, orgUnitID: before.orgUnitId, before: before.status, after: after.status)
            return after
        }
    }

    /// The order car a unit is promised to, when the caller may see that order (a hub's unit
    /// stays "in stock" until it is dispatched; its page says it is taken).
    public func promise(vehicleID: Int, scope: Scope) async throws -> (orderID: Int, lineNo: Int, dealer: String)? {
        guard let r = try await db.sql.raw("""
            SELECT l.order_id, l.line_no, u.name FROM vehicle_order_lines l JOIN org_units u ON u.id = l.org_unit_id
            WHERE l.vehicle_id = \(bind: vehicleID) AND l.status IN ('allocated', 'in_transit') AND \(scope.condition("l.org_unit_id"))
            """).first() else { return nil }
        return (try r.decode(column: "order_id", as: Int.self), try r.decode(column: "line_no", as: Int.self), try r.decode(column: "name", as: String.self))
    }

    /// An order is done when every line is delivered or cancelled (cancelled when all are).
    static func settleStatus(_ id: Int, on tx: any SQLDatabase) async throws {
        let counts = try await tx.raw("""
            SELECT CAST(SUM(CASE WHEN status IN ('delivered', 'cancelled') THEN 0 ELSE 1 END) AS BIGINT) AS live, CAST(SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END) AS BIGINT) AS delivered
            FROM vehicle_order_lines WHERE order_id = \(bind: id)
            """).first()!
        let live = try counts.decode(column: "live", as: Int?.self) ?? 0, delivered = try counts.decode(column: "delivered", as: Int?.self) ?? 0
        let status: VehicleOrder.Status = live > 0 ? .open : (delivered > 0 ? .done : .cancelled)
        try await tx.raw("UPDATE vehicle_orders SET status = \(bind: status.rawValue), updated_at = \(bind: Clock.nowString()) WHERE id = \(bind: id)").run()
    }
}
