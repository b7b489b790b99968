import TorqueDomain

/// The configurator's page state, carried in the URL so every step is a plain GET (works
/// without JavaScript, survives reloads, can be bookmarked): the build, and `was`, the build
/// before the last change, so the server knows what the user just picked or dropped.
struct ConfiguratorState {
    var build: Build
    var changes: [String] = []
    var failures: [RuleFailure] = []

    /// Reads the request's build and repairs it around what changed since `was`.
    static func read(trim: String?, engine: String?, colour: String?, options: [String], was: String?, catalog: ModelCatalog, day: String) -> ConfiguratorState {
        var build = Build(trim: trim?.uppercased() ?? "", engine: engine?.uppercased() ?? "", colour: colour?.uppercased() ?? "",
                          options: Set(options.map { $0.uppercased() }.filter { catalog.items[$0] != nil }))
        // A first visit starts from the cheapest orderable trim, engine and colour.
        let cheapest = { (kind: CatalogItemKind) in catalog.items(of: kind).first { $0.isOrderable(on: day) }?.code ?? "" }
        if build.trim.isEmpty { build.trim = cheapest(.trim) }
        if build.engine.isEmpty { build.engine = cheapest(.engine) }
        if build.colour.isEmpty { build.colour = cheapest(.colour) }
        var state = ConfiguratorState(build: build)
        guard let was else {
            state.failures = catalog.validate(build, on: day)
            return state
        }
        let before = Set(was.split(separator: ",").map(String.init))
        var current = build
        // Undo the raw change, then apply it through the proposal so its consequences follow.
        let added = Set(build.codes).subtracting(before).sorted()
        let dropped = before.subtracting(build.codes).filter { catalog.items[$0].map { !$0.kind.isSingleChoice } ?? false }.sorted()
        for code in dropped {
            let p = catalog.propose(removing: code, from: current, on: day)
            current = p.build
            state.changes += p.removed.map { "Removed \(catalog.name($0.code)): \($0.reason)." }
        }
        for code in added {
            let p = catalog.propose(adding: code, to: current, on: day)
            current = p.build
            state.changes += p.added.map { "Added \(catalog.name($0.code)): \($0.reason)." }
            state.changes += p.removed.map { "Removed \(catalog.name($0.code)): \($0.reason)." }
        }
        state.build = current
        state.failures = catalog.validate(current, on: day)
        return state
    }
}
