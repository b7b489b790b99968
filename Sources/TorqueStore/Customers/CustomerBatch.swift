import Foundation
import SQLKit
import TorqueDomain

extension CustomerStore {
    /// Inserts customers with their unit share and search words in a few multi-row statements
    /// (imports, generated data); returns their ids in input order. Inputs must differ by
    /// (phone, e-mail): that pair tells the returned rows apart. Call inside a transaction.
    public static func insertBatch(_ inputs: [CustomerInput], unitID: Int, at now: String, on tx: any SQLDatabase) async throws -> [Int] {
        guard !inputs.isEmpty else { return [] }
        var sql: SQLQueryString = """
            INSERT INTO customers (org_unit_id, kind, first_name, last_name, company_name, display_name, name_words, email, email_key, phone, phone_key,
                                   address, postcode, postcode_key, city, country, consent_marketing, created_at, updated_at) VALUES
            """
        for (i, c) in inputs.enumerated() {
            sql += (i == 0 ? " " : ", ") + """
                (\(bind: unitID), \(bind: c.kind.rawValue), \(bind: c.firstName), \(bind: c.lastName), \(bind: c.companyName), \(bind: c.displayName),
                 \(bind: SearchKey.nameWords(c.displayName)), \(bind: c.email), \(bind: c.email.map(SearchKey.email)), \(bind: c.phone), \(bind: c.phone),
                 \(bind: c.address), \(bind: c.postcode), \(bind: SearchKey.postcode(c.postcode)), \(bind: c.city), \(bind: c.country), \(bind: c.consentMarketing), \(bind: now), \(bind: now))
                """
        }
        var idByKey: [String: Int] = [:]
        for row in try await tx.raw(sql + " RETURNING id, phone_key, email_key").all() {
            let key = (try row.decode(column: "phone_key", as: String?.self) ?? "") + "|" + (try row.decode(column: "email_key", as: String?.self) ?? "")
            idByKey[key] = try row.decode(column: "id", as: Int.self)
        }
        let ids = inputs.map { idByKey[($0.phone ?? "") + "|" + ($0.email.map(SearchKey.email) ?? "")]! }
        var units: SQLQueryString = "INSERT INTO customer_units (customer_id, org_unit_id, since) VALUES "
        var words: [(String, Int)] = []
        for (i, cid) in ids.enumerated() {
            units += (i == 0 ? "" : ", ") + "(\(bind: cid), \(bind: unitID), \(bind: now))"
            words += inputs[i].searchWords.filter { !$0.isEmpty }.map { (String($0.prefix(100)), cid) }
        }
        try await tx.raw(units).run()
        for start in stride(from: 0, to: words.count, by: 1000) {
            var w: SQLQueryString = "INSERT INTO customer_words (word, customer_id) VALUES "
            for (i, pair) in words[start..<min(start + 1000, words.count)].enumerated() { w += (i == 0 ? "" : ", ") + "(\(bind: pair.0), \(bind: pair.1))" }
            try await tx.raw(w + " ON CONFLICT DO NOTHING").run()
        }
        try await CustomerSearchIndex.add(zip(ids, inputs).map { ($0, $1.searchWords) }, on: tx)
        return ids
    }
}

extension TimelineStore {
    /// Appends many items in multi-row statements (imports, generated data). Inside a transaction.
    public static func appendBatch(_ items: [(customerID: Int, entry: TimelineEntry, at: String)], unitID: Int, userName: String, on tx: any SQLDatabase) async throws {
        for start in stride(from: 0, to: items.count, by: 1000) {
            var sql: SQLQueryString = "INSERT INTO timeline_events (customer_id, org_unit_id, at, kind, title, detail, user_name, ref_type, ref_id, amount_minor) VALUES "
            for (i, item) in items[start..<min(start + 1000, items.count)].enumerated() {
                let e = item.entry
                sql += (i == 0 ? "" : ", ") + """
                    (\(bind: item.customerID), \(bind: unitID), \(bind: item.at), \(bind: e.kind.rawValue), \(bind: e.title), \(bind: e.detail), \(bind: userName),
                     \(bind: e.refType), \(bind: e.refId), \(bind: e.amountMinor))
                    """
            }
            try await tx.raw(sql).run()
        }
    }
}
