import TorqueDomain
import TorqueStore

/// A catalog item as the API shows it, with the price of the list in force.
struct CatalogItemJSON: Encodable {
    var code: String
    var name: String
    var kind: String
    var detail: String
    var priceMinor: Int?
    var availableFrom: String
    var availableTo: String
    var orderable: Bool

    init(_ item: CatalogItem, day: String) {
        code = item.code; name = item.name; kind = item.kind.rawValue; detail = item.detail; priceMinor = item.price
        availableFrom = item.availableFrom; availableTo = item.availableTo; orderable = item.isOrderable(on: day)
    }
}

struct RuleJSON: Codable {
    var kind: String
    var subject: String
    var targets: [String]
    init(_ r: CompatibilityRule) { kind = r.kind.rawValue; subject = r.subject; targets = r.targets }
}

/// A model with its items, rules and the price list used, for one day.
struct PricedModelJSON: Encodable {
    var model: CatalogModel
    var day: String
    var priceList: PriceList?
    var items: [CatalogItemJSON]
    var rules: [RuleJSON]

    init(_ p: PricedModel) {
        model = p.model; day = p.day; priceList = p.priceList
        let order = Dictionary(uniqueKeysWithValues: CatalogItemKind.steps.enumerated().map { ($1, $0) })
        items = p.catalog.items.values.sorted { (order[$0.kind] ?? 9, $0.price ?? 0, $0.code) < (order[$1.kind] ?? 9, $1.price ?? 0, $1.code) }.map { CatalogItemJSON($0, day: p.day) }
        rules = p.catalog.rules.map(RuleJSON.init)
    }
}

/// The answer to "is this build valid, what does it cost" (and "what if I add this").
struct BuildCheckJSON: Encodable {
    var valid: Bool
    var failures: [RuleFailure]
    var totalMinor: Int
    var currency: String
    var lines: [PriceLine]
    var priceListId: Int?
    var proposal: ProposalJSON?

    struct ProposalJSON: Encodable {
        var trim: String
        var engine: String
        var colour: String
        var options: [String]
        var added: [BuildProposal.Change]
        var removed: [BuildProposal.Change]
        var valid: Bool
    }
}
