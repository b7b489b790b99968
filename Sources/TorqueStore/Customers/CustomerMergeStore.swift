import Foundation
import SQLKit
import TorqueDomain

/// What a merge changed, kept in its audit entry so the merge can be undone.
public struct MergeRecord: Codable, Sendable {
    public struct Share: Codable, Sendable { public var orgUnitId: Int; public var since: String }
    /// Rows of one table that moved to the survivor.
    public struct Moved: Codable, Sendable {
        public var table: String
        public var column: String?
        public var ids: [Int]
        var key: String { "\(table).\(column ?? "customer_id")" }
    }
    public var survivor: Customer
    public var merged: Customer
    public var moved: [Moved]
    public var mergedShares: [Share]
    public var addedShares: [Int]

    init(survivor: Customer, merged: Customer, moved: [Moved], mergedShares: [Share], addedShares: [Int]) {
        self.survivor = survivor; self.merged = merged; self.moved = moved; self.mergedShares = mergedShares; self.addedShares = addedShares
    }

    enum CodingKeys: String, CodingKey { case survivor, merged, moved, movedContacts, movedTasks, mergedShares, addedShares }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        survivor = try c.decode(Customer.self, forKey: .survivor)
        merged = try c.decode(Customer.self, forKey: .merged)
        mergedShares = try c.decode([Share].self, forKey: .mergedShares)
        addedShares = try c.decode([Int].self, forKey: .addedShares)
        // Merges recorded before the timeline listed contacts and tasks separately.
        moved = try c.decodeIfPresent([Moved].self, forKey: .moved) ?? [
            Moved(table: "contacts", column: nil, ids: try c.decodeIfPresent([Int].self, forKey: .movedContacts) ?? []),
            Moved(table: "tasks", column: nil, ids: try c.decodeIfPresent([Int].self, forKey: .movedTasks) ?? []),
        ]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(survivor, forKey: .survivor)
        try c.encode(merged, forKey: .merged)
        try c.encode(moved, forKey: .moved)
        try c.encode(mergedShares, forKey: .mergedShares)
        try c.encode(addedShares, forKey: .addedShares)
    }
}

extension CustomerStore {
    /// Every table.column that points at a customer: a merge moves those rows to the survivor
    /// and an undo moves them back. A module that adds such a column adds it here.
    static let ownedColumns: [(table: String, column: String)] = [
        ("contacts", "customer_id"), ("tasks", "customer_id"), ("timeline_events", "customer_id"),
        ("leads", "customer_id"), ("leads", "matched_customer_id"), ("opportunities", "customer_id"),
        ("vehicles", "customer_id"), ("configurations", "customer_id"), ("appointments", "customer_id"),
        ("appraisals", "customer_id"), ("quotes", "customer_id"), ("contracts", "customer_id"), ("account_contacts", "person_id"),
        ("service_bookings", "customer_id"), ("repair_orders", "customer_id"),
    ]

    /// Merges `mergedID` into `survivorID` (CUS-3), all or nothing: the survivor takes the chosen
    /// values, every row of `ownedColumns` and every unit share moves to it, and the merged record is removed.
    public func merge(survivorID: Int, mergedID: Int, values: CustomerInput, scope: Scope, actor: Actor) async throws -> Customer {
        guard survivorID != mergedID else { throw StoreError.invalid(ValidationErrors(["merged_id": "is the same customer as survivor_id"])) }
        return try await db.transaction { tx in
            let survivor = try await Self.get(survivorID, scope: scope, on: tx)
            let merged = try await Self.get(mergedID, scope: scope, on: tx)
            // A fleet account (SALES-5) keeps its id: it may survive a merge, not disappear in one.
            if try await tx.raw("SELECT 1 AS x FROM accounts WHERE customer_id = \(bind: mergedID)").first() != nil {
                throw StoreError.invalid(ValidationErrors(["merged_id": "is a fleet account: keep it as the survivor and merge the other record into it"]))
            }
            let ids = { (sql: SQLQueryString) async throws -> [Int] in try await tx.raw(sql).all().map { try $0.decode(column: "id", as: Int.self) } }
            var moved: [MergeRecord.Moved] = []
            for (table, column) in Self.ownedColumns {
                moved.append(.init(table: table, column: column, ids: try await ids("SELECT id FROM \(unsafeRaw: table) WHERE \(unsafeRaw: column) = \(bind: mergedID) ORDER BY id")))
                try await tx.raw("UPDATE \(unsafeRaw: table) SET \(unsafeRaw: column) = \(bind: survivorID) WHERE \(unsafeRaw: column) = \(bind: mergedID)").run()
            }
            let shares = try await tx.raw("SELECT org_unit_id, since FROM customer_units WHERE customer_id = \(bind: mergedID) ORDER BY org_unit_id").all()
                .map { MergeRecord.Share(orgUnitId: try $0.decode(column: "org_unit_id", as: Int.self), since: try $0.decode(column: "since", as: String.self)) }
            let survivorUnits = Set(try await tx.raw("SELECT org_unit_id AS id FROM customer_units WHERE customer_id = \(bind: survivorID)").all().map { try $0.decode(column: "id", as: Int.self) })
            let added = shares.map(\.orgUnitId).filter { !survivorUnits.contains($0) }
            for share in shares where added.contains(share.orgUnitId) {
                try await tx.raw("INSERT INTO customer_units (customer_id, org_unit_id, since) VALUES (\(bind: survivorID), \(bind: share.orgUnitId), \(bind: share.since))").run()
            }
            try await tx.raw("DELETE FROM customers WHERE id = \(bind: mergedID)").run()
            try await CustomerSearchIndex.remove(mergedID, on: tx)
            try await Self.write(survivorID, values, on: tx)
            let after = try await Self.get(survivorID, scope: .everything, on: tx)
            let record = MergeRecord(survivor: survivor, merged: merged, moved: moved, mergedShares: shares, addedShares: added)
            try await TimelineStore.append(TimelineEntry(kind: .merge, title: "Merged with \(merged.number) \(merged.displayName)",
                                                         detail: moved.filter { !$0.ids.isEmpty && $0.column == "customer_id" }.map { "\($0.ids.count) \($0.table.replacingOccurrences(of: "_", with: " "))" }.joined(separator: ", ")),
                                           customerID: survivorID, unitID: survivor.orgUnitId, userName: actor.label, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "merge", recordType: "customer", recordID: survivorID, orgUnitID: survivor.orgUnitId, before: record, after: after)
            try await AuditStore.record(on: tx, actor: actor, action: "merged_into_\(survivorID)", recordType: "customer", recordID: mergedID, orgUnitID: merged.orgUnitId, before: merged, after: nil)
            return after
        }
    }

    /// Undoes the merge recorded in audit event `eventID`: the merged customer comes back with
    /// its id, contacts, tasks and shares, and the survivor gets its earlier values back.
    /// Only the latest merge into a survivor can be undone, and only once.
    public func undoMerge(eventID: Int, scope: Scope, actor: Actor) async throws -> (survivor: Customer, restored: Customer) {
        try await db.transaction { tx in
            guard let row = try await tx.raw("SELECT record_id, before_json FROM audit_events WHERE id = \(bind: eventID) AND record_type = 'customer' AND action = 'merge'").first(),
                  let json = try row.decode(column: "before_json", as: String?.self) else { throw StoreError.notFound }
            let survivorID = try row.decode(column: "record_id", as: Int.self)
            _ = try await Self.get(survivorID, scope: scope, on: tx)
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let record = try decoder.decode(MergeRecord.self, from: Data(json.utf8))
            let later = try await tx.raw("""
                SELECT COUNT(*) AS n FROM audit_events WHERE record_type = 'customer' AND record_id = \(bind: survivorID) AND id > \(bind: eventID) AND action IN ('merge', 'undo_merge')
                """).first()!.decode(column: "n", as: Int.self)
            if later > 0 { throw StoreError.conflict(field: "id", message: "this merge was undone already, or a later merge must be undone first") }
            let m = record.merged
            let input = CustomerInput(kind: CustomerInput.Kind(rawValue: m.kind) ?? .person, firstName: m.firstName, lastName: m.lastName, companyName: m.companyName,
                                      email: m.email, phone: m.phone, address: m.address, postcode: m.postcode, city: m.city, country: m.country, consentMarketing: m.consentMarketing)
            try await tx.raw("""
                INSERT INTO customers (id, org_unit_id, kind, display_name, name_words, created_at, updated_at)
                VALUES (\(bind: m.id), \(bind: m.orgUnitId), \(bind: m.kind), '', '', \(bind: m.createdAt), \(bind: m.updatedAt))
                """).run()
            try await Self.write(m.id, input, on: tx)
            for share in record.mergedShares {
                try await tx.raw("INSERT INTO customer_units (customer_id, org_unit_id, since) VALUES (\(bind: m.id), \(bind: share.orgUnitId), \(bind: share.since))").run()
            }
            for unit in record.addedShares {
                try await tx.raw("DELETE FROM customer_units WHERE customer_id = \(bind: survivorID) AND org_unit_id = \(bind: unit)").run()
            }
            for moved in record.moved where !moved.ids.isEmpty {
                // Only columns we know, never names read back from stored JSON into SQL.
                guard let (table, column) = Self.ownedColumns.first(where: { "\($0.table).\($0.column)" == moved.key }) else { continue }
                try await tx.raw("UPDATE \(unsafeRaw: table) SET \(unsafeRaw: column) = \(bind: m.id) WHERE id IN \(SQLBind.group(moved.ids))").run()
            }
            let s = record.survivor
            try await Self.write(survivorID, CustomerInput(kind: CustomerInput.Kind(rawValue: s.kind) ?? .person, firstName: s.firstName, lastName: s.lastName, companyName: s.companyName,
                                                         email: s.email, phone: s.phone, address: s.address, postcode: s.postcode, city: s.city, country: s.country, consentMarketing: s.consentMarketing), on: tx)
            let survivor = try await Self.get(survivorID, scope: .everything, on: tx)
            let restored = try await Self.get(m.id, scope: .everything, on: tx)
            try await TimelineStore.append(TimelineEntry(kind: .merge, title: "Merge with \(restored.number) \(restored.displayName) undone"),
                                           customerID: survivorID, unitID: survivor.orgUnitId, userName: actor.label, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "undo_merge", recordType: "customer", recordID: survivorID, orgUnitID: survivor.orgUnitId, before: nil, after: ["undone_event": eventID])
            try await AuditStore.record(on: tx, actor: actor, action: "restored", recordType: "customer", recordID: m.id, orgUnitID: m.orgUnitId, before: nil, after: restored)
            return (survivor, restored)
        }
    }

    /// Writes a customer's fields and search words (shared by update, merge and undo).
    static func write(_ id: Int, _ values: CustomerInput, on tx: any SQLDatabase) async throws {
        try await tx.raw("""
            UPDATE customers SET kind = \(bind: values.kind.rawValue), first_name = \(bind: values.firstName), last_name = \(bind: values.lastName), company_name = \(bind: values.companyName),
              display_name = \(bind: values.displayName), name_words = \(bind: SearchKey.nameWords(values.displayName)), email = \(bind: values.email), email_key = \(bind: values.email.map(SearchKey.email)),
              phone = \(bind: values.phone), phone_key = \(bind: values.phone), address = \(bind: values.address), postcode = \(bind: values.postcode), postcode_key = \(bind: SearchKey.postcode(values.postcode)),
              city = \(bind: values.city), country = \(bind: values.country), consent_marketing = \(bind: values.consentMarketing), updated_at = \(bind: Clock.nowString())
            WHERE id = \(bind: id)
            """).run()
        try await tx.raw("DELETE FROM customer_words WHERE customer_id = \(bind: id)").run()
        try await writeWords(id, values.searchWords, on: tx)
    }
}
