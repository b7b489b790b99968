import Foundation
import TorqueStore

/// Audit events as rows for the "History" box on record pages: which fields changed, from → to.
enum AuditView {
    static func rows(_ events: [AuditEvent], timeZone: String) -> [[String: Any]] {
        events.map { e in
            ["at": localTime(e.at, timeZone: timeZone), "actor": e.actorLabel, "action": e.action, "eventId": e.id,
             "undoMerge": e.action == "merge" && e.recordType == "customer",
             "changes": changes(before: e.beforeJson, after: e.afterJson)]
        }
    }

    /// A stored UTC timestamp in the viewer's time zone, e.g. "2026-11-25 15:04 Europe/Rome".
    static func localTime(_ stored: String, timeZone: String) -> String {
        guard let date = Clock.date(stored), let zone = TimeZone(identifier: timeZone) else { return stored }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: date) + " " + zone.identifier
    }

    static func changes(before: String?, after: String?) -> [[String: String]] {
        var b = object(before)
        let a = object(after)
        if let survivor = b["survivor"] as? [String: Any], b["merged"] != nil { b = survivor }  // a merge: compare the survivor
        let keys = Set(b.keys).union(a.keys).subtracting(["updated_at", "created_at", "id"]).sorted()
        return keys.compactMap { key in
            let old = text(b[key]), new = text(a[key])
            return old == new ? nil : ["field": key, "from": old, "to": new]
        }
    }

    static func object(_ json: String?) -> [String: Any] {
        guard let json, let data = json.data(using: .utf8), let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return o
    }

    static func text(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: "—"
        case let s as String: s
        case let a as [Any]: a.map { "\($0)" }.joined(separator: ", ")
        case let n as NSNumber: n.stringValue
        default: "\(value!)"
        }
    }
}
