import Foundation
import SQLKit
import TorqueDomain

extension CustomerStore {
    /// Inserts customers with their unit share and search words in a few statements of JSON rows
    /// (imports, generated data); returns their ids in input order. Inputs must differ by
    /// (phone, e-mail): that pair tells the returned rows apart. Call inside a transaction.
    public static func insertBatch(_ inputs: [CustomerInput], unitID: Int, at now: String, on tx: any SQLDatabase) async throws -> [Int] {
        guard !inputs.isEmpty else { return [] }
        let customers = JSONRows(table: "customers", columns: [
            ("org_unit_id", .bigint), ("kind", .text), ("first_name", .text), ("last_name", .text), ("company_name", .text), ("display_name", .text),
            ("name_words", .text), ("email", .text), ("email_key", .text), ("phone", .text), ("phone_key", .text), ("address", .text), ("postcode", .text),
            ("postcode_key", .text), ("city", .text), ("country", .text), ("consent_marketing", .boolean), ("created_at", .text), ("updated_at", .text),
        ])
        let rows: [[JSONRows.Cell]] = inputs.map { c in [
            .int(unitID), .text(c.kind.rawValue), .init(c.firstName), .init(c.lastName), .init(c.companyName), .text(c.displayName),
            .text(SearchKey.nameWords(c.displayName)), .init(c.email), .init(c.email.map(SearchKey.email)), .init(c.phone), .init(c.phone),
            .init(c.address), .init(c.postcode), .init(SearchKey.postcode(c.postcode)), .init(c.city), .text(c.country), .bool(c.consentMarketing), .text(now), .text(now),
        ] }
        var idByKey: [String: Int] = [:]
        for row in try await tx.raw(customers.insert(rows, tail: "RETURNING id, phone_key, email_key", on: tx)).all() {
            let key = (try row.decode(column: "phone_key", as: String?.self) ?? "") + "|" + (try row.decode(column: "email_key", as: String?.self) ?? "")
            idByKey[key] = try row.decode(column: "id", as: Int.self)
        }
        let ids = inputs.map { idByKey[($0.phone ?? "") + "|" + ($0.email.map(SearchKey.email) ?? "")]! }
        try await JSONRows(table: "customer_units", columns: [("customer_id", .bigint), ("org_unit_id", .bigint), ("since", .text)])
            .run(ids.map { [.int($0), .int(unitID), .text(now)] }, on: tx)
        var words: [[JSONRows.Cell]] = []
        for (i, cid) in ids.enumerated() {
            words += inputs[i].searchWords.filter { !$0.isEmpty }.map { [.text(String($0.prefix(100))), .int(cid)] }
        }
        try await JSONRows(table: "customer_words", columns: [("word", .text), ("customer_id", .bigint)]).run(words, slice: 20_000, tail: "ON CONFLICT DO NOTHING", on: tx)
        try await CustomerSearchIndex.add(zip(ids, inputs).map { ($0, $1.searchWords) }, unitID: unitID, on: tx)
        return ids
    }
}

extension TimelineStore {
    /// Appends many items in a few statements of JSON rows (imports, generated data). Inside a transaction.
    public static func appendBatch(_ items: [(customerID: Int, entry: TimelineEntry, at: String)], unitID: Int, userName: String, on tx: any SQLDatabase) async throws {
        let timeline = JSONRows(table: "timeline_events", columns: [
            ("customer_id", .bigint), ("org_unit_id", .bigint), ("at", .text), ("kind", .text), ("title", .text), ("detail", .text), ("user_name", .text),
            ("ref_type", .text), ("ref_id", .bigint), ("amount_minor", .bigint),
        ])
        try await timeline.run(items.map { item in
            let e = item.entry
            return [.int(item.customerID), .int(unitID), .text(item.at), .text(e.kind.rawValue), .text(e.title), .text(e.detail), .text(userName),
                    .init(e.refType), .init(e.refId), .init(e.amountMinor)]
        }, slice: 10_000, on: tx)
    }
}
