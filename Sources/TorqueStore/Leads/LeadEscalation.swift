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
            for lead in rows {
                if managers[lead.orgUnitId] == nil {
                    let m = try await Self.people(unitID: lead.orgUnitId, roles: ["sales_manager"], on: tx)
                    managers[lead.orgUnitId] = m.isEmpty ? try await Self.people(unitID: lead.orgUnitId, roles: ["dealer_principal"], on: tx) : m
                }
                let late = Clock.date(lead.slaDueAt ?? stamp).map { Int(now.timeIntervalSince($0) / 60) } ?? 0
                let title = "Lead \(lead.number) \(lead.displayName) has no first response" + (lead.assignedUserName.map { " from \($0)" } ?? " (nobody assigned)") + ", \(late) min past the deadline"
                for manager in managers[lead.orgUnitId] ?? [] {
                    try await tx.raw("""
                        INSERT INTO tasks (org_unit_id, assignee_user_id, customer_id, lead_id, title, due_on, created_at)
                        VALUES (\(bind: lead.orgUnitId), \(bind: manager), \(bind: lead.matchedCustomerId), \(bind: lead.id), \(bind: title), \(bind: String(stamp.prefix(10))), \(bind: stamp))
                        """).run()
                }
                try await tx.raw("UPDATE leads SET escalated_at = \(bind: stamp) WHERE id = \(bind: lead.id)").run()
                try await AuditStore.record(on: tx, actor: .system, action: "escalate", recordType: "lead", recordID: lead.id, orgUnitID: lead.orgUnitId, before: nil, after: ["managers": managers[lead.orgUnitId] ?? []])
            }
            return rows.count
        }
    }
}
