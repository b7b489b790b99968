import SQLKit
import TorqueDomain

/// Which opportunities a list or board shows.
public struct OpportunityFilter: Sendable, Equatable {
    public var unitID: Int?
    public var ownerID: Int?
    public var stage: String?
    public var customerID: Int?
    /// Only open ones whose stage has not moved for Pipeline.staleAfterDays.
    public var staleOnly = false
    public init() {}
}

/// One column of the pipeline board: its totals and its most recently moved cards.
public struct BoardColumn: Sendable {
    public var stage: PipelineStage
    public var count: Int
    public var valueMinor: Int
    public var stale: Int
    public var cards: [Opportunity]
}

extension OpportunityStore {
    /// Won and lost columns show the last this many days; open columns show everything.
    public static let closedWindowDays = 30

    static func conditions(_ f: OpportunityFilter, scope: Scope) -> SQLQueryString {
        var sql: SQLQueryString = "\(scope.condition("o.org_unit_id"))"
        if let u = f.unitID { sql += " AND o.org_unit_id = \(bind: u)" }
        if let u = f.ownerID { sql += " AND o.owner_user_id = \(bind: u)" }
        if let c = f.customerID { sql += " AND o.customer_id = \(bind: c)" }
        return sql
    }

    /// The list, newest first (keyset on id).
    public func list(_ f: OpportunityFilter, stages: [PipelineStage], today: String, scope: Scope, limit: Int = 50, afterID: Int? = nil) async throws -> Page<Opportunity> {
        var sql: SQLQueryString = "\(unsafeRaw: Self.select) WHERE " + Self.conditions(f, scope: scope)
        if let s = f.stage { sql += " AND o.stage = \(bind: s)" }
        if f.staleOnly {
            let open = stages.filter { $0.outcome == .open }.map(\.code)
            // "|| ''" keeps the planners off the (stage, stage_changed_at) index: stale deals are
            // many, and reading them newest first by id and filtering stops at the page.
            sql += " AND (o.stage || '') IN \(SQLBind.group(open.isEmpty ? [""] : open)) AND o.stage_changed_at < \(bind: Self.cutoff(today, days: Pipeline.staleAfterDays))"
        }
        if let afterID { sql += " AND o.id < \(bind: afterID)" }
        sql += " ORDER BY o.id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }

    /// The board: one grouped query for every column's totals, one for the cards (at most
    /// `perColumn` per stage, most recently moved first), whatever the number of opportunities.
    public func board(_ f: OpportunityFilter, stages: [PipelineStage], today: String, scope: Scope, perColumn: Int = 30) async throws -> [BoardColumn] {
        let closedSince = Self.cutoff(today, days: Self.closedWindowDays)
        let staleBefore = Self.cutoff(today, days: Pipeline.staleAfterDays)
        let closed = stages.filter { $0.outcome != .open }.map(\.code)
        let window: SQLQueryString = closed.isEmpty ? "" : " AND (o.stage NOT IN \(SQLBind.group(closed)) OR o.stage_changed_at >= \(bind: closedSince))"
        let totals: [any SQLRow]
        if f.ownerID == nil && f.customerID == nil {
            // Kept counts per unit × stage × day (OpportunityCounts): a few thousand rows for a region.
            var sql: SQLQueryString = """
                SELECT k.stage, CAST(SUM(k.n) AS BIGINT) AS n, CAST(SUM(k.value_minor) AS BIGINT) AS value,
                       CAST(SUM(CASE WHEN k.day < \(bind: String(staleBefore.prefix(10))) THEN k.n ELSE 0 END) AS BIGINT) AS stale
                FROM opportunity_counts k WHERE k.n > 0 AND \(scope.condition("k.org_unit_id"))
                """
            if let u = f.unitID { sql += " AND k.org_unit_id = \(bind: u)" }
            if !closed.isEmpty { sql += " AND (k.stage NOT IN \(SQLBind.group(closed)) OR k.day >= \(bind: String(closedSince.prefix(10))))" }
            totals = try await db.sql.raw(sql + " GROUP BY k.stage").all()
        } else {
            totals = try await db.sql.raw("""
                SELECT o.stage, COUNT(*) AS n, CAST(COALESCE(SUM(o.expected_value_minor), 0) AS BIGINT) AS value,
                       CAST(SUM(CASE WHEN o.stage_changed_at < \(bind: staleBefore) THEN 1 ELSE 0 END) AS BIGINT) AS stale
                FROM opportunities o WHERE \(Self.conditions(f, scope: scope))\(window) GROUP BY o.stage
                """).all()
        }
        var byStage: [String: (n: Int, value: Int, stale: Int)] = [:]
        for r in totals {
            byStage[try r.decode(column: "stage", as: String.self)] = (try r.decode(column: "n", as: Int.self), try r.decode(column: "value", as: Int?.self) ?? 0,
                                                                        try r.decode(column: "stale", as: Int?.self) ?? 0)
        }
        var cards: [String: [Opportunity]] = [:]
        let shown = stages.filter { (byStage[$0.code]?.n ?? 0) > 0 }
        if !shown.isEmpty {
            var union: SQLQueryString = ""
            for (i, s) in shown.enumerated() {
                union += (i == 0 ? "" : " UNION ALL ") + "SELECT * FROM (\(unsafeRaw: Self.select) WHERE " + Self.conditions(f, scope: scope)
                union += " AND o.stage = \(bind: s.code)" + window + " ORDER BY o.stage_changed_at DESC, o.id DESC LIMIT \(bind: perColumn)) AS s\(unsafeRaw: String(i))"
            }
            for o in try await db.sql.raw(union).all().map(Self.decode) { cards[o.stage, default: []].append(o) }
        }
        return stages.map { s in
            let t = byStage[s.code] ?? (0, 0, 0)
            return BoardColumn(stage: s, count: t.n, valueMinor: t.value, stale: s.outcome == .open ? t.stale : 0, cards: cards[s.code] ?? [])
        }
    }

    /// The timestamp `days` before the start of `today` (ISO day), comparable with stored ones.
    static func cutoff(_ today: String, days: Int) -> String {
        CalendarDay.adding(-days, to: today) + "T00:00:00"
    }
}
