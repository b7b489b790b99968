import Foundation
import SQLKit
import TorqueDomain

/// Changes to an open lead: qualification answers, status, assignee.
public struct LeadUpdate: Sendable {
    public var qualification: LeadQualification
    public var status: LeadStatus?
    /// `.some(nil)` unassigns.
    public var assignedUserID: Int??
    public init(qualification: LeadQualification, status: LeadStatus? = nil, assignedUserID: Int?? = nil) {
        self.qualification = qualification; self.status = status; self.assignedUserID = assignedUserID
    }
}

extension LeadStore {
    static func requireOpen(_ lead: Lead) throws {
        guard LeadStatus(rawValue: lead.status)?.isOpen ?? false else {
            throw StoreError.conflict(field: "status", message: "the lead is \(lead.status) and can no longer change")
        }
    }

    /// Qualifies, moves or reassigns an open lead; the score is recomputed. Moving past `new`
    /// is the first response: it stops the SLA clock and ticks off the "answer new lead" task.
    public func update(_ id: Int, _ change: LeadUpdate, scope: Scope, actor: Actor) async throws -> Lead {
        try await db.transaction { tx in
            let before = try await Self.get(id, scope: scope, on: tx)
            try Self.requireOpen(before)
            if let status = change.status, !status.isOpen {
                throw StoreError.invalid(ValidationErrors(["status": status == .converted ? "is set by converting the lead" : "is set by disqualifying the lead (with a reason)"]))
            }
            var assignee = before.assignedUserId
            if let newAssignee = change.assignedUserID {
                if let u = newAssignee, try await tx.raw("SELECT id FROM users WHERE id = \(bind: u) AND org_unit_id = \(bind: before.orgUnitId) AND active = \(bind: true)").first() == nil {
                    throw StoreError.invalid(ValidationErrors(["assigned_user_id": "is not an active user of the lead's unit"]))
                }
                assignee = newAssignee
            }
            let q = change.qualification
            let status = change.status?.rawValue ?? before.status
            let now = Clock.nowString()
            try await tx.raw("""
                UPDATE leads SET interest_brand = \(bind: q.interestBrand), interest_model = \(bind: q.interestModel), timeframe = \(bind: q.timeframe.rawValue), payment = \(bind: q.payment.rawValue),
                  trade_in = \(bind: q.tradeIn), budget = \(bind: q.budget), status = \(bind: status), assigned_user_id = \(bind: assignee), updated_at = \(bind: now)
                WHERE id = \(bind: id)
                """).run()
            if status != LeadStatus.new.rawValue { try await Self.markResponded(id, at: now, on: tx) }
            try await Self.rescore(id, on: tx)
            if assignee != before.assignedUserId, let assignee {
                try await tx.raw("UPDATE tasks SET assignee_user_id = \(bind: assignee) WHERE lead_id = \(bind: id) AND done_at IS NULL").run()
            }
            let after = try await Self.get(id, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "update", recordType: "lead", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
            return after
        }
    }

    static func markResponded(_ id: Int, at now: String, on tx: any SQLDatabase) async throws {
        try await tx.raw("UPDATE leads SET first_response_at = \(bind: now) WHERE id = \(bind: id) AND first_response_at IS NULL").run()
        try await tx.raw("UPDATE tasks SET done_at = \(bind: now) WHERE lead_id = \(bind: id) AND done_at IS NULL").run()
    }

    /// Stores the score of the lead as it now is, so the number and its explanation agree.
    static func rescore(_ id: Int, on tx: any SQLDatabase) async throws {
        let lead = try await get(id, scope: .everything, on: tx)
        try await tx.raw("UPDATE leads SET score = \(bind: LeadScore.score(lead.scoreFacts).points) WHERE id = \(bind: id)").run()
    }

    /// Drops a lead with a reason (LEAD-2); it leaves the open lists and never escalates.
    public func disqualify(_ id: Int, reason: DisqualifyReason, note: String, scope: Scope, actor: Actor) async throws -> Lead {
        try await db.transaction { tx in
            let before = try await Self.get(id, scope: scope, on: tx)
            try Self.requireOpen(before)
            let now = Clock.nowString()
            try await tx.raw("""
                UPDATE leads SET status = 'disqualified', disqualify_reason = \(bind: reason.rawValue), disqualify_note = \(bind: note), updated_at = \(bind: now) WHERE id = \(bind: id)
                """).run()
            try await Self.markResponded(id, at: now, on: tx)
            try await Self.rescore(id, on: tx)
            let after = try await Self.get(id, scope: .everything, on: tx)
            if let customer = before.matchedCustomerId {
                var entry = Self.timelineEntry(after, "Lead")
                entry.title += " disqualified: \(reason.label.lowercased())"
                entry.detail = note
                try await TimelineStore.append(entry, customerID: customer, unitID: before.orgUnitId, userName: actor.label, on: tx)
            }
            try await AuditStore.record(on: tx, actor: actor, action: "disqualify", recordType: "lead", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
            return after
        }
    }
}
