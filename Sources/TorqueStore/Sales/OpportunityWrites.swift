import SQLKit
import TorqueDomain

extension OpportunityStore {
    /// Opens an opportunity at `unitID` (SALES-1); every reference must be visible to the
    /// caller and the owner must work at the unit. Goes on the customer's timeline.
    public func create(_ input: OpportunityInput, unitID: Int, scope: Scope, actor: Actor) async throws -> Opportunity {
        try await db.transaction { tx in
            _ = try await OrgUnitStore.getOrInvalid(unitID, field: "org_unit_id", scope: scope, on: tx)
            let stages = try await Self.check(input, unitID: unitID, scope: scope, on: tx)
            let now = Clock.nowString()
            let id = try await tx.raw("""
                INSERT INTO opportunities (org_unit_id, customer_id, title, stage, owner_user_id, expected_value_minor, close_on, vehicle_id, configuration_id,
                                           lost_reason, stage_changed_at, created_at, updated_at)
                VALUES (\(bind: unitID), \(bind: input.customerId), \(bind: input.title), \(bind: input.stage), \(bind: input.ownerUserId), \(bind: input.expectedValueMinor),
                        \(bind: input.closeOn), \(bind: input.vehicleId), \(bind: input.configurationId), \(bind: Self.reason(input, stages)), \(bind: now), \(bind: now), \(bind: now))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            let created = try await Self.get(id, scope: .everything, on: tx)
            try await OpportunityCounts.add([.init(created)], on: tx)
            try await TimelineStore.append(TimelineEntry(kind: .opportunity, title: "Opportunity opened: \(created.title)", refType: "opportunity", refId: id),
                                           customerID: created.customerId, unitID: unitID, userName: actor.label, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "opportunity", recordID: id, orgUnitID: unitID, before: nil, after: created)
            return created
        }
    }

    /// Saves an edit; a change of stage is timed (stale detection) and goes on the timeline.
    public func update(_ id: Int, _ input: OpportunityInput, scope: Scope, actor: Actor) async throws -> Opportunity {
        try await db.transaction { tx in
            let before = try await Self.get(id, scope: scope, on: tx)
            if input.customerId != before.customerId { throw StoreError.invalid(ValidationErrors(["customer_id": "cannot change; open a new opportunity for another customer"])) }
            let stages = try await Self.check(input, unitID: before.orgUnitId, scope: scope, on: tx)
            let moved = input.stage != before.stage
            let now = Clock.nowString()
            try await tx.raw("""
                UPDATE opportunities SET title = \(bind: input.title), stage = \(bind: input.stage), owner_user_id = \(bind: input.ownerUserId),
                  expected_value_minor = \(bind: input.expectedValueMinor), close_on = \(bind: input.closeOn), vehicle_id = \(bind: input.vehicleId),
                  configuration_id = \(bind: input.configurationId), lost_reason = \(bind: Self.reason(input, stages)),
                  stage_changed_at = \(bind: moved ? now : (before.stageChangedAt ?? before.updatedAt)), updated_at = \(bind: now)
                WHERE id = \(bind: id)
                """).run()
            let after = try await Self.get(id, scope: .everything, on: tx)
            try await OpportunityCounts.move(from: .init(before), to: .init(after), on: tx)
            if moved { try await Self.logMove(after, actor: actor, on: tx) }
            try await AuditStore.record(on: tx, actor: actor, action: "update", recordType: "opportunity", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
            return after
        }
    }

    /// Moves an opportunity to another stage of its unit's pipeline (the board's buttons).
    public func move(_ id: Int, to stage: String, lostReason: String, scope: Scope, actor: Actor) async throws -> Opportunity {
        let current = try await get(id, scope: scope)
        var input = OpportunityInput(current)
        input.stage = stage
        input.lostReason = lostReason
        return try await update(id, input, scope: scope, actor: actor)
    }

    /// The reason is kept only while the opportunity is lost.
    static func reason(_ input: OpportunityInput, _ stages: [PipelineStage]) -> String {
        stages.first { $0.code == input.stage }?.outcome == .lost ? input.lostReason.trimmingCharacters(in: .whitespaces) : ""
    }

    static func logMove(_ o: Opportunity, actor: Actor, on tx: any SQLDatabase) async throws {
        let stages = try await SalesStageStore.stages(forUnit: o.orgUnitId, on: tx)
        let stage = stages.first { $0.code == o.stage }
        let detail = stage?.outcome == .lost ? (o.lostReason ?? "") : ""
        try await TimelineStore.append(TimelineEntry(kind: .opportunity, title: "\(o.title): \(stage?.label ?? o.stage)", detail: detail, refType: "opportunity", refId: o.id),
                                       customerID: o.customerId, unitID: o.orgUnitId, userName: actor.label, on: tx)
    }

    /// Field errors for references the caller cannot see, an owner from elsewhere, a stage the
    /// unit does not have, or a loss without a reason.
    @discardableResult
    static func check(_ input: OpportunityInput, unitID: Int, scope: Scope, on tx: any SQLDatabase) async throws -> [PipelineStage] {
        var errors = ValidationErrors()
        do { _ = try await CustomerStore.get(input.customerId, scope: scope, on: tx) } catch StoreError.notFound { errors.add("customer_id", "is not a customer you can see") }
        if let owner = input.ownerUserId,
           try await tx.raw("SELECT 1 AS x FROM users WHERE id = \(bind: owner) AND org_unit_id = \(bind: unitID) AND active = \(bind: true)").first() == nil {
            errors.add("owner_user_id", "is not an active user of this opportunity's unit")
        }
        if let v = input.vehicleId {
            do { _ = try await VehicleStore.get(v, scope: scope, on: tx) } catch StoreError.notFound { errors.add("vehicle_id", "is not a vehicle you can see") }
        }
        if let c = input.configurationId,
           try await tx.raw("SELECT 1 AS x FROM configurations WHERE id = \(bind: c) AND \(scope.condition("org_unit_id"))").first() == nil {
            errors.add("configuration_id", "is not a configuration you can see")
        }
        let stages = try await SalesStageStore.stages(forUnit: unitID, on: tx)
        for (field, message) in Pipeline.checkMove(to: input.stage, lostReason: input.lostReason, stages: stages) { errors.add(field, message) }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return stages
    }
}
