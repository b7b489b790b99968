import SQLKit
import TorqueDomain

extension VehicleStore {
    /// Registers a unit; the VIN must be new to the whole network. The caller validates the VIN.
    public func create(_ input: VehicleInput, currency: String, unitID: Int, scope: Scope, actor: Actor) async throws -> Vehicle {
        try await db.transaction { tx in
            _ = try await OrgUnitStore.getOrInvalid(unitID, field: "org_unit_id", scope: scope, on: tx)
            try await Self.checkReferences(input, scope: scope, on: tx)
            if try await tx.raw("SELECT 1 AS x FROM vehicles WHERE vin = \(bind: input.vin)").first() != nil {
                // Said without details: the unit may be outside the caller's scope.
                throw StoreError.conflict(field: "vin", message: "is already registered in the network")
            }
            return try await Self.insert(input, currency: currency, unitID: unitID, actor: actor, on: tx)
        }
    }

    /// Inserts a checked unit (creation, and a trade-in entering stock) with its counts and audit.
    static func insert(_ input: VehicleInput, currency: String, unitID: Int, actor: Actor, on tx: any SQLDatabase) async throws -> Vehicle {
        let now = Clock.nowString()
        let b = input.build
        let id = try await tx.raw("""
            INSERT INTO vehicles (org_unit_id, vin, model_id, make, model_name, model_year, trim, engine, colour, options, description, status, kind, location,
                                  cost_minor, price_minor, currency, mileage_km, plate, plate_key, in_stock_since, customer_id, sold_at, created_at, updated_at)
            VALUES (\(bind: unitID), \(bind: input.vin), \(bind: input.modelId), \(bind: input.make), \(bind: input.modelName), \(bind: input.modelYear),
                    \(bind: b.trim), \(bind: b.engine), \(bind: b.colour), \(bind: b.options.sorted().joined(separator: ",")), \(bind: input.description),
                    \(bind: input.status.rawValue), \(bind: input.kind.rawValue), \(bind: input.location), \(bind: input.costMinor), \(bind: input.priceMinor),
                    \(bind: currency), \(bind: input.mileageKm), \(bind: input.plate), \(bind: PlateKey.of(input.plate)), \(bind: input.inStockSince),
                    \(bind: input.customerId), \(bind: input.status == .sold || input.status == .delivered ? now : nil), \(bind: now), \(bind: now))
            RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
        let vehicle = try await Self.get(id, scope: .everything, on: tx)
        try await StockCounts.move(from: nil, to: StockCounts.Cell(vehicle), on: tx)
        try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "vehicle", recordID: id, orgUnitID: unitID, before: nil, after: vehicle)
        return vehicle
    }

    /// Changes what may change after registration (not the VIN). A reserved unit keeps its
    /// reservation unless the status moves on to sold or delivered.
    public func update(_ id: Int, _ input: VehicleInput, scope: Scope, actor: Actor) async throws -> Vehicle {
        try await db.transaction { tx in
            let before = try await Self.get(id, scope: scope, on: tx)
            try await Self.checkReferences(input, scope: scope, on: tx)
            if input.status == .reserved, before.status != .reserved {
                throw StoreError.invalid(ValidationErrors(["status": "is set by reserving the unit for an opportunity"]))
            }
            let keepsReservation = input.status == .reserved
            let now = Clock.nowString()
            let soldAt = (input.status == .sold || input.status == .delivered) ? (before.status == .sold || before.status == .delivered ? nil : now) : nil
            let b = input.build
            try await tx.raw("""
                UPDATE vehicles SET model_id = \(bind: input.modelId), make = \(bind: input.make), model_name = \(bind: input.modelName), model_year = \(bind: input.modelYear),
                  trim = \(bind: b.trim), engine = \(bind: b.engine), colour = \(bind: b.colour), options = \(bind: b.options.sorted().joined(separator: ",")),
                  description = \(bind: input.description), status = \(bind: input.status.rawValue), kind = \(bind: input.kind.rawValue), location = \(bind: input.location),
                  cost_minor = \(bind: input.costMinor), price_minor = \(bind: input.priceMinor), mileage_km = \(bind: input.mileageKm), plate = \(bind: input.plate),
                  plate_key = \(bind: PlateKey.of(input.plate)), in_stock_since = \(bind: input.inStockSince), customer_id = \(bind: input.customerId),
                  sold_at = COALESCE(\(bind: soldAt), sold_at), updated_at = \(bind: now)
                  \(unsafeRaw: keepsReservation ? "" : ", reserved_opportunity_id = NULL, reserved_by = NULL, reserved_at = NULL")
                WHERE id = \(bind: id)
                """).run()
            let after = try await Self.get(id, scope: .everything, on: tx)
            try await StockCounts.move(from: StockCounts.Cell(before), to: StockCounts.Cell(after), on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "update", recordType: "vehicle", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
            return after
        }
    }

    static func checkReferences(_ input: VehicleInput, scope: Scope, on tx: any SQLDatabase) async throws {
        if let modelID = input.modelId {
            do { _ = try await CatalogStore.model(modelID, scope: scope, on: tx) } catch StoreError.notFound {
                throw StoreError.invalid(ValidationErrors(["model_id": "is not a model of your catalog"]))
            }
        }
        if let customerID = input.customerId {
            do { _ = try await CustomerStore.get(customerID, scope: scope, on: tx) } catch StoreError.notFound {
                throw StoreError.invalid(ValidationErrors(["customer_id": "is not a customer you can see"]))
            }
        }
    }

    /// Holds an in-stock unit for an opportunity. Of two callers at once exactly one wins: the
    /// update only matches a unit still in stock, and an opportunity holds one unit at most.
    public func reserve(_ id: Int, opportunityID: Int, scope: Scope, actor: Actor) async throws -> Vehicle {
        let now = Clock.nowString()
        do {
            return try await db.transaction { tx in
                let before = try await Self.get(id, scope: scope, on: tx)
                do { _ = try await OpportunityStore.get(opportunityID, scope: scope, on: tx) } catch StoreError.notFound {
                    throw StoreError.invalid(ValidationErrors(["opportunity_id": "is not an opportunity you can see"]))
                }
                if let held = try await tx.raw("SELECT vin FROM vehicles WHERE reserved_opportunity_id = \(bind: opportunityID) AND id <> \(bind: id)").first() {
                    throw StoreError.conflict(field: "opportunity_id", message: "already holds the unit \(try held.decode(column: "vin", as: String.self)); release it first")
                }
                let won = try await tx.raw("""
                    UPDATE vehicles SET status = 'reserved', reserved_opportunity_id = \(bind: opportunityID), reserved_by = \(bind: actor.userID), reserved_at = \(bind: now), updated_at = \(bind: now)
                    WHERE id = \(bind: id) AND status = 'in_stock' RETURNING id
                    """).first() != nil
                if !won { throw Self.notReservable(before) }
                let after = try await Self.get(id, scope: .everything, on: tx)
                try await StockCounts.move(from: StockCounts.Cell(before), to: StockCounts.Cell(after), on: tx)
                try await AuditStore.record(on: tx, actor: actor, action: "reserve", recordType: "vehicle", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
                return after
            }
        } catch let error as StoreError {
            throw error
        } catch {
            // PostgreSQL: the loser of a race fails on the row lock or the unique index; say why.
            let current = try await get(id, scope: scope)
            if current.status != .inStock { throw Self.notReservable(current) }
            throw StoreError.conflict(field: "opportunity_id", message: "was just given another unit; reload and try again")
        }
    }

    static func notReservable(_ v: Vehicle) -> StoreError {
        if v.status == .reserved {
            let who = v.reservedByName.map { " by \($0)" } ?? ""
            return .conflict(field: "status", message: "is already reserved\(who) since \(v.reservedAt ?? "") for opportunity \(v.reservedOpportunityId.map(String.init) ?? "?")")
        }
        return .conflict(field: "status", message: "is \(v.status.label.lowercased()), not in stock: only units in stock can be reserved")
    }

    /// Ends a reservation; the unit is in stock again.
    public func release(_ id: Int, scope: Scope, actor: Actor) async throws -> Vehicle {
        try await db.transaction { tx in
            let before = try await Self.get(id, scope: scope, on: tx)
            guard before.status == .reserved else { throw StoreError.conflict(field: "status", message: "is not reserved") }
            try await tx.raw("""
                UPDATE vehicles SET status = 'in_stock', reserved_opportunity_id = NULL, reserved_by = NULL, reserved_at = NULL, updated_at = \(bind: Clock.nowString())
                WHERE id = \(bind: id)
                """).run()
            let after = try await Self.get(id, scope: .everything, on: tx)
            try await StockCounts.move(from: StockCounts.Cell(before), to: StockCounts.Cell(after), on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "release", recordType: "vehicle", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
            return after
        }
    }
}
