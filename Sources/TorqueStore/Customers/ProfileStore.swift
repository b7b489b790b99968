import Foundation
import SQLKit
import TorqueDomain

/// A stored profile (CUS-6) with when it was computed.
public struct StoredProfile: Sendable {
    public var profile: CustomerProfiler.Profile
    public var lastEventId: Int
    public var computedAt: String
}

/// Gathers profile facts with grouped queries, stores the computed profiles, finds stale ones.
public struct ProfileStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public func get(customerID: Int) async throws -> StoredProfile? {
        guard let row = try await db.sql.raw("SELECT * FROM customer_profiles WHERE customer_id = \(bind: customerID)").first() else { return nil }
        let reasons = (try? JSONDecoder().decode([String].self, from: Data(try row.decode(column: "reasons_json", as: String.self).utf8))) ?? []
        let date = { (c: String) throws -> Date? in try row.decode(column: c, as: String?.self).flatMap(Clock.date) }
        let profile = CustomerProfiler.Profile(
            lifetimeValueMinor: try row.decode(column: "lifetime_value_minor", as: Int.self), loyalty: try row.decode(column: "loyalty", as: Int.self),
            state: CustomerProfiler.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .dormant,
            nextPurchaseFrom: try date("next_purchase_from"), nextPurchaseTo: try date("next_purchase_to"), nextService: try date("next_service"), reasons: reasons)
        return StoredProfile(profile: profile, lastEventId: try row.decode(column: "last_event_id", as: Int.self), computedAt: try row.decode(column: "computed_at", as: String.self))
    }

    /// Refreshes the profiles of customers whose timeline grew since the last call, reading the
    /// timeline by id from where the previous call stopped (at most `batches` × 5,000 items).
    /// The first call starts at the end: older items are profiled when a page is viewed.
    /// Returns how many customers were refreshed.
    @discardableResult
    public func refreshChanged(batches: Int = 100, now: Date = Date()) async throws -> Int {
        let name = "profiles.timeline"
        guard let cursor = try await db.sql.raw("SELECT value FROM job_cursors WHERE name = \(bind: name)").first()?.decode(column: "value", as: Int.self) else {
            let end = try await db.sql.raw("SELECT COALESCE(MAX(id), 0) AS m FROM timeline_events").first()!.decode(column: "m", as: Int.self)
            try await db.sql.raw("INSERT INTO job_cursors (name, value) VALUES (\(bind: name), \(bind: end)) ON CONFLICT DO NOTHING").run()
            return 0
        }
        var position = cursor, refreshed = 0
        for _ in 0..<batches {
            let rows = try await db.sql.raw("SELECT id, customer_id FROM timeline_events WHERE id > \(bind: position) ORDER BY id LIMIT 5000").all()
            guard let last = try rows.last?.decode(column: "id", as: Int.self) else { break }
            let ids = Array(Set(try rows.map { try $0.decode(column: "customer_id", as: Int.self) })).sorted()
            for start in stride(from: 0, to: ids.count, by: 500) {
                try await refresh(Array(ids[start..<min(start + 500, ids.count)]), now: now)
            }
            refreshed += ids.count
            position = last
            try await db.sql.raw("UPDATE job_cursors SET value = \(bind: position) WHERE name = \(bind: name)").run()
            if rows.count < 5000 { break }
        }
        return refreshed
    }

    /// Profiles customers created since the last call (they have no timeline item yet), so every
    /// customer has a stored profile within one job run. Same cursor rules as `refreshChanged`.
    @discardableResult
    public func profileNewCustomers(batches: Int = 100, now: Date = Date()) async throws -> Int {
        let name = "profiles.customers"
        guard let cursor = try await db.sql.raw("SELECT value FROM job_cursors WHERE name = \(bind: name)").first()?.decode(column: "value", as: Int.self) else {
            let end = try await db.sql.raw("SELECT COALESCE(MAX(id), 0) AS m FROM customers").first()!.decode(column: "m", as: Int.self)
            try await db.sql.raw("INSERT INTO job_cursors (name, value) VALUES (\(bind: name), \(bind: end)) ON CONFLICT DO NOTHING").run()
            return 0
        }
        var position = cursor, done = 0
        for _ in 0..<batches {
            let ids = try await db.sql.raw("SELECT id FROM customers WHERE id > \(bind: position) ORDER BY id LIMIT 500").all().map { try $0.decode(column: "id", as: Int.self) }
            guard let last = ids.last else { break }
            try await refresh(ids, now: now)
            done += ids.count
            position = last
            try await db.sql.raw("UPDATE job_cursors SET value = \(bind: position) WHERE name = \(bind: name)").run()
            if ids.count < 500 { break }
        }
        return done
    }

    /// Recomputes and stores the profiles of `ids` from a handful of grouped queries.
    @discardableResult
    public func refresh(_ ids: [Int], now: Date = Date()) async throws -> [Int: CustomerProfiler.Profile] {
        guard !ids.isEmpty else { return [:] }
        let group = SQLBind.group(ids)
        var facts: [Int: CustomerProfiler.Facts] = [:]
        var lastEvent: [Int: Int] = [:]
        for row in try await db.sql.raw("SELECT id, created_at FROM customers WHERE id IN \(group)").all() {
            let id = try row.decode(column: "id", as: Int.self)
            facts[id] = CustomerProfiler.Facts(customerSince: Clock.date(try row.decode(column: "created_at", as: String.self)) ?? now)
        }
        for row in try await db.sql.raw("""
            SELECT customer_id, id, at, kind, amount_minor FROM timeline_events
            WHERE customer_id IN \(group) AND kind IN ('purchase', 'service') ORDER BY at, id
            """).all() {
            let cid = try row.decode(column: "customer_id", as: Int.self)
            let item = (at: Clock.date(try row.decode(column: "at", as: String.self)) ?? now, amountMinor: try row.decode(column: "amount_minor", as: Int?.self) ?? 0)
            if try row.decode(column: "kind", as: String.self) == "purchase" { facts[cid]?.purchases.append(item) } else { facts[cid]?.services.append(item) }
        }
        for row in try await db.sql.raw("""
            SELECT customer_id, MAX(id) AS last_id, MAX(CASE WHEN kind IN ('contact', 'lead', 'opportunity', 'appointment') THEN at END) AS last_contact
            FROM timeline_events WHERE customer_id IN \(group) GROUP BY customer_id
            """).all() {
            let cid = try row.decode(column: "customer_id", as: Int.self)
            lastEvent[cid] = try row.decode(column: "last_id", as: Int.self)
            facts[cid]?.lastContact = try row.decode(column: "last_contact", as: String?.self).flatMap(Clock.date)
        }
        for row in try await db.sql.raw("""
            SELECT matched_customer_id AS cid, COUNT(*) AS n FROM leads WHERE matched_customer_id IN \(group) AND status IN ('new', 'contacted', 'qualified') GROUP BY matched_customer_id
            """).all() {
            facts[try row.decode(column: "cid", as: Int.self)]?.openLeads = try row.decode(column: "n", as: Int.self)
        }
        for row in try await db.sql.raw("""
            SELECT customer_id AS cid, COUNT(*) AS n FROM opportunities WHERE customer_id IN \(group) AND stage NOT IN ('won', 'lost') GROUP BY customer_id
            """).all() {
            facts[try row.decode(column: "cid", as: Int.self)]?.openOpportunities = try row.decode(column: "n", as: Int.self)
        }
        let profiles = facts.mapValues { CustomerProfiler.compute($0, now: now) }
        let stamp = Clock.string(now)
        let lastEvents = lastEvent
        try await db.transaction { tx in
            try await tx.raw("DELETE FROM customer_profiles WHERE customer_id IN \(group)").run()
            var sql: SQLQueryString = """
                INSERT INTO customer_profiles (customer_id, lifetime_value_minor, loyalty, state, next_purchase_from, next_purchase_to, next_service, reasons_json, last_event_id, computed_at) VALUES
                """
            for (i, (cid, p)) in profiles.sorted(by: { $0.key < $1.key }).enumerated() {
                let reasons = String(decoding: try JSONEncoder().encode(p.reasons), as: UTF8.self)
                sql += (i == 0 ? " " : ", ") + """
                    (\(bind: cid), \(bind: p.lifetimeValueMinor), \(bind: p.loyalty), \(bind: p.state.rawValue), \(bind: p.nextPurchaseFrom.map(Clock.string)),
                     \(bind: p.nextPurchaseTo.map(Clock.string)), \(bind: p.nextService.map(Clock.string)), \(bind: reasons), \(bind: lastEvents[cid] ?? 0), \(bind: stamp))
                    """
            }
            if !profiles.isEmpty { try await tx.raw(sql).run() }
        }
        return profiles
    }
}
