import SQLKit
import TorqueDomain

/// One line of a forecast: a salesperson of a dealer, or a unit below the one asked for.
public struct ForecastLine: Sendable, Equatable, Codable {
    public var orgUnitId: Int
    public var userId: Int?
    public var label: String
    public var figures: ForecastFigures
}

/// One month of the scope's trend.
public struct ForecastMonth: Sendable, Equatable, Codable {
    public var month: String
    public var figures: ForecastFigures
}

/// The forecast of a unit for a month (SALES-3): a dealer's salespeople side by side, or the
/// dealers (regions) below a region (the network), with the scope's trend around the month.
public struct ForecastReport: Sendable, Equatable, Codable {
    public var orgUnitId: Int
    public var unitName: String
    public var month: String
    /// Lines are salespeople (a dealer) rather than units.
    public var byPerson: Bool
    public var lines: [ForecastLine]
    public var total: ForecastFigures
    public var trend: [ForecastMonth]
}

/// Targets and the forecast against them, from a fixed number of queries whatever the number
/// of opportunities: units of the subtree, stage lists, open deals by close month, won deals by
/// month, contracts without a deal, targets, and the people's names.
public struct SalesForecastStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// Months shown before and after the month asked for.
    public static let monthsBefore = 5, monthsAfter = 2

    struct Unit { var id: Int; var path: String; var name: String; var kind: String; var parentId: Int? }

    public func report(unitID: Int, month: String, currentMonth: String, scope: Scope) async throws -> ForecastReport {
        let sql = db.sql
        let root = try await OrgUnitStore.get(unitID, scope: scope, on: sql)
        let units = try await sql.raw("SELECT id, path, name, kind, parent_id FROM org_units WHERE path LIKE \(bind: root.path + "%")").all().map {
            Unit(id: try $0.decode(column: "id", as: Int.self), path: try $0.decode(column: "path", as: String.self), name: try $0.decode(column: "name", as: String.self),
                 kind: try $0.decode(column: "kind", as: String.self), parentId: try $0.decode(column: "parent_id", as: Int?.self))
        }
        let children = units.filter { $0.parentId == unitID && ($0.kind == "dealer" || $0.kind == "region" || $0.kind == "oem") }
        let byPerson = children.isEmpty
        // Each unit of the subtree counts for the line of the child it lies under.
        var lineOf: [Int: Int] = [:]
        for u in units {
            if byPerson { lineOf[u.id] = unitID; continue }
            if let child = children.first(where: { u.path.hasPrefix($0.path) }) { lineOf[u.id] = child.id }
        }
        let stages = try await SalesStageStore.stagesByUnit(units.map { ($0.id, $0.path) }, root: root.path, on: sql)
        let first = SalesMonth.adding(-Self.monthsBefore, to: month), last = SalesMonth.adding(Self.monthsAfter, to: month)
        let months = (0...(Self.monthsBefore + Self.monthsAfter)).map { SalesMonth.adding($0, to: first) }
        let inScope: SQLQueryString = "IN (SELECT id FROM org_units WHERE path LIKE \(bind: root.path + "%"))"
        // key: line (unit id, or user id for a dealer's people; 0 = nobody) and month
        struct Key: Hashable { var line: Int; var month: String }
        var cells: [Key: ForecastFigures] = [:]
        func line(unit: Int, user: Int?) -> Int? { byPerson ? (user ?? 0) : lineOf[unit] }

        // Open deals expected to close from this month on (past months show what was won only).
        // A region reads the kept counts (units × stages × months); a dealer its own deals, by owner.
        let openFrom = max(currentMonth, first)
        if openFrom <= last {
            let rows: [any SQLRow]
            if byPerson {
                rows = try await sql.raw("""
                    SELECT org_unit_id, owner_user_id, stage, SUBSTR(close_on, 1, 7) AS m, COUNT(*) AS n, CAST(COALESCE(SUM(expected_value_minor), 0) AS BIGINT) AS v
                    FROM opportunities WHERE org_unit_id \(inScope) AND close_on >= \(bind: SalesMonth.days(openFrom).first) AND close_on < \(bind: SalesMonth.days(last).next)
                    GROUP BY org_unit_id, owner_user_id, stage, SUBSTR(close_on, 1, 7)
                    """).all()
            } else {
                rows = try await sql.raw("""
                    SELECT org_unit_id, stage, close_month AS m, n, value_minor AS v FROM opportunity_close_counts
                    WHERE org_unit_id \(inScope) AND close_month >= \(bind: openFrom) AND close_month <= \(bind: last) AND n > 0
                    """).all()
            }
            for r in rows {
                let unit = try r.decode(column: "org_unit_id", as: Int.self)
                guard let l = line(unit: unit, user: byPerson ? try r.decode(column: "owner_user_id", as: Int?.self) : nil),
                      let stage = stages[unit]?.first(where: { $0.code == (try? r.decode(column: "stage", as: String.self)) }), stage.outcome == .open else { continue }
                cells[Key(line: l, month: try r.decode(column: "m", as: String.self)), default: .init()]
                    .addOpen(count: try r.decode(column: "n", as: Int.self), valueMinor: try r.decode(column: "v", as: Int.self), probability: stage.probability)
            }
        }
        // Deals won in each month (moved to a won stage then).
        let wonCodes = Set(stages.values.flatMap { $0.filter { $0.outcome == .won }.map(\.code) })
        if !wonCodes.isEmpty {
            let range: (String, String) = (SalesMonth.days(first).first, SalesMonth.days(last).next)
            let rows: [any SQLRow]
            if byPerson {
                rows = try await sql.raw("""
                    SELECT org_unit_id, owner_user_id, stage, SUBSTR(stage_changed_at, 1, 7) AS m, COUNT(*) AS n, CAST(COALESCE(SUM(expected_value_minor), 0) AS BIGINT) AS v
                    FROM opportunities WHERE org_unit_id \(inScope) AND stage IN \(SQLBind.group(wonCodes.sorted()))
                      AND stage_changed_at >= \(bind: range.0) AND stage_changed_at < \(bind: range.1)
                    GROUP BY org_unit_id, owner_user_id, stage, SUBSTR(stage_changed_at, 1, 7)
                    """).all()
            } else {
                rows = try await sql.raw("""
                    SELECT org_unit_id, stage, SUBSTR(day, 1, 7) AS m, CAST(SUM(n) AS BIGINT) AS n, CAST(SUM(value_minor) AS BIGINT) AS v FROM opportunity_counts
                    WHERE org_unit_id \(inScope) AND stage IN \(SQLBind.group(wonCodes.sorted())) AND day >= \(bind: range.0) AND day < \(bind: range.1)
                    GROUP BY org_unit_id, stage, SUBSTR(day, 1, 7)
                    """).all()
            }
            for r in rows {
                let unit = try r.decode(column: "org_unit_id", as: Int.self)
                guard let l = line(unit: unit, user: byPerson ? try r.decode(column: "owner_user_id", as: Int?.self) : nil),
                      stages[unit]?.first(where: { $0.code == (try? r.decode(column: "stage", as: String.self)) })?.outcome == .won else { continue }
                cells[Key(line: l, month: try r.decode(column: "m", as: String.self)), default: .init()]
                    .addWon(count: try r.decode(column: "n", as: Int.self), revenueMinor: try r.decode(column: "v", as: Int.self))
            }
        }
        // Contracts signed without an opportunity count for whoever signed them.
        let direct = try await sql.raw("""
            SELECT k.org_unit_id, k.signed_by, SUBSTR(k.signed_at, 1, 7) AS m, COUNT(*) AS n, CAST(SUM(k.total_minor) AS BIGINT) AS v
            FROM contracts k JOIN quotes q ON q.id = k.quote_id
            WHERE k.org_unit_id \(inScope) AND q.opportunity_id IS NULL AND k.signed_at >= \(bind: SalesMonth.days(first).first) AND k.signed_at < \(bind: SalesMonth.days(last).next)
            GROUP BY k.org_unit_id, k.signed_by, SUBSTR(k.signed_at, 1, 7)
            """).all()
        for r in direct {
            guard let l = line(unit: try r.decode(column: "org_unit_id", as: Int.self), user: try r.decode(column: "signed_by", as: Int?.self)) else { continue }
            cells[Key(line: l, month: try r.decode(column: "m", as: String.self)), default: .init()]
                .addWon(count: try r.decode(column: "n", as: Int.self), revenueMinor: try r.decode(column: "v", as: Int.self))
        }
        // Targets: the lines' own, and the scope's own (else the sum of the lines').
        let targets = try await Self.targets(unitIDs: [unitID] + children.map(\.id), months: months, on: sql)
        var scopeTarget: [String: SalesTarget] = [:]
        for t in targets {
            if t.orgUnitId == unitID && t.userId == nil { scopeTarget[t.month] = t; continue }
            let l: Int?
            if byPerson { l = t.orgUnitId == unitID ? t.userId : nil } else { l = t.userId == nil ? t.orgUnitId : nil }
            guard let l else { continue }
            cells[Key(line: l, month: t.month), default: .init()].targetUnits = t.units
            cells[Key(line: l, month: t.month), default: .init()].targetRevenueMinor = t.revenueMinor
        }
        // The lines: every child unit, or the dealer's salespeople and anyone with figures.
        var lineIDs: [(Int, String)]
        if byPerson {
            var people = try await sql.raw("""
                SELECT DISTINCT u.id, u.name FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
                WHERE u.org_unit_id = \(bind: unitID) AND u.active = \(bind: true) AND r.key IN ('salesperson', 'sales_manager', 'dealer_principal')
                """).all().map { (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "name", as: String.self)) }
            let known = Set(people.map(\.0))
            let others = Set(cells.keys.map(\.line)).subtracting(known).subtracting([0])
            if !others.isEmpty {
                people += try await sql.raw("SELECT id, name FROM users WHERE id IN \(SQLBind.group(others.sorted()))").all()
                    .map { (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "name", as: String.self)) }
            }
            lineIDs = people.sorted { $0.1 < $1.1 }
            if cells.keys.contains(where: { $0.line == 0 }) { lineIDs.append((0, "Nobody assigned")) }
        } else {
            lineIDs = children.sorted { $0.name < $1.name }.map { ($0.id, $0.name) }
        }
        let lines = lineIDs.map { id, label in
            ForecastLine(orgUnitId: byPerson ? unitID : id, userId: byPerson ? (id == 0 ? nil : id) : nil, label: label, figures: cells[Key(line: id, month: month)] ?? .init())
        }
        let trend = months.map { m -> ForecastMonth in
            var f = ForecastFigures()
            for (k, v) in cells where k.month == m { f.add(v) }
            if let t = scopeTarget[m] { f.targetUnits = t.units; f.targetRevenueMinor = t.revenueMinor }
            return ForecastMonth(month: m, figures: f)
        }
        return ForecastReport(orgUnitId: unitID, unitName: root.name, month: month, byPerson: byPerson, lines: lines,
                              total: trend.first { $0.month == month }?.figures ?? .init(), trend: trend)
    }

    static func targets(unitIDs: [Int], months: [String], on sql: any SQLDatabase) async throws -> [SalesTarget] {
        try await sql.raw("""
            SELECT org_unit_id, user_id, month, units, revenue_minor FROM sales_targets
            WHERE org_unit_id IN \(SQLBind.group(unitIDs)) AND month IN \(SQLBind.group(months)) ORDER BY id
            """).all().map { try $0.decode(model: SalesTarget.self, keyDecodingStrategy: .convertFromSnakeCase) }
    }

    /// Targets of units in scope for a month (the unit's own and its people's, its children's).
    public func targets(unitID: Int, month: String, scope: Scope) async throws -> [SalesTarget] {
        let root = try await OrgUnitStore.get(unitID, scope: scope, on: db.sql)
        return try await db.sql.raw("""
            SELECT org_unit_id, user_id, month, units, revenue_minor FROM sales_targets
            WHERE org_unit_id IN (SELECT id FROM org_units WHERE path LIKE \(bind: root.path + "%")) AND month = \(bind: month) ORDER BY org_unit_id, user_id
            """).all().map { try $0.decode(model: SalesTarget.self, keyDecodingStrategy: .convertFromSnakeCase) }
    }

    /// Sets targets, all or nothing: each unit must be in scope, each person must work at the
    /// unit; a target replaces the one of the same unit, person and month.
    public func set(_ targets: [SalesTarget], scope: Scope, actor: Actor) async throws -> [SalesTarget] {
        var errors = ValidationErrors()
        for (i, t) in targets.enumerated() { for (f, m) in t.problems { errors.add("targets[\(i)].\(f)", m) } }
        if targets.count > 1000 { errors.add("targets", "must be at most 1,000 at once") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            for (i, t) in targets.enumerated() {
                do { _ = try await OrgUnitStore.get(t.orgUnitId, scope: scope, on: tx) } catch StoreError.notFound {
                    throw StoreError.invalid(ValidationErrors(["targets[\(i)].org_unit_id": "is not a unit you can see"]))
                }
                if let u = t.userId, try await tx.raw("SELECT 1 AS x FROM users WHERE id = \(bind: u) AND org_unit_id = \(bind: t.orgUnitId)").first() == nil {
                    throw StoreError.invalid(ValidationErrors(["targets[\(i)].user_id": "does not work at this unit"]))
                }
                var delete: SQLQueryString = "DELETE FROM sales_targets WHERE org_unit_id = \(bind: t.orgUnitId) AND month = \(bind: t.month) AND "
                delete += t.userId.map { "user_id = \(bind: $0)" } ?? "user_id IS NULL"
                try await tx.raw(delete).run()
                try await tx.raw("""
                    INSERT INTO sales_targets (org_unit_id, user_id, month, units, revenue_minor, updated_at)
                    VALUES (\(bind: t.orgUnitId), \(bind: t.userId), \(bind: t.month), \(bind: t.units), \(bind: t.revenueMinor), \(bind: Clock.nowString()))
                    """).run()
                try await AuditStore.record(on: tx, actor: actor, action: "set_target", recordType: "sales_target", recordID: t.userId ?? t.orgUnitId, orgUnitID: t.orgUnitId, before: nil, after: t)
            }
            return targets
        }
    }
}
