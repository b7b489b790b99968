import SQLKit
import TorqueDomain

/// Writes the demo's opportunities with their history in time (stage dates in the past, so
/// some are stale), which the regular writes, stamping "now", cannot do.
public struct SalesSeed: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// One opportunity as the demo wants it: who, what, and when its stage last moved.
    public struct Row: Sendable {
        public var customerID: Int
        public var ownerID: Int?
        public var deal: DemoPipeline.Deal
        public init(customerID: Int, ownerID: Int?, deal: DemoPipeline.Deal) { self.customerID = customerID; self.ownerID = ownerID; self.deal = deal }
    }

    public func opportunities(_ rows: [Row], unitID: Int, today: String, userName: String) async throws {
        guard !rows.isEmpty else { return }
        try await db.transaction { tx in
            var sql: SQLQueryString = """
                INSERT INTO opportunities (org_unit_id, customer_id, title, stage, owner_user_id, expected_value_minor, close_on, lost_reason, stage_changed_at, created_at, updated_at) VALUES
                """
            for (i, r) in rows.enumerated() {
                let changed = CalendarDay.adding(-r.deal.stageDaysAgo, to: today) + "T09:30:00Z"
                let created = CalendarDay.adding(-r.deal.stageDaysAgo - 6, to: today) + "T10:00:00Z"
                let close: String? = r.deal.closeInDays > 0 ? CalendarDay.adding(r.deal.closeInDays, to: today) : nil
                sql += (i == 0 ? " " : ", ") + """
                    (\(bind: unitID), \(bind: r.customerID), \(bind: r.deal.title), \(bind: r.deal.stage), \(bind: r.ownerID), \(bind: r.deal.valueMinor), \(bind: close),
                     \(bind: r.deal.lostReason), \(bind: changed), \(bind: created), \(bind: changed))
                    """
            }
            let ids = try await tx.raw(sql + " RETURNING id").all().map { try $0.decode(column: "id", as: Int.self) }
            try await OpportunityCounts.add(rows.map { .init(unitID: unitID, stage: $0.deal.stage, day: CalendarDay.adding(-$0.deal.stageDaysAgo, to: today), valueMinor: $0.deal.valueMinor,
                                                              closeOn: $0.deal.closeInDays > 0 ? CalendarDay.adding($0.deal.closeInDays, to: today) : nil) }, on: tx)
            var items: [(customerID: Int, entry: TimelineEntry, at: String)] = []
            for (r, id) in zip(rows, ids) {
                items.append((r.customerID, TimelineEntry(kind: .opportunity, title: "Opportunity opened: \(r.deal.title)", refType: "opportunity", refId: id),
                              CalendarDay.adding(-r.deal.stageDaysAgo - 6, to: today) + "T10:00:00Z"))
            }
            try await TimelineStore.appendBatch(items, unitID: unitID, userName: userName, on: tx)
        }
    }
}
