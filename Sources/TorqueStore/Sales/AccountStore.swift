import Foundation
import SQLKit
import TorqueDomain

/// Company accounts (SALES-5): a company customer with fleet details and its contact people.
public struct AccountStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = "SELECT a.*, c.display_name FROM accounts a JOIN customers c ON c.id = a.customer_id"

    static func decode(_ row: any SQLRow, contacts: [Account.Contact]) throws -> Account {
        Account(customerId: try row.decode(column: "customer_id", as: Int.self), orgUnitId: try row.decode(column: "org_unit_id", as: Int.self),
                name: try row.decode(column: "display_name", as: String.self), industry: try row.decode(column: "industry", as: String.self),
                fleetSize: try row.decode(column: "fleet_size", as: Int.self), paymentTermsDays: try row.decode(column: "payment_terms_days", as: Int.self),
                contacts: contacts, createdAt: try row.decode(column: "created_at", as: String.self))
    }

    static func contacts(_ ids: [Int], on sql: any SQLDatabase) async throws -> [Int: [Account.Contact]] {
        guard !ids.isEmpty else { return [:] }
        var out: [Int: [Account.Contact]] = [:]
        for r in try await sql.raw("""
            SELECT ac.account_id, ac.role, p.id, p.display_name, p.phone, p.email FROM account_contacts ac JOIN customers p ON p.id = ac.person_id
            WHERE ac.account_id IN \(SQLBind.group(ids)) ORDER BY p.display_name
            """).all() {
            out[try r.decode(column: "account_id", as: Int.self), default: []].append(Account.Contact(
                customerId: try r.decode(column: "id", as: Int.self), name: try r.decode(column: "display_name", as: String.self), role: try r.decode(column: "role", as: String.self),
                phone: try r.decode(column: "phone", as: String?.self), email: try r.decode(column: "email", as: String?.self)))
        }
        return out
    }

    public func get(_ customerID: Int, scope: Scope) async throws -> Account { try await Self.get(customerID, scope: scope, on: db.sql) }

    static func get(_ customerID: Int, scope: Scope, on sql: any SQLDatabase) async throws -> Account {
        guard let row = try await sql.raw("\(unsafeRaw: select) WHERE a.customer_id = \(bind: customerID) AND \(scope.condition("a.org_unit_id"))").first() else { throw StoreError.notFound }
        return try decode(row, contacts: try await contacts([customerID], on: sql)[customerID] ?? [])
    }

    /// Accounts in scope by name; `q` matches the start of a word of the name.
    public func list(q: String?, scope: Scope, limit: Int = 50, afterID: Int? = nil) async throws -> Page<Account> {
        var sql: SQLQueryString = "\(unsafeRaw: Self.select) WHERE \(scope.condition("a.org_unit_id"))"
        if let q, !q.isEmpty { sql += " AND LOWER(c.display_name) LIKE \(bind: "%" + q.lowercased() + "%")" }
        if let afterID { sql += " AND a.customer_id < \(bind: afterID)" }
        sql += " ORDER BY a.customer_id DESC LIMIT \(bind: limit + 1)"
        let rows = try await db.sql.raw(sql).all()
        let ids = try rows.map { try $0.decode(column: "customer_id", as: Int.self) }
        let contacts = try await Self.contacts(ids, on: db.sql)
        return Page(fetched: try rows.map { try Self.decode($0, contacts: contacts[try $0.decode(column: "customer_id", as: Int.self)] ?? []) }, limit: limit, id: \.customerId)
    }

    /// Makes a company customer an account of `unitID`.
    public func create(customerID: Int, industry: String, fleetSize: Int, paymentTermsDays: Int, unitID: Int, scope: Scope, actor: Actor) async throws -> Account {
        let problems = Account.problems(industry: industry, fleetSize: fleetSize, paymentTermsDays: paymentTermsDays)
        if !problems.isEmpty { throw StoreError.invalid(ValidationErrors(problems)) }
        return try await db.transaction { tx in
            _ = try await OrgUnitStore.getOrInvalid(unitID, field: "org_unit_id", scope: scope, on: tx)
            let company: Customer
            do { company = try await CustomerStore.get(customerID, scope: scope, on: tx) } catch StoreError.notFound {
                throw StoreError.invalid(ValidationErrors(["customer_id": "is not a customer you can see"]))
            }
            if company.kind != "company" { throw StoreError.invalid(ValidationErrors(["customer_id": "is a person; an account is a company customer"])) }
            if try await tx.raw("SELECT 1 AS x FROM accounts WHERE customer_id = \(bind: customerID)").first() != nil {
                throw StoreError.conflict(field: "customer_id", message: "is already an account")
            }
            try await tx.raw("""
                INSERT INTO accounts (customer_id, org_unit_id, industry, fleet_size, payment_terms_days, created_at)
                VALUES (\(bind: customerID), \(bind: unitID), \(bind: industry), \(bind: fleetSize), \(bind: paymentTermsDays), \(bind: Clock.nowString()))
                """).run()
            let created = try await Self.get(customerID, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "account", recordID: customerID, orgUnitID: unitID, before: nil, after: created)
            return created
        }
    }

    /// Adds (or re-roles) a person who works for the company.
    public func addContact(accountID: Int, personID: Int, role: String, scope: Scope, actor: Actor) async throws -> Account {
        let role = role.trimmingCharacters(in: .whitespaces)
        if role.count > 100 { throw StoreError.invalid(ValidationErrors(["role": "must be at most 100 characters"])) }
        return try await db.transaction { tx in
            let before = try await Self.get(accountID, scope: scope, on: tx)
            let person: Customer
            do { person = try await CustomerStore.get(personID, scope: scope, on: tx) } catch StoreError.notFound {
                throw StoreError.invalid(ValidationErrors(["customer_id": "is not a customer you can see"]))
            }
            if person.kind == "company" { throw StoreError.invalid(ValidationErrors(["customer_id": "is a company; a contact is a person"])) }
            try await tx.raw("DELETE FROM account_contacts WHERE account_id = \(bind: accountID) AND person_id = \(bind: personID)").run()
            try await tx.raw("INSERT INTO account_contacts (account_id, person_id, role) VALUES (\(bind: accountID), \(bind: personID), \(bind: role.isEmpty ? "Contact" : role))").run()
            let after = try await Self.get(accountID, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "add_contact", recordType: "account", recordID: accountID, orgUnitID: before.orgUnitId, before: before, after: after)
            return after
        }
    }
}

/// Ready-made offers of a unit (QUOTE-5), inherited by the units below.
public struct QuoteTemplateStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static func decode(_ row: any SQLRow) throws -> QuoteTemplate {
        QuoteTemplate(id: try row.decode(column: "id", as: Int.self), orgUnitId: try row.decode(column: "org_unit_id", as: Int.self),
                      name: try row.decode(column: "name", as: String.self),
                      lines: try JSONDecoder().decode([QuoteLine].self, from: Data(try row.decode(column: "lines_json", as: String.self).utf8)),
                      discountPercent: try row.decode(column: "discount_ppm", as: Int?.self).map(Percentage.init(perMillion:)),
                      finance: try row.decode(column: "finance_json", as: String?.self).map { try JSONDecoder().decode(QuoteFinance.self, from: Data($0.utf8)) },
                      note: try row.decode(column: "note", as: String.self), createdAt: try row.decode(column: "created_at", as: String.self))
    }

    /// The templates a unit may use: its own and its ancestors' (the OEM can publish offers).
    public func usable(byUnit unitID: Int) async throws -> [QuoteTemplate] {
        try await db.sql.raw("""
            SELECT t.* FROM quote_templates t JOIN org_units o ON o.id = t.org_unit_id
            WHERE (SELECT path FROM org_units WHERE id = \(bind: unitID)) LIKE o.path || '%' ORDER BY t.name, t.id
            """).all().map(Self.decode)
    }

    /// One the caller's unit may use (its own or an ancestor's), else not found.
    public func get(_ id: Int, forUnit unitID: Int) async throws -> QuoteTemplate {
        guard let t = try await usable(byUnit: unitID).first(where: { $0.id == id }) else { throw StoreError.notFound }
        return t
    }

    public func create(name: String, content: QuoteContent, unitID: Int, scope: Scope, actor: Actor) async throws -> QuoteTemplate {
        var errors = ValidationErrors(QuotePricing.validate(lines: content.lines, discount: content.discount, tradeIn: nil))
        let name = name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { errors.add("name", "is required") } else if name.count > 120 { errors.add("name", "must be at most 120 characters") }
        if case .amount = content.discount { errors.add("discount_minor", "a template's discount is a percentage") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            _ = try await OrgUnitStore.getOrInvalid(unitID, field: "org_unit_id", scope: scope, on: tx)
            var ppm: Int?
            if case .percent(let p) = content.discount { ppm = p.perMillion }
            let id = try await tx.raw("""
                INSERT INTO quote_templates (org_unit_id, name, lines_json, discount_ppm, finance_json, note, created_at)
                VALUES (\(bind: unitID), \(bind: name), \(bind: String(decoding: try JSONEncoder().encode(content.lines), as: UTF8.self)), \(bind: ppm),
                        \(bind: try content.finance.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }), \(bind: content.note), \(bind: Clock.nowString()))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            let created = try Self.decode(try await tx.raw("SELECT * FROM quote_templates WHERE id = \(bind: id)").first()!)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "quote_template", recordID: id, orgUnitID: unitID, before: nil, after: created)
            return created
        }
    }
}
