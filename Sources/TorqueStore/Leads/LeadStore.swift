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
        try await sql.raw("""
            SELECT DISTINCT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
            WHERE u.org_unit_id = \(bind: unitID) AND u.active = \(bind: true) AND r.key IN \(SQLBind.group(roles)) ORDER BY u.id
            """).all().map { try $0.decode(column: "id", as: Int.self) }
    }

    /// Takes in an inquiry for `unitID`: a repeat of an open lead is added to it; otherwise the
    /// lead is matched against the network's customers, scored, assigned by the unit's rule (or
    /// to `assignTo`) and given its first-response deadline, all in one transaction, on SQLite
    /// shared with the intakes arriving at the same moment (group commit: web forms and API
    /// clients send leads in bursts); the unit, its settings and salespeople are read once per group.
    public func create(_ input: LeadInput, unitID: Int, assignTo: Int?, scope: Scope, actor: Actor) async throws -> LeadIntake {
        try await db.groupedTransaction { tx, group in
            let unit = try await group.memo("unit \(unitID) \(scope.path)") { try await OrgUnitStore.getOrInvalid(unitID, field: "org_unit_id", scope: scope, on: tx) }
            let person = input.person
            let now = Date()
            if let repeatID = try await Self.openLead(unitID: unitID, phone: person.phone, email: person.email, on: tx) {
                let lead = try await Self.get(repeatID, scope: .everything, on: tx)
                let note = "[\(Clock.string(now)) \(input.source.label)] " + (input.message.isEmpty ? "asked again" : input.message)
                try await tx.raw("UPDATE leads SET message = \(bind: lead.message.isEmpty ? note : lead.message + "\n" + note), updated_at = \(bind: Clock.string(now)) WHERE id = \(bind: repeatID)").run()
                try await AuditStore.record(on: tx, actor: actor, action: "repeat_inquiry", recordType: "lead", recordID: repeatID, orgUnitID: unitID, before: nil, after: ["message": input.message])
                return LeadIntake(lead: try await Self.get(repeatID, scope: .everything, on: tx), isRepeat: true)
            }
            let matched = try await CustomerStore.duplicates(of: person, scope: scope, on: tx).first?.customer
            let settings = try await group.memo("settings \(unitID)") { try await LeadSettingsStore.get(unitID: unitID, on: tx) }
            var assignee: Int?
            if let assignTo {
                let members = try await tx.raw("SELECT id FROM users WHERE id = \(bind: assignTo) AND org_unit_id = \(bind: unitID) AND active = \(bind: true)").first()
                guard members != nil else { throw StoreError.invalid(ValidationErrors(["assigned_user_id": "is not an active user of the lead's unit"])) }
                assignee = assignTo
            } else if settings.rule != .manual {
                let turn = try await tx.raw("UPDATE lead_settings SET turn = turn + 1 WHERE org_unit_id = \(bind: unitID) RETURNING turn").first()!.decode(column: "turn", as: Int.self)
                let salespeople = try await group.memo("salespeople \(unitID)") { try await Self.salespeople(unitID: unitID, on: tx) }
                assignee = LeadAssignment.choose(rule: settings.rule, salespeople: salespeople,
                                                 brand: input.qualification.interestBrand, brandRules: settings.brandRules, turn: turn - 1)
            }
            let q = input.qualification
            // The promise counts the dealer's opening hours: a lead at 21:00 is due after the next opening.
            let hours = (try? WorkingHours.parse(unit.workingHours).get()) ?? (try! WorkingHours.parse("").get())
            let due = hours.deadline(from: now, addingMinutes: settings.slaMinutes, timeZone: TimeZone(identifier: unit.timeZone) ?? TimeZone(identifier: "UTC")!)
            let score = LeadScore.score(.init(source: input.source, hasPhone: person.phone != nil, hasEmail: person.email != nil, qualification: q, knownCustomer: matched != nil))
            let stamp = Clock.string(now)
            let id = try await tx.raw("""
                INSERT INTO leads (org_unit_id, status, source, campaign, kind, first_name, last_name, company_name, display_name, name_key, email, email_key, phone,
                                   postcode, city, country, consent_marketing, message, interest_brand, interest_model, timeframe, payment, trade_in, budget, score,
                                   assigned_user_id, matched_customer_id, sla_due_at, created_at, updated_at)
                VALUES (\(bind: unitID), 'new', \(bind: input.source.rawValue), \(bind: input.campaign), \(bind: person.kind.rawValue), \(bind: person.firstName), \(bind: person.lastName),
                        \(bind: person.companyName), \(bind: person.displayName), \(bind: SearchKey.name(person.displayName)), \(bind: person.email), \(bind: person.email.map(SearchKey.email)),
                        \(bind: person.phone), \(bind: person.postcode), \(bind: person.city), \(bind: person.country), \(bind: person.consentMarketing), \(bind: input.message),
                        \(bind: q.interestBrand), \(bind: q.interestModel), \(bind: q.timeframe.rawValue), \(bind: q.payment.rawValue), \(bind: q.tradeIn), \(bind: q.budget), \(bind: score.points),
                        \(bind: assignee), \(bind: matched?.id), \(bind: Clock.string(due)), \(bind: stamp), \(bind: stamp))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            let lead = try await Self.get(id, scope: .everything, on: tx)
            if let assignee {
                try await tx.raw("""
                    INSERT INTO tasks (org_unit_id, assignee_user_id, customer_id, lead_id, title, due_on, created_at)
                    VALUES (\(bind: unitID), \(bind: assignee), \(bind: matched?.id), \(bind: id), \(bind: "Answer new lead \(lead.number) \(lead.displayName) within \(settings.slaMinutes) min"),
                            \(bind: String(stamp.prefix(10))), \(bind: stamp))
                    """).run()
            }
            if let matched {
                try await TimelineStore.append(Self.timelineEntry(lead, "New lead"), customerID: matched.id, unitID: unitID, userName: actor.label, on: tx)
            }
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "lead", recordID: id, orgUnitID: unitID, before: nil, after: lead)
            return LeadIntake(lead: lead, isRepeat: false)
        }
    }

    static func openLead(unitID: Int, phone: String?, email: String?, on sql: any SQLDatabase) async throws -> Int? {
        var keys: [SQLQueryString] = []
        if let phone { keys.append("phone = \(bind: phone)") }
        if let email { keys.append("email_key = \(bind: SearchKey.email(email))") }
        guard !keys.isEmpty else { return nil }
        let any = keys.dropFirst().reduce(keys[0]) { $0 + " OR " + $1 }
        return try await sql.raw("""
            SELECT id FROM leads WHERE org_unit_id = \(bind: unitID) AND status IN ('new', 'contacted', 'qualified') AND (\(any)) ORDER BY id DESC LIMIT 1
            """).first()?.decode(column: "id", as: Int.self)
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
