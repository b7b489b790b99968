import SQLKit
import TorqueDomain

/// The network's allocation policy and warning-flag rules (DIST-2, BI-5): one row, defaults
/// until logistics changes them.
public struct DistributionSettingsStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public struct Settings: Codable, Sendable, Equatable {
        public var policy: AllocationPolicy
        public var flags: FlagRules
        public init(policy: AllocationPolicy = .defaults, flags: FlagRules = .defaults) { self.policy = policy; self.flags = flags }
    }

    public func get() async throws -> Settings { try await Self.get(on: db.sql) }

    static func get(on sql: any SQLDatabase) async throws -> Settings {
        guard let r = try await sql.raw("SELECT * FROM distribution_settings WHERE id = 1").first() else { return Settings() }
        return Settings(policy: AllocationPolicy(minimumSimilarity: try r.decode(column: "min_similarity", as: Int.self), maximumDistanceKm: try r.decode(column: "max_distance_km", as: Int.self),
                                                 kmPerPoint: try r.decode(column: "km_per_point", as: Int.self)),
                        flags: FlagRules(maxOrderUnits: try r.decode(column: "max_order_units", as: Int.self), maxTimesAverage: try r.decode(column: "max_times_average", as: Double.self),
                                         minPastOrders: try r.decode(column: "min_past_orders", as: Int.self), minShareOfTarget: try r.decode(column: "min_share_of_target", as: Double.self)))
    }

    /// Checks and saves the settings; field names are the API's.
    public func save(_ s: Settings, unitID: Int, actor: Actor) async throws -> Settings {
        var errors = ValidationErrors()
        if !(0...100).contains(s.policy.minimumSimilarity) { errors.add("min_similarity", "must be from 0 to 100") }
        if !(1...20_000).contains(s.policy.maximumDistanceKm) { errors.add("max_distance_km", "must be from 1 to 20,000 km") }
        if !(1...10_000).contains(s.policy.kmPerPoint) { errors.add("km_per_point", "must be from 1 to 10,000 km") }
        if !(1...VehicleOrderRules.maximumQuantity).contains(s.flags.maxOrderUnits) { errors.add("max_order_units", "must be from 1 to \(VehicleOrderRules.maximumQuantity)") }
        if !(s.flags.maxTimesAverage >= 1 && s.flags.maxTimesAverage <= 100) { errors.add("max_times_average", "must be from 1 to 100") }
        if !(1...100).contains(s.flags.minPastOrders) { errors.add("min_past_orders", "must be from 1 to 100") }
        if !(s.flags.minShareOfTarget >= 0 && s.flags.minShareOfTarget <= 1) { errors.add("min_share_of_target", "must be a share from 0 to 1 (0.5 is half the target)") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            let before = try await Self.get(on: tx)
            try await tx.raw("DELETE FROM distribution_settings").run()
            try await tx.raw("""
                INSERT INTO distribution_settings (id, min_similarity, max_distance_km, km_per_point, max_order_units, max_times_average, min_past_orders, min_share_of_target, updated_at)
                VALUES (1, \(bind: s.policy.minimumSimilarity), \(bind: s.policy.maximumDistanceKm), \(bind: s.policy.kmPerPoint), \(bind: s.flags.maxOrderUnits),
                        \(bind: s.flags.maxTimesAverage), \(bind: s.flags.minPastOrders), \(bind: s.flags.minShareOfTarget), \(bind: Clock.nowString()))
                """).run()
            try await AuditStore.record(on: tx, actor: actor, action: "update", recordType: "distribution_settings", recordID: 1, orgUnitID: unitID, before: before, after: s)
            return s
        }
    }
}
