import Foundation
import TorqueDomain
import TorqueStore

/// Leads as the list and the lead page show them.
enum LeadView {
    static func row(_ l: Lead, now: Date, timeZone: String) -> [String: Any] {
        let score = LeadScore.score(l.scoreFacts)
        var row: [String: Any] = [
            "id": l.id, "number": l.number, "name": l.displayName, "source": LeadSource(rawValue: l.source)?.label ?? l.source,
            "interest": [l.interestBrand, l.interestModel].filter { !$0.isEmpty }.joined(separator: " "),
            "score": l.score, "band": score.band, "status": LeadStatus(rawValue: l.status)?.label ?? l.status, "statusKey": l.status,
            "assigned": l.assignedUserName ?? "", "created": AuditView.localTime(l.createdAt, timeZone: timeZone),
        ]
        if l.status == LeadStatus.new.rawValue,
           let left = LeadSLA.minutesLeft(dueAt: l.slaDueAt.flatMap(Clock.date), respondedAt: l.firstResponseAt.flatMap(Clock.date), now: now) {
            // Far-off deadlines (a lead that came in after closing) read better as a time.
            row["sla"] = left > 120 ? "answer by " + AuditView.localTime(l.slaDueAt!, timeZone: timeZone) : LeadSLA.describe(minutesLeft: left)
            row["late"] = left < 0
        }
        if l.escalatedAt != nil { row["escalated"] = true }
        return row
    }

    static func fields(_ f: LeadFields, defaultCountry: String) -> [String: Any] {
        [
            "firstName": f.firstName ?? "", "lastName": f.lastName ?? "", "companyName": f.companyName ?? "", "isCompany": f.kind == "company",
            "email": f.email ?? "", "phone": f.phone ?? "", "postcode": f.postcode ?? "", "city": f.city ?? "", "country": f.country ?? defaultCountry,
            "consent": f.consentMarketing ?? false, "campaign": f.campaign ?? "", "message": f.message ?? "",
            "interestBrand": f.interestBrand ?? "", "interestModel": f.interestModel ?? "", "tradeIn": f.tradeIn ?? false, "budget": f.budget.map(String.init) ?? "",
        ]
    }
}
