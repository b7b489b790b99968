import Foundation
import TorqueDomain

/// Timeline items as the 360 page shows them: local time, kind label, a link to the record behind.
enum TimelineView {
    static func row(timeZone: String) -> (TimelineEvent) -> [String: Any] {
        { e in
            var row: [String: Any] = ["at": AuditView.localTime(e.at, timeZone: timeZone), "kind": TimelineKind(rawValue: e.kind)?.label ?? e.kind,
                                      "title": e.title, "detail": e.detail, "who": e.userName]
            if let link = link(e) { row["link"] = link }
            return row
        }
    }

    /// Records with a page of their own; contacts and merges live on the customer page itself.
    static func link(_ e: TimelineEvent) -> String? {
        guard let type = e.refType, let id = e.refId else { return nil }
        switch type {
        case "lead": return "/leads/\(id)"
        case "configuration": return "/configurations/\(id)"
        case "opportunity": return "/sales/opportunities/\(id)"
        case "quote": return "/sales/quotes/\(id)"
        case "appraisal": return "/sales/appraisals/\(id)"
        case "contract": return "/sales/contracts/\(id)"
        default: return nil
        }
    }
}
