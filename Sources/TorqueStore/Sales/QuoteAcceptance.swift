import SQLKit
import TorqueDomain

extension QuoteStore {
    /// The customer accepts the current version (QUOTE-4), all or nothing: the quote becomes a
    /// contract, the stock unit is sold to the customer (on their 360 page), the appraised
    /// trade-in enters stock as a used unit, and the opportunity is won. An expired quote, one
    /// awaiting approval, or one whose unit was sold meanwhile answers 409 and changes nothing.
    public func accept(_ id: Int, today: String, scope: Scope, actor: Actor) async throws -> Contract {
        try await db.transaction { tx in
            let q = try await Self.lock(id, scope: scope, on: tx)
            var car: Vehicle?
            if let v = q.vehicleId {
                // Written first, so two quotes of one car accepted at once cannot both sell it.
                _ = try await tx.raw("UPDATE vehicles SET updated_at = updated_at WHERE id = \(bind: v) RETURNING id").first()
                car = try? await VehicleStore.get(v, scope: .everything, on: tx)
            }
            if let problem = QuoteRules.acceptProblem(q, today: today, vehicleStatus: car?.status, reservedFor: car?.reservedOpportunityId) {
                throw StoreError.conflict(field: problem.field, message: problem.message)
            }
            let now = Clock.nowString()
            let version = q.current
            // Two quotes may offer for the same used car; only the first accepted takes it in.
            if let a = version.appraisalId, try await AppraisalStore.get(a, scope: .everything, on: tx).status != .open {
                throw StoreError.conflict(field: "trade_in.appraisal_id", message: "the trade-in was already taken in with another contract; save a new version without it")
            }
            if let car {
                try await VehicleStore.sell(car.id, to: q.customerId, actor: actor, on: tx)
                // The new owner's car gets its maintenance plan from the day it is sold (SVC-5).
                try await MaintenanceStore.start(vehicleID: car.id, unitID: q.orgUnitId, day: today, km: car.mileageKm, on: tx)
            }
            var tradeInVehicleID: Int?
            if let a = version.appraisalId {
                tradeInVehicleID = try await Self.takeIn(appraisalID: a, unitID: q.orgUnitId, costMinor: version.tradeInAllowanceMinor, today: today, actor: actor, on: tx)
            }
            let contractID = try await tx.raw("""
                INSERT INTO contracts (org_unit_id, customer_id, quote_id, quote_version, vehicle_id, trade_in_vehicle_id, currency, total_minor, due_minor,
                                       monthly_payment_minor, signed_by, signed_at)
                VALUES (\(bind: q.orgUnitId), \(bind: q.customerId), \(bind: q.id), \(bind: version.version), \(bind: q.vehicleId), \(bind: tradeInVehicleID),
                        \(bind: q.currency), \(bind: version.totals.totalMinor), \(bind: version.totals.dueMinor), \(bind: version.finance?.monthlyPaymentMinor),
                        \(bind: actor.userID), \(bind: now))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            try await tx.raw("""
                UPDATE quotes SET status = \(bind: QuoteStatus.accepted.rawValue), contract_id = \(bind: contractID), accepted_at = \(bind: now), updated_at = \(bind: now)
                WHERE id = \(bind: id)
                """).run()
            if let o = q.opportunityId { try await OpportunityStore.markWon(o, vehicleID: q.vehicleId, valueMinor: version.totals.totalMinor, actor: actor, on: tx) }
            let contract = try await ContractStore.get(contractID, scope: .everything, on: tx)
            try await TimelineStore.append(TimelineEntry(kind: .purchase, title: "Contract \(contract.number) signed: \(q.title)",
                                                         detail: "\(q.currency) \(Money.exact(version.totals.totalMinor))", refType: "contract", refId: contractID,
                                                         amountMinor: version.totals.totalMinor),
                                           customerID: q.customerId, unitID: q.orgUnitId, userName: actor.label, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "accept", recordType: "quote", recordID: id, orgUnitID: q.orgUnitId, before: q, after: contract)
            return contract
        }
    }

    /// The appraised car enters the dealer's stock as a used unit, costed at its allowance. A
    /// VIN already known to the network (a car it once sold) moves into stock rather than twice.
    static func takeIn(appraisalID: Int, unitID: Int, costMinor: Int, today: String, actor: Actor, on tx: any SQLDatabase) async throws -> Int {
        let a = try await AppraisalStore.get(appraisalID, scope: .everything, on: tx)
        let now = Clock.nowString()
        let vehicleID: Int
        if let known = try await tx.raw("SELECT id FROM vehicles WHERE vin = \(bind: a.vin)").first()?.decode(column: "id", as: Int.self) {
            let before = try await VehicleStore.get(known, scope: .everything, on: tx)
            try await tx.raw("""
                UPDATE vehicles SET org_unit_id = \(bind: unitID), status = 'in_stock', kind = 'used', customer_id = NULL, cost_minor = \(bind: costMinor), price_minor = 0,
                  mileage_km = \(bind: max(a.mileageKm, before.mileageKm)), in_stock_since = \(bind: today), sold_at = NULL,
                  reserved_opportunity_id = NULL, reserved_by = NULL, reserved_at = NULL, updated_at = \(bind: now)
                WHERE id = \(bind: known)
                """).run()
            let after = try await VehicleStore.get(known, scope: .everything, on: tx)
            try await StockCounts.move(from: StockCounts.Cell(before), to: StockCounts.Cell(after), on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "trade_in", recordType: "vehicle", recordID: known, orgUnitID: unitID, before: before, after: after)
            vehicleID = known
        } else {
            let input = VehicleInput(vin: a.vin, make: a.make, modelName: a.modelName, modelYear: a.modelYear, build: Build(colour: a.colour),
                                     description: "Trade-in, appraisal \(a.number)", status: .inStock, kind: .used, costMinor: costMinor, priceMinor: 0,
                                     mileageKm: a.mileageKm, plate: a.plate, inStockSince: today)
            vehicleID = try await VehicleStore.insert(input, currency: a.currency, unitID: unitID, actor: actor, on: tx).id
        }
        try await tx.raw("""
            UPDATE appraisals SET status = \(bind: AppraisalStatus.takenIn.rawValue), stock_vehicle_id = \(bind: vehicleID), updated_at = \(bind: now) WHERE id = \(bind: appraisalID)
            """).run()
        return vehicleID
    }
}

extension VehicleStore {
    /// Sells a unit to a customer: it leaves stock, its reservation ends, it shows as theirs.
    static func sell(_ id: Int, to customerID: Int, actor: Actor, on tx: any SQLDatabase) async throws {
        let before = try await get(id, scope: .everything, on: tx)
        let now = Clock.nowString()
        try await tx.raw("""
            UPDATE vehicles SET status = 'sold', customer_id = \(bind: customerID), sold_at = \(bind: now),
              reserved_opportunity_id = NULL, reserved_by = NULL, reserved_at = NULL, updated_at = \(bind: now)
            WHERE id = \(bind: id)
            """).run()
        let after = try await get(id, scope: .everything, on: tx)
        try await StockCounts.move(from: StockCounts.Cell(before), to: StockCounts.Cell(after), on: tx)
        try await AuditStore.record(on: tx, actor: actor, action: "sell", recordType: "vehicle", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
    }
}

extension OpportunityStore {
    /// Moves an opportunity to its unit's won stage (a contract was signed), keeping the car and
    /// the contract's value.
    static func markWon(_ id: Int, vehicleID: Int?, valueMinor: Int, actor: Actor, on tx: any SQLDatabase) async throws {
        let before = try await get(id, scope: .everything, on: tx)
        let stages = try await SalesStageStore.stages(forUnit: before.orgUnitId, on: tx)
        guard let won = stages.first(where: { $0.outcome == .won }), before.stage != won.code else { return }
        let now = Clock.nowString()
        try await tx.raw("""
            UPDATE opportunities SET stage = \(bind: won.code), vehicle_id = COALESCE(vehicle_id, \(bind: vehicleID)), expected_value_minor = \(bind: valueMinor),
              lost_reason = '', stage_changed_at = \(bind: now), updated_at = \(bind: now)
            WHERE id = \(bind: id)
            """).run()
        let after = try await get(id, scope: .everything, on: tx)
        try await OpportunityCounts.move(from: .init(before), to: .init(after), on: tx)
        try await logMove(after, actor: actor, on: tx)
        try await AuditStore.record(on: tx, actor: actor, action: "update", recordType: "opportunity", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
    }
}
