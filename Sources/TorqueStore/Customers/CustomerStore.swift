import Foundation
import SQLKit
import TorqueDomain

/// A probable twin found while entering a customer, and whether the caller may already see it.
public struct DuplicateCandidate: Sendable {
    public var customer: Customer
    public var match: DuplicateMatch
    public var visible: Bool
}

/// Customers: one record per person or company across the network, visible to every unit it is
/// shared with (customer_units) and to the units above them.
public struct CustomerStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let columns = "c.id, c.org_unit_id, c.kind, c.first_name, c.last_name, c.company_name, c.display_name, c.email, c.phone, c.address, c.postcode, c.city, c.country, c.consent_marketing, c.created_at, c.updated_at"

    static func decode(_ row: any SQLRow) throws -> Customer {
        try row.decode(model: Customer.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    static func visible(_ scope: Scope) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM customer_units cu WHERE cu.customer_id = c.id AND \(scope.condition("cu.org_unit_id")))"
    }

    public func get(_ id: Int, scope: Scope) async throws -> Customer {
        try await Self.get(id, scope: scope, on: db.sql)
    }

    static func get(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> Customer {
        guard let row = try await sql.raw("SELECT \(unsafeRaw: columns) FROM customers c WHERE c.id = \(bind: id) AND \(visible(scope))").first() else {
            throw StoreError.notFound
        }
        return try decode(row)
    }

    /// Probable twins anywhere in the network, found by indexed keys and ranked by DuplicateCheck.
    public func duplicates(of input: CustomerInput, scope: Scope) async throws -> [DuplicateCandidate] {
        try await Self.duplicates(of: input, scope: scope, on: db.sql)
    }

    static func duplicates(of input: CustomerInput, scope: Scope, on sql: any SQLDatabase) async throws -> [DuplicateCandidate] {
        let keys = input.dedupeKeys
        let conditions = candidateConditions(keys)
        guard !conditions.isEmpty else { return [] }
        var query: SQLQueryString = "SELECT \(unsafeRaw: Self.columns), CASE WHEN \(Self.visible(scope)) THEN 1 ELSE 0 END AS in_scope FROM customers c WHERE "
        query = query + conditions.dropFirst().reduce(conditions[0]) { $0 + " OR " + $1 } + " ORDER BY c.id LIMIT 50"
        let rows = try await sql.raw(query).all()
        var byID: [Int: (Customer, Bool)] = [:]
        for row in rows {
            let c = try Self.decode(row)
            byID[c.id] = (c, try row.decode(column: "in_scope", as: Int.self) == 1)
        }
        let ranked = try await rank(keys, candidates: byID.values.map(\.0), on: sql)
        return ranked.map { DuplicateCandidate(customer: byID[$0.candidateID]!.0, match: $0, visible: byID[$0.candidateID]!.1) }
    }

    /// The most probable twin in the network of each of `inputs` (the intake of a group of leads):
    /// the same candidates and ranking as `duplicates`, found for all of them in one query.
    static func bestMatches(of inputs: [CustomerInput], on sql: any SQLDatabase) async throws -> [Customer?] {
        let keys = inputs.map(\.dedupeKeys)
        var parts: [SQLQueryString] = []
        for (i, k) in keys.enumerated() {
            let conditions = candidateConditions(k)
            guard !conditions.isEmpty else { continue }
            parts.append("SELECT * FROM (SELECT \(unsafeRaw: String(i)) AS person, \(unsafeRaw: Self.columns) FROM customers c WHERE "
                         + conditions.dropFirst().reduce(conditions[0]) { $0 + " OR " + $1 } + " ORDER BY c.id LIMIT 50) AS m\(unsafeRaw: String(i))")
        }
        guard !parts.isEmpty else { return inputs.map { _ in nil } }
        var byPerson: [Int: [Customer]] = [:]
        for row in try await sql.raw(parts.dropFirst().reduce(parts[0]) { $0 + " UNION ALL " + $1 }).all() {
            byPerson[try row.decode(column: "person", as: Int.self), default: []].append(try Self.decode(row))
        }
        var best: [Customer?] = []
        for (i, k) in keys.enumerated() {
            let candidates = byPerson[i] ?? []
            guard !candidates.isEmpty, let top = try await rank(k, candidates: candidates, on: sql).first else { best.append(nil); continue }
            best.append(candidates.first { $0.id == top.candidateID })
        }
        return best
    }

    /// Indexed conditions finding the customers that may be the person of `keys`.
    private static func candidateConditions(_ keys: DedupeKeys) -> [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let p = keys.phones.first { conditions.append("c.phone_key = \(bind: p)") }
        if let e = keys.emails.first { conditions.append("c.email_key = \(bind: e)") }
        if !keys.nameWords.isEmpty { conditions.append("c.name_words = \(bind: keys.nameWords)") }
        // "M. Rossi" at the same postcode: people with the longest name word there; DuplicateCheck decides.
        if !keys.postcode.isEmpty, let word = keys.nameWords.split(separator: " ").max(by: { $0.count < $1.count }), word.count > 1 {
            conditions.append("(c.postcode_key = \(bind: keys.postcode) AND c.id IN (SELECT customer_id FROM customer_words WHERE word = \(bind: String(word))))")
        }
        if let vin = keys.vins.first { conditions.append("c.id IN (SELECT customer_id FROM vehicles WHERE vin = \(bind: vin))") }
        return conditions
    }

    /// `candidates` ranked by DuplicateCheck against `keys`, most probable first.
    private static func rank(_ keys: DedupeKeys, candidates: [Customer], on sql: any SQLDatabase) async throws -> [DuplicateMatch] {
        // The candidates' cars, in one query, for the "owns the same vehicle" rule.
        var vins: [Int: Set<String>] = [:]
        if !keys.vins.isEmpty, !candidates.isEmpty {
            for row in try await sql.raw("SELECT customer_id, vin FROM vehicles WHERE customer_id IN \(SQLBind.group(candidates.map(\.id)))").all() {
                vins[try row.decode(column: "customer_id", as: Int.self), default: []].insert(try row.decode(column: "vin", as: String.self))
            }
        }
        return DuplicateCheck.rank(keys, candidates: candidates.map { c in
            var k = c.dedupeKeys
            k.vins = vins[c.id] ?? []
            return (c.id, k)
        })
    }

    /// Creates a customer owned by `unitID` (which the caller must be able to see).
    public func create(_ input: CustomerInput, unitID: Int, scope: Scope, actor: Actor) async throws -> Customer {
        try await db.transaction { tx in
            _ = try await OrgUnitStore.getOrInvalid(unitID, field: "org_unit_id", scope: scope, on: tx)
            return try await Self.insert(input, unitID: unitID, actor: actor, on: tx)
        }
    }

    /// Inserts a customer inside the caller's transaction (entry, lead conversion, import).
    static func insert(_ input: CustomerInput, unitID: Int, actor: Actor, on tx: any SQLDatabase) async throws -> Customer {
        let now = Clock.nowString()
        let id = try await tx.raw("""
            INSERT INTO customers (org_unit_id, kind, first_name, last_name, company_name, display_name, name_words, email, email_key, phone, phone_key,
                                   address, postcode, postcode_key, city, country, consent_marketing, created_at, updated_at)
            VALUES (\(bind: unitID), \(bind: input.kind.rawValue), \(bind: input.firstName), \(bind: input.lastName), \(bind: input.companyName), \(bind: input.displayName),
                    \(bind: SearchKey.nameWords(input.displayName)), \(bind: input.email), \(bind: input.email.map(SearchKey.email)), \(bind: input.phone), \(bind: input.phone),
                    \(bind: input.address), \(bind: input.postcode), \(bind: SearchKey.postcode(input.postcode)), \(bind: input.city), \(bind: input.country),
                    \(bind: input.consentMarketing), \(bind: now), \(bind: now))
            RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
        try await tx.raw("INSERT INTO customer_units (customer_id, org_unit_id, since) VALUES (\(bind: id), \(bind: unitID), \(bind: now))").run()
        try await writeWords(id, input.searchWords, on: tx)
        let customer = try await get(id, scope: .everything, on: tx)
        try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "customer", recordID: id, orgUnitID: unitID, before: nil, after: customer)
        return customer
    }

    /// "Use this customer": shares an existing record with the caller's unit instead of creating a twin.
    public func share(_ id: Int, withUnit unitID: Int, actor: Actor) async throws -> Customer {
        try await db.transaction { tx in try await Self.share(id, withUnit: unitID, actor: actor, on: tx) }
    }

    static func share(_ id: Int, withUnit unitID: Int, actor: Actor, on tx: any SQLDatabase) async throws -> Customer {
            if try await tx.raw("SELECT 1 AS x FROM customer_units WHERE customer_id = \(bind: id) AND org_unit_id = \(bind: unitID)").first() == nil {
                try await tx.raw("INSERT INTO customer_units (customer_id, org_unit_id, since) VALUES (\(bind: id), \(bind: unitID), \(bind: Clock.nowString()))").run()
                try await AuditStore.record(on: tx, actor: actor, action: "share", recordType: "customer", recordID: id, orgUnitID: unitID, before: nil, after: ["shared_with_unit": unitID])
            }
            return try await Self.get(id, scope: .everything, on: tx)
    }

    public func update(_ id: Int, _ input: CustomerInput, scope: Scope, actor: Actor) async throws -> Customer {
        try await db.transaction { tx in
            let before = try await Self.get(id, scope: scope, on: tx)
            try await Self.write(id, input, on: tx)
            let after = try await Self.get(id, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "update", recordType: "customer", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
            return after
        }
    }

    static func writeWords(_ id: Int, _ words: Set<String>, on tx: any SQLDatabase) async throws {
        for word in words.sorted() where !word.isEmpty {
            try await tx.raw("INSERT INTO customer_words (word, customer_id) VALUES (\(bind: String(word.prefix(100))), \(bind: id))").run()
        }
        try await CustomerSearchIndex.set(id, words: words, on: tx)
    }

    /// A whole VIN typed in any case or grouping.
    static func vinQuery(_ q: String) -> String? {
        let vin = VIN.normalise(q)
        return vin.count == 17 && vin.allSatisfy(VIN.allowedCharacters.contains) && vin.contains(where: \.isNumber) ? vin : nil
    }

    /// A registration plate: letters and digits together, 4 to 10 of them ("GA 123 BC").
    static func plateQuery(_ q: String) -> String? {
        let key = PlateKey.of(q)
        guard (4...10).contains(key.count), key.contains(where: \.isLetter), key.contains(where: \.isNumber), !q.contains("@") else { return nil }
        return key
    }

    /// Search (CUS-7) as typed in the top bar: customer number, VIN or plate of a car they own,
    /// e-mail, phone in any format, or name words (each a prefix, accents and case ignored). Newest first.
    public func search(_ query: String?, defaultCountry: String, scope: Scope, limit: Int = 50, afterID: Int? = nil) async throws -> Page<Customer> {
        var sql: SQLQueryString = "SELECT \(unsafeRaw: Self.columns) FROM customers c WHERE \(Self.visible(scope))"
        let q = (query ?? "").trimmingCharacters(in: .whitespaces)
        if !q.isEmpty {
            if let id = CustomerNumber.parse(q), q.uppercased().hasPrefix("C") {
                sql = sql + " AND c.id = \(bind: id)"
            } else if let vin = Self.vinQuery(q) {
                sql = sql + " AND c.id IN (SELECT customer_id FROM vehicles WHERE vin = \(bind: vin) AND customer_id IS NOT NULL)"
            } else if let plate = Self.plateQuery(q) {
                sql = sql + " AND c.id IN (SELECT customer_id FROM vehicles WHERE plate_key = \(bind: plate) AND customer_id IS NOT NULL)"
            } else if q.contains("@") {
                let e = SearchKey.email(q)
                sql = sql + " AND c.email_key >= \(bind: e) AND c.email_key < \(bind: e + "\u{FFFF}")"
            } else if q.filter(\.isNumber).count >= 6, case let .success(phone) = PhoneNumber.normalize(q, defaultCountry: defaultCountry) {
                sql = sql + " AND c.phone_key = \(bind: phone)"
            } else {
                let words = SearchKey.name(q).split(separator: " ").map(String.init).prefix(5)
                return try await searchNames(Array(words), scope: scope, limit: limit, afterID: afterID)
            }
        }
        if let afterID { sql = sql + " AND c.id < \(bind: afterID)" }
        sql = sql + " ORDER BY c.id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }
}
