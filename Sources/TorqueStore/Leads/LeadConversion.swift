import SQLKit
import TorqueDomain

/// Which customer a converted lead becomes.
public enum ConversionCustomer: Sendable, Equatable {
    /// Create one unless probable twins exist (then they are reported).
    case auto
    /// Create one even though twins were proposed.
    case create
    /// Use this customer: one the caller sees, or one of the proposed twins (then shared).
    case existing(Int)
}

/// The outcome of a conversion.
public enum ConversionOutcome: Sendable {
    case converted(lead: Lead, customer: Customer, opportunity: Opportunity)
    case duplicates([DuplicateCandidate])
}

extension LeadStore {
    /// LEAD-4: turns an open lead into a customer (the lead's own fields, so nothing is retyped;
    /// the duplicate check applies) and an opportunity, all in one transaction.
    public func convert(_ id: Int, customer choice: ConversionCustomer, opportunity draft: OpportunityDraft, ownerUserID: Int?, scope: Scope, actor: Actor) async throws -> ConversionOutcome {
        try await db.transaction { tx in
            let lead = try await Self.get(id, scope: scope, on: tx)
            try Self.requireOpen(lead)
            let candidates = try await CustomerStore.duplicates(of: lead.person, scope: scope, on: tx)
            let customer: Customer
            switch choice {
            case .auto where !candidates.isEmpty:
                return .duplicates(candidates)
            case .auto, .create:
                customer = try await CustomerStore.insert(lead.person, unitID: lead.orgUnitId, actor: actor, on: tx)
            case let .existing(cid):
                let visible = (try? await CustomerStore.get(cid, scope: scope, on: tx)) != nil
                guard visible || candidates.contains(where: { $0.customer.id == cid }) else {
                    throw StoreError.invalid(ValidationErrors(["customer_id": "is neither a customer you can see nor a probable duplicate of the lead"]))
                }
                customer = try await CustomerStore.share(cid, withUnit: lead.orgUnitId, actor: actor, on: tx)
            }
            let owner = lead.assignedUserId ?? ownerUserID
            let opportunity = try await OpportunityStore.insert(draft, customerID: customer.id, leadID: id, unitID: lead.orgUnitId, ownerUserID: owner, on: tx)
            let now = Clock.nowString()
            try await tx.raw("""
                UPDATE leads SET status = 'converted', customer_id = \(bind: customer.id), matched_customer_id = \(bind: customer.id), opportunity_id = \(bind: opportunity.id),
                  updated_at = \(bind: now) WHERE id = \(bind: id)
                """).run()
            try await Self.markResponded(id, at: now, on: tx)
            try await Self.rescore(id, on: tx)
            let after = try await Self.get(id, scope: .everything, on: tx)
            try await TimelineStore.append(TimelineEntry(kind: .opportunity, title: "Lead \(lead.number) converted: opportunity \"\(draft.title)\"", detail: lead.message,
                                                         refType: "lead", refId: id), customerID: customer.id, unitID: lead.orgUnitId, userName: actor.label, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "convert", recordType: "lead", recordID: id, orgUnitID: lead.orgUnitId, before: lead, after: after)
            return .converted(lead: after, customer: customer, opportunity: opportunity)
        }
    }
}
