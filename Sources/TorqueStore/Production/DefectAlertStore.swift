import SQLKit
import TorqueDomain

/// Recurring-defect alerts (PROD-2): the job counts each plant × model × code's defects and
/// inspections in the last week and the 90 days before, in two grouped queries over the
/// indexed day columns, and applies `DefectRule`; a rising code opens one alert (updated while
/// it stays open) and a task on the work list of the plant's quality people.
public struct DefectAlertStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = """
        SELECT a.*, u.name AS plant_name, m.make || ' ' || m.name || ' ' || m.model_year AS model_title, c.component
        FROM defect_alerts a JOIN org_units u ON u.id = a.org_unit_id LEFT JOIN catalog_models m ON m.id = a.model_id LEFT JOIN defect_codes c ON c.code = a.code
        """

    static func decode(_ r: any SQLRow) throws -> DefectAlert {
        DefectAlert(id: try r.decode(column: "id", as: Int.self), orgUnitId: try r.decode(column: "org_unit_id", as: Int.self), plantName: try r.decode(column: "plant_name", as: String?.self),
                    modelId: try r.decode(column: "model_id", as: Int.self), modelTitle: try r.decode(column: "model_title", as: String?.self), code: try r.decode(column: "code", as: String.self),
                    component: try r.decode(column: "component", as: String?.self), raisedOn: try r.decode(column: "raised_on", as: String.self),
                    recentDefects: try r.decode(column: "recent_defects", as: Int.self), recentInspections: try r.decode(column: "recent_inspections", as: Int.self),
                    baselineDefects: try r.decode(column: "baseline_defects", as: Int.self), baselineInspections: try r.decode(column: "baseline_inspections", as: Int.self),
                    expected: try r.decode(column: "expected", as: Double.self), pValue: try r.decode(column: "p_value", as: Double.self), reason: try r.decode(column: "reason", as: String.self),
                    status: try r.decode(column: "status", as: String.self), closedByName: try r.decode(column: "closed_by_name", as: String?.self), closedAt: try r.decode(column: "closed_at", as: String?.self))
    }

    public func list(scope: Scope, open: Bool = true, limit: Int = 50, after cursor: Int? = nil) async throws -> Page<DefectAlert> {
        var sql: SQLQueryString = "\(unsafeRaw: Self.select) WHERE \(scope.condition("a.org_unit_id"))"
        if open { sql += " AND a.status = 'open'" }
        if let cursor { sql += " AND a.id < \(bind: cursor)" }
        sql += " ORDER BY a.id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }

    public func get(_ id: Int, scope: Scope) async throws -> DefectAlert {
        guard let r = try await db.sql.raw("\(unsafeRaw: Self.select) WHERE a.id = \(bind: id) AND \(scope.condition("a.org_unit_id"))").first() else { throw StoreError.notFound }
        return try Self.decode(r)
    }

    /// The week-by-week rate (defects per 100 inspections) of the alert's code on its model at
    /// its plant over the last `weeks` weeks ending `today`: two grouped queries.
    public func trend(_ alert: DefectAlert, weeks: Int = 16, today: String = Clock.today()) async throws -> [(week: String, inspections: Int, defects: Int)] {
        let first = CalendarDay.adding(-(weeks * 7) + 1, to: today)
        let start = CalendarDay.ordinal(first) ?? 0
        func week(_ day: String) -> Int { max(0, min(weeks - 1, ((CalendarDay.ordinal(day) ?? start) - start) / 7)) }
        var inspections = [Int](repeating: 0, count: weeks), defects = [Int](repeating: 0, count: weeks)
        for r in try await db.sql.raw("""
            SELECT inspected_on, COUNT(*) AS n FROM qa_inspections WHERE org_unit_id = \(bind: alert.orgUnitId) AND model_id = \(bind: alert.modelId) AND inspected_on >= \(bind: first) AND inspected_on <= \(bind: today)
            GROUP BY inspected_on
            """).all() { inspections[week(try r.decode(column: "inspected_on", as: String.self))] += try r.decode(column: "n", as: Int.self) }
        for r in try await db.sql.raw("""
            SELECT inspected_on, COUNT(*) AS n FROM qa_defects WHERE inspected_on >= \(bind: first) AND inspected_on <= \(bind: today) AND org_unit_id = \(bind: alert.orgUnitId)
              AND model_id = \(bind: alert.modelId) AND code = \(bind: alert.code) GROUP BY inspected_on
            """).all() { defects[week(try r.decode(column: "inspected_on", as: String.self))] += try r.decode(column: "n", as: Int.self) }
        return (0..<weeks).map { (CalendarDay.adding($0 * 7, to: first), inspections[$0], defects[$0]) }
    }

    /// Evaluates every plant × model × code seen in the windows; returns the alerts opened or updated.
    @discardableResult
    public func evaluate(today: String = Clock.today()) async throws -> [DefectAlert] {
        let recentFrom = CalendarDay.adding(-(DefectAlert.recentDays - 1), to: today)
        let baseFrom = CalendarDay.adding(-DefectAlert.baselineDays, to: recentFrom)
        struct Key: Hashable { var plant: Int; var model: Int }
        var inspected: [Key: (recent: Int, base: Int)] = [:]
        for r in try await db.sql.raw("""
            SELECT org_unit_id, model_id, CAST(SUM(CASE WHEN inspected_on >= \(bind: recentFrom) THEN 1 ELSE 0 END) AS BIGINT) AS recent,
                   CAST(SUM(CASE WHEN inspected_on < \(bind: recentFrom) THEN 1 ELSE 0 END) AS BIGINT) AS base
            FROM qa_inspections WHERE inspected_on >= \(bind: baseFrom) AND inspected_on <= \(bind: today) GROUP BY org_unit_id, model_id
            """).all() {
            inspected[Key(plant: try r.decode(column: "org_unit_id", as: Int.self), model: try r.decode(column: "model_id", as: Int.self))] =
                (try r.decode(column: "recent", as: Int?.self) ?? 0, try r.decode(column: "base", as: Int?.self) ?? 0)
        }
        var rising: [(Key, String, DefectRate, DefectRate, DefectSignal)] = []
        for r in try await db.sql.raw("""
            SELECT org_unit_id, model_id, code, CAST(SUM(CASE WHEN inspected_on >= \(bind: recentFrom) THEN 1 ELSE 0 END) AS BIGINT) AS recent,
                   CAST(SUM(CASE WHEN inspected_on < \(bind: recentFrom) THEN 1 ELSE 0 END) AS BIGINT) AS base
            FROM qa_defects WHERE inspected_on >= \(bind: baseFrom) AND inspected_on <= \(bind: today) GROUP BY org_unit_id, model_id, code
            """).all() {
            let key = Key(plant: try r.decode(column: "org_unit_id", as: Int.self), model: try r.decode(column: "model_id", as: Int.self))
            guard let counts = inspected[key] else { continue }
            let recent = DefectRate(defects: try r.decode(column: "recent", as: Int?.self) ?? 0, inspections: counts.recent)
            let base = DefectRate(defects: try r.decode(column: "base", as: Int?.self) ?? 0, inspections: counts.base)
            let signal = DefectRule.evaluate(recent: recent, baseline: base)
            if signal.rising { rising.append((key, try r.decode(column: "code", as: String.self), recent, base, signal)) }
        }
        guard !rising.isEmpty else { return [] }
        let found = rising
        return try await db.transaction { tx in
            let rising = found
            var out: [DefectAlert] = []
            for (key, code, recent, base, signal) in rising {
                let existing = try await tx.raw("SELECT id FROM defect_alerts WHERE org_unit_id = \(bind: key.plant) AND model_id = \(bind: key.model) AND code = \(bind: code) AND status = 'open'").first()
                let id: Int
                if let existing {
                    id = try existing.decode(column: "id", as: Int.self)
                    try await tx.raw("""
                        UPDATE defect_alerts SET recent_defects = \(bind: recent.defects), recent_inspections = \(bind: recent.inspections), baseline_defects = \(bind: base.defects),
                               baseline_inspections = \(bind: base.inspections), expected = \(bind: signal.expected), p_value = \(bind: signal.pValue), reason = \(bind: signal.reason) WHERE id = \(bind: id)
                        """).run()
                } else {
                    id = try await tx.raw("""
                        INSERT INTO defect_alerts (org_unit_id, model_id, code, raised_on, recent_defects, recent_inspections, baseline_defects, baseline_inspections, expected, p_value, reason, status)
                        VALUES (\(bind: key.plant), \(bind: key.model), \(bind: code), \(bind: today), \(bind: recent.defects), \(bind: recent.inspections), \(bind: base.defects), \(bind: base.inspections),
                                \(bind: signal.expected), \(bind: signal.pValue), \(bind: signal.reason), 'open') RETURNING id
                        """).first()!.decode(column: "id", as: Int.self)
                    // QA and design (users with quality.write in the plant or above it) find it on their work list.
                    let people = try await tx.raw("""
                        SELECT DISTINCT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN role_permissions rp ON rp.role_id = ur.role_id
                        WHERE u.active = \(bind: true) AND rp.permission = 'quality.write'
                          AND (SELECT path FROM org_units WHERE id = \(bind: key.plant)) LIKE (SELECT path FROM org_units WHERE id = u.org_unit_id) || '%'
                        """).all().map { try $0.decode(column: "id", as: Int.self) }
                    for user in people {
                        try await tx.raw("""
                            INSERT INTO tasks (org_unit_id, assignee_user_id, title, due_on, created_at, link) VALUES (\(bind: key.plant), \(bind: user),
                                   \(bind: "Recurring defect \(code): \(recent.defects) in \(recent.inspections) inspections this week"), \(bind: today), \(bind: Clock.nowString()), \(bind: "/production/alerts/\(id)"))
                            """).run()
                    }
                }
                out.append(try Self.decode(try await tx.raw("\(unsafeRaw: Self.select) WHERE a.id = \(bind: id)").first()!))
            }
            return out
        }
    }

    /// Closes an alert (investigated, cause removed); the next rise opens a new one.
    public func close(_ id: Int, scope: Scope, actor: Actor) async throws -> DefectAlert {
        try await db.transaction { tx in
            try await GuardedChange.apply("""
                UPDATE defect_alerts SET status = 'closed', closed_by_name = \(bind: actor.label), closed_at = \(bind: Clock.nowString())
                WHERE id = \(bind: id) AND status = 'open' AND \(scope.condition("org_unit_id")) RETURNING id
                """, exists: "SELECT id FROM defect_alerts WHERE id = \(bind: id) AND \(scope.condition("org_unit_id"))", on: tx) {
                .conflict(field: "status", message: "this alert is closed already")
            }
            let alert = try Self.decode(try await tx.raw("\(unsafeRaw: Self.select) WHERE a.id = \(bind: id)").first()!)
            try await AuditStore.record(on: tx, actor: actor, action: "close", recordType: "defect_alert", recordID: id, orgUnitID: alert.orgUnitId, before: nil, after: alert)
            return alert
        }
    }
}
