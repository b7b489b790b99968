import SQLKit
import TorqueDomain

/// Activity per salesperson over a period (SALES-4) for a unit and everything below it, from one
/// grouped query per source (contacts, agenda, opportunities, quotes, contracts) and one for the
/// people, whatever the number of records.
public struct SalesActivityStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// `from` inclusive, `to` exclusive (days); rows by unit then name, then who is not a person.
    public func report(unitID: Int, from: String, to: String, scope: Scope) async throws -> [SalesActivity] {
        let sql = db.sql
        let root = try await OrgUnitStore.get(unitID, scope: scope, on: sql)
        let inScope: SQLQueryString = "IN (SELECT id FROM org_units WHERE path LIKE \(bind: root.path + "%"))"
        var rows: [Int: SalesActivity] = [:]
        // Everyone who sells in the subtree, so a quiet salesperson shows with zeros.
        let people = try await sql.raw("""
            SELECT DISTINCT u.id, u.name, o.name AS unit_name FROM users u JOIN org_units o ON o.id = u.org_unit_id
            JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
            WHERE u.org_unit_id \(inScope) AND u.active = \(bind: true) AND r.key IN ('salesperson', 'sales_manager', 'dealer_principal')
            """).all()
        for p in people {
            let id = try p.decode(column: "id", as: Int.self)
            rows[id] = SalesActivity(userId: id, name: try p.decode(column: "name", as: String.self), unitName: try p.decode(column: "unit_name", as: String.self))
        }
        func add(_ user: Int?, _ apply: (inout SalesActivity) -> Void) {
            guard let user else { return }
            // Someone who left or moved still has their figures counted under their name (filled below).
            if rows[user] == nil { rows[user] = SalesActivity(userId: user, name: "", unitName: "") }
            apply(&rows[user]!)
        }
        let (a, b) = (from, to)
        for r in try await sql.raw("""
            SELECT user_id, channel, COUNT(*) AS n FROM contacts WHERE org_unit_id \(inScope) AND at >= \(bind: a) AND at < \(bind: b)
              AND channel IN ('phone', 'walk_in') GROUP BY user_id, channel
            """).all() {
            let n = try r.decode(column: "n", as: Int.self)
            let phone = try r.decode(column: "channel", as: String.self) == "phone"
            add(try r.decode(column: "user_id", as: Int?.self)) { if phone { $0.calls += n } else { $0.visits += n } }
        }
        for r in try await sql.raw("""
            SELECT user_id, kind, COUNT(*) AS n FROM appointments WHERE org_unit_id \(inScope) AND starts_at >= \(bind: a) AND starts_at < \(bind: b)
              AND cancelled = \(bind: false) AND kind IN ('test_drive', 'appointment') GROUP BY user_id, kind
            """).all() {
            let n = try r.decode(column: "n", as: Int.self)
            let drive = try r.decode(column: "kind", as: String.self) == "test_drive"
            add(try r.decode(column: "user_id", as: Int?.self)) { if drive { $0.testDrives += n } else { $0.visits += n } }
        }
        for r in try await sql.raw("""
            SELECT owner_user_id, COUNT(*) AS n FROM opportunities WHERE org_unit_id \(inScope) AND created_at >= \(bind: a) AND created_at < \(bind: b) GROUP BY owner_user_id
            """).all() {
            let n = try r.decode(column: "n", as: Int.self)
            add(try r.decode(column: "owner_user_id", as: Int?.self)) { $0.opportunitiesOpened += n }
        }
        // Closed deals: the outcome of each unit's won and lost stages.
        let units = try await sql.raw("SELECT id, path FROM org_units WHERE path LIKE \(bind: root.path + "%")").all()
            .map { (id: try $0.decode(column: "id", as: Int.self), path: try $0.decode(column: "path", as: String.self)) }
        let stages = try await SalesStageStore.stagesByUnit(units, root: root.path, on: sql)
        let closedCodes = Set(stages.values.flatMap { $0.filter { $0.outcome != .open }.map(\.code) })
        if !closedCodes.isEmpty {
            for r in try await sql.raw("""
                SELECT org_unit_id, owner_user_id, stage, COUNT(*) AS n FROM opportunities WHERE org_unit_id \(inScope) AND stage IN \(SQLBind.group(closedCodes.sorted()))
                  AND stage_changed_at >= \(bind: a) AND stage_changed_at < \(bind: b) GROUP BY org_unit_id, owner_user_id, stage
                """).all() {
                let n = try r.decode(column: "n", as: Int.self)
                let code = try r.decode(column: "stage", as: String.self)
                guard let outcome = stages[try r.decode(column: "org_unit_id", as: Int.self)]?.first(where: { $0.code == code })?.outcome else { continue }
                add(try r.decode(column: "owner_user_id", as: Int?.self)) { if outcome == .won { $0.won += n } else if outcome == .lost { $0.lost += n } }
            }
        }
        for r in try await sql.raw("""
            SELECT q.created_by, COUNT(*) AS n, CAST(COALESCE(SUM(v.discount_share_ppm), 0) AS BIGINT) AS d
            FROM quotes q JOIN quote_versions v ON v.quote_id = q.id AND v.version = q.current_version
            WHERE q.org_unit_id \(inScope) AND q.created_at >= \(bind: a) AND q.created_at < \(bind: b) GROUP BY q.created_by
            """).all() {
            let n = try r.decode(column: "n", as: Int.self), d = try r.decode(column: "d", as: Int.self)
            add(try r.decode(column: "created_by", as: Int?.self)) { $0.quotes += n; $0.discountPerMillionSum += d }
        }
        // A contract counts for the deal's owner, else for whoever recorded the signature.
        for r in try await sql.raw("""
            SELECT COALESCE(o.owner_user_id, k.signed_by) AS user_id, COUNT(*) AS n, CAST(SUM(k.total_minor) AS BIGINT) AS v
            FROM contracts k JOIN quotes q ON q.id = k.quote_id LEFT JOIN opportunities o ON o.id = q.opportunity_id
            WHERE k.org_unit_id \(inScope) AND k.signed_at >= \(bind: a) AND k.signed_at < \(bind: b) GROUP BY COALESCE(o.owner_user_id, k.signed_by)
            """).all() {
            let n = try r.decode(column: "n", as: Int.self), v = try r.decode(column: "v", as: Int.self)
            add(try r.decode(column: "user_id", as: Int?.self)) { $0.contracts += n; $0.revenueMinor += v }
        }
        let unnamed = rows.values.filter { $0.name.isEmpty }.compactMap(\.userId)
        if !unnamed.isEmpty {
            for r in try await sql.raw("SELECT u.id, u.name, o.name AS unit_name FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.id IN \(SQLBind.group(unnamed.sorted()))").all() {
                let id = try r.decode(column: "id", as: Int.self)
                rows[id]?.name = try r.decode(column: "name", as: String.self)
                rows[id]?.unitName = try r.decode(column: "unit_name", as: String.self)
            }
        }
        return rows.values.sorted { ($0.unitName, $0.name) < ($1.unitName, $1.name) }
    }
}
