import TorqueDomain
import TorqueStore

/// Formatting shared by the catalog and configurator pages.
enum CatalogView {
    static func money(_ minor: Int?, _ currency: String) -> String {
        guard let minor else { return "not priced" }
        return "\(currency) \(Money.whole(minor))"
    }

    /// An item's price as the configurator shows it: a free engine or colour costs "no extra".
    static func itemPrice(_ item: CatalogItem, _ currency: String) -> String {
        item.price == 0 && item.kind != .trim ? "no extra cost" : money(item.price, currency)
    }

    static func period(_ l: PriceList) -> String {
        l.validTo.isEmpty ? "from \(l.validFrom)" : "\(l.validFrom) – \(l.validTo) (until the day before)"
    }

    /// A rule in words: "Tow hitch requires the 1.6 Diesel engine or …".
    static func sentence(_ r: CompatibilityRule, _ c: ModelCatalog) -> String {
        let subject = c.items[r.subject]?.name ?? r.subject
        let targets = r.targets.map { c.describe($0) }
        let joined = targets.count < 2 ? (targets.first ?? "") : targets.dropLast().joined(separator: ", ") + (r.kind == .requires ? " or " : " and ") + targets.last!
        switch r.kind {
        case .requires: return "\(subject) requires \(joined)"
        case .excludes: return "\(subject) cannot be combined with \(joined)"
        case .includes: return "\(subject) includes \(joined) at no charge"
        }
    }

    /// Items grouped by configurator step, priced.
    static func groups(_ p: PricedModel) -> [[String: Any]] {
        CatalogItemKind.steps.compactMap { kind in
            let items = p.catalog.items(of: kind)
            guard !items.isEmpty else { return nil }
            return ["kind": kind.label.capitalized, "items": items.map { i -> [String: Any] in
                ["code": i.code, "name": i.name, "detail": i.detail, "price": itemPrice(i, p.model.currency), "orderable": i.isOrderable(on: p.day),
                 "available": [i.availableFrom.isEmpty ? "" : "from \(i.availableFrom)", i.availableTo.isEmpty ? "" : "until \(i.availableTo)"].filter { !$0.isEmpty }.joined(separator: " ")]
            }]
        }
    }
}
