import Foundation
import SQLKit
import TorqueDomain

extension LeadStore {
    /// LEAD-3: every new lead past its first-response deadline puts a task on the work list of
    /// its unit's sales managers (the dealer principal when there is none), once per lead.
    /// Returns how many leads were escalated. Indexed on (status, sla_due_at).
    public func escalateOverdue(now: Date = Date(), batch: Int = 500) async throws -> Int {
        try await db.transaction { tx in
            let stamp = Clock.string(now)
            let rows = try await tx.raw("""
                \(unsafeRaw: Self.select) WHERE l.status = 'new' AND l.first_response_at IS NULL AND l.escalated_at IS NULL AND l.sla_due_at <= \(bind: stamp)
                ORDER BY l.sla_due_at LIMIT \(bind: batch)
                """).all().map(Self.decode)
            var managers: [Int: [Int]] = [:]
            var tasks: [[JSONRows.Cell]] = []
            for lead in rows {
                if managers[lead.orgUnitId] == nil {
                    let m = try await Self.people(unitID: lead.orgUnitId, roles: ["sales_manager"], on: tx)
                    managers[lead.orgUnitId] = m.isEmpty ? try await Self.people(unitID: lead.orgUnitId, roles: ["dealer_principal"], on: tx) : m
                }
                let late = Clock.date(lead.slaDueAt ?? stamp).map { Int(now.timeIntervalSince($0) / 60) } ?? 0
                let title = "Lead \(lead.number) \(lead.displayName) has no first response" + (lead.assignedUserName.map { " from \($0)" } ?? " (nobody assigned)") + ", \(late) min past the deadline"
                for manager in managers[lead.orgUnitId] ?? [] {
                    tasks.append([.int(lead.orgUnitId), .int(manager), .init(lead.matchedCustomerId), .int(lead.id), .text(title), .text(String(stamp.prefix(10))), .text(stamp)])
                }
            }
            guard !rows.isEmpty else { return 0 }
            // A backlog (a burst of neglected web-form leads) is escalated in a few statements, not three per lead.
            try await JSONRows(table: "tasks", columns: [("org_unit_id", .bigint), ("assignee_user_id", .bigint), ("customer_id", .bigint), ("lead_id", .bigint),
                                                         ("title", .text), ("due_on", .text), ("created_at", .text)]).run(tasks, on: tx)
            try await tx.raw("UPDATE leads SET escalated_at = \(bind: stamp) WHERE id IN \(SQLBind.group(rows.map(\.id)))").run()
            try await AuditStore.recordMany(on: tx, actor: .system, action: "escalate", recordType: "lead",
                                            entries: rows.map { (recordID: $0.id, orgUnitID: $0.orgUnitId, after: ["managers": managers[$0.orgUnitId] ?? []]) })
            return rows.count
        }
    }
}
