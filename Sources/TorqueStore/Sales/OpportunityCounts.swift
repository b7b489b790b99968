import SQLKit
import TorqueDomain

/// Keeps opportunity_counts equal to the opportunities: every write that adds one, moves it to
/// another stage or unit, or changes its value calls this in the same transaction.
enum OpportunityCounts {
    /// Where an opportunity is counted: its unit, stage, the day its stage last changed, its value.
    struct Place: Equatable {
        var unitID: Int
        var stage: String
        var day: String
        var valueMinor: Int

        init(_ o: Opportunity) {
            unitID = o.orgUnitId; stage = o.stage; day = String((o.stageChangedAt ?? o.updatedAt).prefix(10)); valueMinor = o.expectedValueMinor ?? 0
        }

        init(unitID: Int, stage: String, day: String, valueMinor: Int) {
            self.unitID = unitID; self.stage = stage; self.day = day; self.valueMinor = valueMinor
        }
    }

    static func move(from old: Place?, to new: Place?, on tx: any SQLDatabase) async throws {
        guard old != new else { return }
        if let old {
            try await tx.raw("""
                UPDATE opportunity_counts SET n = n - 1, value_minor = value_minor - \(bind: old.valueMinor)
                WHERE org_unit_id = \(bind: old.unitID) AND stage = \(bind: old.stage) AND day = \(bind: old.day)
                """).run()
        }
        if let new { try await add([new], on: tx) }
    }

    /// Counts new opportunities (grouped, so a batch is a few statements).
    static func add(_ places: [Place], on tx: any SQLDatabase) async throws {
        var grouped: [String: (Place, Int, Int)] = [:]
        for p in places {
            let key = "\(p.unitID)|\(p.stage)|\(p.day)"
            let current = grouped[key] ?? (p, 0, 0)
            grouped[key] = (p, current.1 + 1, current.2 + p.valueMinor)
        }
        for (p, n, value) in grouped.values {
            try await tx.raw("""
                INSERT INTO opportunity_counts (org_unit_id, stage, day, n, value_minor) VALUES (\(bind: p.unitID), \(bind: p.stage), \(bind: p.day), \(bind: n), \(bind: value))
                ON CONFLICT (org_unit_id, stage, day) DO UPDATE SET n = opportunity_counts.n + EXCLUDED.n, value_minor = opportunity_counts.value_minor + EXCLUDED.value_minor
                """).run()
        }
    }
}
