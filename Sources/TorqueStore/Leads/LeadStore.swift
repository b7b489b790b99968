import Foundation
import SQLKit
import TorqueDomain

/// What taking in an inquiry did: a new lead, or a repeat of an open one at the same dealer
/// (added to it rather than creating a twin: the reference's "repeated inquiries are unacceptable").
public struct LeadIntake: Sendable {
    public var lead: Lead
    public var isRepeat: Bool
}

/// Orders of the lead list.
public enum LeadSort: String, CaseIterable, Sendable {
    case newest, score, due
    public var label: String {
        switch self {
        case .newest: "Newest first"
        case .score: "Highest score first"
        case .due: "Most urgent first (first-response deadline)"
        }
    }
}

/// Filters of the lead list.
public struct LeadFilter: Sendable {
    public var status: LeadStatus?
    public var source: LeadSource?
    public var assignedUserID: Int?
    public var unassigned = false
    /// Only leads whose first-response promise is broken.
    public var overdue = false
    public var query: String?
    /// Country a phone typed without + is read in.
    public var defaultCountry = "IT"
    public var sort: LeadSort = .newest
    public init() {}
}

/// Leads (LEAD-1…3): intake with dedupe and assignment, qualification, disqualification.
public struct LeadStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = "SELECT l.*, u.name AS assigned_user_name FROM leads l LEFT JOIN users u ON u.id = l.assigned_user_id"

    static func decode(_ row: any SQLRow) throws -> Lead {
        try row.decode(model: Lead.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    public func get(_ id: Int, scope: Scope) async throws -> Lead { try await Self.get(id, scope: scope, on: db.sql) }

    static func get(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> Lead {
        guard let row = try await sql.raw("\(unsafeRaw: select) WHERE l.id = \(bind: id) AND \(scope.condition("l.org_unit_id"))").first() else { throw StoreError.notFound }
        return try decode(row)
    }

    /// Who can take a unit's leads (salespeople and their managers), for the assignee picker.
    public func assignable(unitID: Int) async throws -> [(id: Int, name: String)] {
        try await db.sql.raw("""
            SELECT DISTINCT u.id, u.name FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
            WHERE u.org_unit_id = \(bind: unitID) AND u.active = \(bind: true) AND r.key IN ('salesperson', 'sales_manager', 'dealer_principal') ORDER BY u.name
            """).all().map { (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "name", as: String.self)) }
    }

    /// The unit's salespeople with names, for the brand rules.
    public func salespeopleNamed(unitID: Int) async throws -> [(id: Int, name: String)] {
        let ids = try await Self.salespeople(unitID: unitID, on: db.sql)
        guard !ids.isEmpty else { return [] }
        return try await db.sql.raw("SELECT id, name FROM users WHERE id IN \(SQLBind.group(ids)) ORDER BY name").all()
            .map { (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "name", as: String.self)) }
    }

    /// Active salespeople of a unit (built-in role `salesperson`), by id.
    static func salespeople(unitID: Int, on sql: any SQLDatabase) async throws -> [Int] {
        try await people(unitID: unitID, roles: ["salesperson"], on: sql)
    }

    static func people(unitID: Int, roles: [String], on sql: any SQLDatabase) async throws -> [Int] {
        try await members(of: [unitID], roles: roles, on: sql).map(\.id)
    }

    /// Active users of `unitIDs` with one of `roles`, by id, with their unit and name.
    static func members(of unitIDs: [Int], roles: [String], on sql: any SQLDatabase) async throws -> [(id: Int, unitID: Int, name: String)] {
        try await sql.raw("""
            SELECT DISTINCT u.id, u.org_unit_id, u.name FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
            WHERE u.org_unit_id IN \(SQLBind.group(unitIDs)) AND u.active = \(bind: true) AND r.key IN \(SQLBind.group(roles)) ORDER BY u.id
            """).all().map {
            (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "org_unit_id", as: Int.self), try $0.decode(column: "name", as: String.self))
        }
    }

    /// Takes in an inquiry for `unitID`: a repeat of an open lead is added to it; otherwise the
    /// lead is matched against the network's customers, scored, assigned by the unit's rule (or
    /// to `assignTo`) and given its first-response deadline, all in one transaction, on SQLite
    /// shared with the intakes arriving at the same moment (group commit: web forms and API
    /// clients send leads in bursts), which are taken in together (`intake`).
    public func create(_ input: LeadInput, unitID: Int, assignTo: Int?, scope: Scope, actor: Actor) async throws -> LeadIntake {
        // SQLite's group takes its turns inside its transaction, the only writer anyway.
        let turn = db.kind == .sqlite || assignTo != nil ? nil : try await Self.takeTurn(unitID: unitID, scope: scope, on: db.sql)
        return try await db.grouped(PendingIntake(input: input, unitID: unitID, assignTo: assignTo, scope: scope, actor: actor, turn: turn), kind: "lead intake") { items, tx in
            try await Self.intake(items, on: tx)
        }
    }

    static func timelineEntry(_ lead: Lead, _ what: String) -> TimelineEntry {
        let interest = [lead.interestBrand, lead.interestModel].filter { !$0.isEmpty }.joined(separator: " ")
        let source = LeadSource(rawValue: lead.source)?.label ?? lead.source
        return TimelineEntry(kind: .lead, title: "\(what) \(lead.number) from \(source.lowercased())" + (interest.isEmpty ? "" : ": \(interest)"),
                             detail: lead.message, refType: "lead", refId: lead.id)
    }

    /// Open leads of a customer (matched or converted) in the caller's units, for the 360 page.
    public func openFor(customerID: Int, scope: Scope, limit: Int = 20) async throws -> [Lead] {
        try await db.sql.raw("""
            \(unsafeRaw: Self.select) WHERE l.matched_customer_id = \(bind: customerID) AND l.status IN ('new', 'contacted', 'qualified')
            AND \(scope.condition("l.org_unit_id")) ORDER BY l.id DESC LIMIT \(bind: limit)
            """).all().map(Self.decode)
    }

    public func list(_ f: LeadFilter, scope: Scope, limit: Int = 50, afterID: Int? = nil) async throws -> Page<Lead> {
        var sql: SQLQueryString = "\(unsafeRaw: Self.select) WHERE \(scope.condition("l.org_unit_id"))"
        if let s = f.status { sql = sql + " AND l.status = \(bind: s.rawValue)" }
        if let s = f.source { sql = sql + " AND l.source = \(bind: s.rawValue)" }
        if let u = f.assignedUserID { sql = sql + " AND l.assigned_user_id = \(bind: u)" }
        if f.unassigned { sql = sql + " AND l.assigned_user_id IS NULL AND l.status IN ('new', 'contacted', 'qualified')" }
        if f.overdue { sql = sql + " AND l.status = 'new' AND l.first_response_at IS NULL AND l.sla_due_at <= \(bind: Clock.nowString())" }
        if let q = f.query?.trimmingCharacters(in: .whitespaces), !q.isEmpty {
            if q.contains("@") {
                sql = sql + " AND l.email_key = \(bind: SearchKey.email(q))"
            } else if q.filter(\.isNumber).count >= 6, case let .success(phone) = PhoneNumber.normalize(q, defaultCountry: f.defaultCountry) {
                sql = sql + " AND l.phone = \(bind: phone)"
            } else {
                let key = SearchKey.name(q)
                sql = sql + " AND l.name_key >= \(bind: key) AND l.name_key < \(bind: key + "\u{FFFF}")"
            }
        }
        // Keyset paging on (sort key, id): the cursor stays the last id; its key is read back.
        switch f.sort {
        case .newest:
            if let afterID { sql += " AND l.id < \(bind: afterID)" }
            sql += " ORDER BY l.id DESC"
        case .score:
            if let afterID { sql += " AND (l.score < (SELECT score FROM leads WHERE id = \(bind: afterID)) OR (l.score = (SELECT score FROM leads WHERE id = \(bind: afterID)) AND l.id < \(bind: afterID)))" }
            sql += " ORDER BY l.score DESC, l.id DESC"
        case .due:
            // Most urgent first: open leads by their first-response deadline; answered ones have none and come last.
            let key: SQLQueryString = "COALESCE(CASE WHEN l.status = 'new' AND l.first_response_at IS NULL THEN l.sla_due_at END, '9999')"
            if let afterID {
                let other: SQLQueryString = "(SELECT COALESCE(CASE WHEN x.status = 'new' AND x.first_response_at IS NULL THEN x.sla_due_at END, '9999') FROM leads x WHERE x.id = \(bind: afterID))"
                sql += " AND (" + key + " > " + other + " OR (" + key + " = " + other + " AND l.id > \(bind: afterID)))"
            }
            sql += " ORDER BY " + key + ", l.id"
        }
        sql += " LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }
}
