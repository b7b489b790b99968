import SQLKit
import TorqueDomain

/// Keeps opportunity_counts (unit × stage × day of the last stage change: the board, deals won
/// per month) and opportunity_close_counts (unit × stage × expected close month: the forecast)
/// equal to the opportunities: every write that adds one, moves it to another stage or unit, or
/// changes its value or close date calls this in the same transaction.
enum OpportunityCounts {
    /// Where an opportunity is counted: its unit, stage, the day its stage last changed, its
    /// value, and the month it is expected to close ("" without a close date).
    struct Place: Equatable {
        var unitID: Int
        var stage: String
        var day: String
        var valueMinor: Int
        var closeMonth: String

        init(_ o: Opportunity) {
            unitID = o.orgUnitId; stage = o.stage; day = String((o.stageChangedAt ?? o.updatedAt).prefix(10)); valueMinor = o.expectedValueMinor ?? 0
            closeMonth = o.closeOn.map { String($0.prefix(7)) } ?? ""
        }

        init(unitID: Int, stage: String, day: String, valueMinor: Int, closeOn: String?) {
            self.unitID = unitID; self.stage = stage; self.day = day; self.valueMinor = valueMinor; self.closeMonth = closeOn.map { String($0.prefix(7)) } ?? ""
        }

        var byDay: [AnyHashable] { [unitID, stage, day, valueMinor] }
        var byClose: [AnyHashable] { [unitID, stage, closeMonth, valueMinor] }
    }

    static func move(from old: Place?, to new: Place?, on tx: any SQLDatabase) async throws {
        if old?.byDay != new?.byDay {
            if let old {
                try await tx.raw("""
                    UPDATE opportunity_counts SET n = n - 1, value_minor = value_minor - \(bind: old.valueMinor)
                    WHERE org_unit_id = \(bind: old.unitID) AND stage = \(bind: old.stage) AND day = \(bind: old.day)
                    """).run()
            }
            if let new { try await addByDay([new], on: tx) }
        }
        if old?.byClose != new?.byClose {
            if let old, !old.closeMonth.isEmpty {
                try await tx.raw("""
                    UPDATE opportunity_close_counts SET n = n - 1, value_minor = value_minor - \(bind: old.valueMinor)
                    WHERE org_unit_id = \(bind: old.unitID) AND stage = \(bind: old.stage) AND close_month = \(bind: old.closeMonth)
                    """).run()
            }
            if let new { try await addByClose([new], on: tx) }
        }
    }

    /// Counts new opportunities (grouped, so a batch is a few statements).
    static func add(_ places: [Place], on tx: any SQLDatabase) async throws {
        try await addByDay(places, on: tx)
        try await addByClose(places, on: tx)
    }

    static func addByDay(_ places: [Place], on tx: any SQLDatabase) async throws {
        for ((unit, stage, day), (n, value)) in group(places, by: { ($0.unitID, $0.stage, $0.day) }) {
            try await tx.raw("""
                INSERT INTO opportunity_counts (org_unit_id, stage, day, n, value_minor) VALUES (\(bind: unit), \(bind: stage), \(bind: day), \(bind: n), \(bind: value))
                ON CONFLICT (org_unit_id, stage, day) DO UPDATE SET n = opportunity_counts.n + EXCLUDED.n, value_minor = opportunity_counts.value_minor + EXCLUDED.value_minor
                """).run()
        }
    }

    static func addByClose(_ places: [Place], on tx: any SQLDatabase) async throws {
        for ((unit, stage, month), (n, value)) in group(places.filter { !$0.closeMonth.isEmpty }, by: { ($0.unitID, $0.stage, $0.closeMonth) }) {
            try await tx.raw("""
                INSERT INTO opportunity_close_counts (org_unit_id, stage, close_month, n, value_minor) VALUES (\(bind: unit), \(bind: stage), \(bind: month), \(bind: n), \(bind: value))
                ON CONFLICT (org_unit_id, stage, close_month) DO UPDATE SET n = opportunity_close_counts.n + EXCLUDED.n,
                  value_minor = opportunity_close_counts.value_minor + EXCLUDED.value_minor
                """).run()
        }
    }

    struct Key: Hashable { var unit: Int; var stage: String; var bucket: String }

    static func group(_ places: [Place], by key: (Place) -> (Int, String, String)) -> [((Int, String, String), (Int, Int))] {
        var out: [Key: (Int, Int)] = [:]
        for p in places {
            let (u, s, b) = key(p)
            let current = out[Key(unit: u, stage: s, bucket: b)] ?? (0, 0)
            out[Key(unit: u, stage: s, bucket: b)] = (current.0 + 1, current.1 + p.valueMinor)
        }
        return out.map { (($0.key.unit, $0.key.stage, $0.key.bucket), $0.value) }
    }
}
