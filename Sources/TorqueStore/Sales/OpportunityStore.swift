import SQLKit
import TorqueDomain

/// Opportunities as far as leads and the 360 page need them (the sales module grows this).
public struct OpportunityStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = """
        SELECT o.*, u.name AS owner_name, c.display_name AS customer_name FROM opportunities o
        LEFT JOIN users u ON u.id = o.owner_user_id JOIN customers c ON c.id = o.customer_id
        """

    static func decode(_ row: any SQLRow) throws -> Opportunity {
        try row.decode(model: Opportunity.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    public func get(_ id: Int, scope: Scope) async throws -> Opportunity { try await Self.get(id, scope: scope, on: db.sql) }

    static func get(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> Opportunity {
        guard let row = try await sql.raw("\(unsafeRaw: select) WHERE o.id = \(bind: id) AND \(scope.condition("o.org_unit_id"))").first() else { throw StoreError.notFound }
        return try decode(row)
    }

    static func insert(_ draft: OpportunityDraft, customerID: Int, leadID: Int?, unitID: Int, ownerUserID: Int?, on tx: any SQLDatabase) async throws -> Opportunity {
        let now = Clock.nowString()
        let stage = try await SalesStageStore.stages(forUnit: unitID, on: tx).first { $0.outcome == .open }?.code ?? "new"
        let id = try await tx.raw("""
            INSERT INTO opportunities (org_unit_id, customer_id, lead_id, title, stage, owner_user_id, expected_value_minor, close_on, stage_changed_at, created_at, updated_at)
            VALUES (\(bind: unitID), \(bind: customerID), \(bind: leadID), \(bind: draft.title), \(bind: stage), \(bind: ownerUserID), \(bind: draft.expectedValueMinor), \(bind: draft.closeOn), \(bind: now), \(bind: now), \(bind: now))
            RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
        let created = try await get(id, scope: .everything, on: tx)
        try await OpportunityCounts.add([.init(created)], on: tx)
        return created
    }

    /// Open opportunities of a unit that hold no vehicle yet (what a unit can be reserved for),
    /// newest first, with their customer's name.
    public func withoutReservedUnit(unitID: Int, scope: Scope, limit: Int = 100) async throws -> [(id: Int, title: String, customerName: String)] {
        try await db.sql.raw("""
            SELECT o.id, o.title, c.display_name FROM opportunities o JOIN customers c ON c.id = o.customer_id
            WHERE o.org_unit_id = \(bind: unitID) AND \(scope.condition("o.org_unit_id")) AND o.stage NOT IN ('won', 'lost')
              AND NOT EXISTS (SELECT 1 FROM vehicles h WHERE h.reserved_opportunity_id = o.id)
            ORDER BY o.id DESC LIMIT \(bind: limit)
            """).all().map { (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "title", as: String.self), try $0.decode(column: "display_name", as: String.self)) }
    }

    /// A customer's opportunities that the caller's units hold, newest first.
    public func forCustomer(_ customerID: Int, scope: Scope, limit: Int = 20) async throws -> [Opportunity] {
        try await db.sql.raw("""
            \(unsafeRaw: Self.select) WHERE o.customer_id = \(bind: customerID) AND \(scope.condition("o.org_unit_id")) ORDER BY o.id DESC LIMIT \(bind: limit)
            """).all().map(Self.decode)
    }
}
