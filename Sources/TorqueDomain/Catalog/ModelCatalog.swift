/// One way a build breaks the catalog, explained for the salesperson.
public struct RuleFailure: Sendable, Equatable, Codable {
    /// The item at fault ("" for a missing choice).
    public var code: String
    /// `missing_choice`, `unknown_item`, `not_orderable`, `requires`, `excludes`.
    public var reason: String
    public var message: String
    /// The items that would satisfy it (requires) or clash with it (excludes).
    public var related: [String]
}

/// A model's items and rules, indexed for validating and pricing builds (CAT-2, CAT-3).
public struct ModelCatalog: Sendable {
    public let items: [String: CatalogItem]
    public let rules: [CompatibilityRule]
    let bySubject: [String: [CompatibilityRule]]
    /// Excludes rules by target, so a clash is found from either side.
    let excludesByTarget: [String: [CompatibilityRule]]

    public init(items: [CatalogItem], rules: [CompatibilityRule]) {
        var byCode: [String: CatalogItem] = [:]
        for item in items { byCode[item.code] = item }
        self.items = byCode
        self.rules = rules
        self.bySubject = Dictionary(grouping: rules, by: \.subject)
        var byTarget: [String: [CompatibilityRule]] = [:]
        for rule in rules where rule.kind == .excludes {
            for target in rule.targets { byTarget[target, default: []].append(rule) }
        }
        self.excludesByTarget = byTarget
    }

    public func items(of kind: CatalogItemKind) -> [CatalogItem] {
        items.values.filter { $0.kind == kind }.sorted { ($0.price ?? 0, $0.name) < ($1.price ?? 0, $1.name) }
    }

    /// "the 2.0 TDI engine", "Tow hitch".
    public func describe(_ code: String) -> String {
        guard let item = items[code] else { return code }
        return item.kind.isSingleChoice ? "the \(item.name) \(item.kind.label)" : item.name
    }

    func describe(anyOf codes: [String]) -> String {
        let names = codes.map(describe)
        if names.count < 2 { return names.first ?? "" }
        return "one of " + names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// An item's name, or its code when unknown.
    public func name(_ code: String) -> String { items[code]?.name ?? code }

    /// The items that come free with the chosen ones, followed transitively.
    public func included(in build: Build) -> Set<String> {
        var out = Set<String>()
        var queue = build.codes
        while let code = queue.popLast() {
            for rule in bySubject[code] ?? [] where rule.kind == .includes {
                for target in rule.targets where !out.contains(target) {
                    out.insert(target)
                    queue.append(target)
                }
            }
        }
        return out
    }

    /// Every failure of `build` on `day` (ISO date); empty when it can be ordered.
    public func validate(_ build: Build, on day: String) -> [RuleFailure] {
        var failures: [RuleFailure] = []
        for (kind, code) in [(CatalogItemKind.trim, build.trim), (.engine, build.engine), (.colour, build.colour)] where code.isEmpty {
            failures.append(RuleFailure(code: "", reason: "missing_choice", message: "Choose \(kind == .engine ? "an" : "a") \(kind.label).", related: items(of: kind).map(\.code)))
        }
        for (expected, code) in [(CatalogItemKind.trim, build.trim), (.engine, build.engine), (.colour, build.colour)] where !code.isEmpty {
            if let item = items[code], item.kind != expected {
                failures.append(RuleFailure(code: code, reason: "unknown_item", message: "\(item.name) is not a \(expected.label).", related: []))
            }
        }
        let included = included(in: build)
        for code in build.codes {
            guard let item = items[code] else {
                failures.append(RuleFailure(code: code, reason: "unknown_item", message: "\(code) is not in this model's catalog.", related: []))
                continue
            }
            if item.kind.isSingleChoice, build.options.contains(code) {
                failures.append(RuleFailure(code: code, reason: "unknown_item", message: "\(item.name) is a \(item.kind.label), not an option.", related: []))
            }
            if !included.contains(code), !item.isOrderable(on: day) {
                let why = item.price == nil ? "has no price in the list in force" : "cannot be ordered on \(day)"
                failures.append(RuleFailure(code: code, reason: "not_orderable", message: "\(item.name) \(why).", related: []))
            }
        }
        let present = Set(build.codes).union(included)
        for code in build.codes + included.sorted() {
            for rule in bySubject[code] ?? [] {
                switch rule.kind {
                case .requires where !rule.targets.contains(where: present.contains):
                    failures.append(RuleFailure(code: code, reason: "requires", message: "\(name(code)) requires \(describe(anyOf: rule.targets)).", related: rule.targets))
                case .excludes:
                    for target in rule.targets where present.contains(target) {
                        failures.append(RuleFailure(code: code, reason: "excludes", message: "\(name(code)) cannot be combined with \(describe(target)).", related: [target]))
                    }
                default: break
                }
            }
        }
        return failures
    }

    /// Items that clash with `code` through an excludes rule written on either side.
    func clashes(of code: String) -> Set<String> {
        var out = Set<String>()
        for rule in bySubject[code] ?? [] where rule.kind == .excludes { out.formUnion(rule.targets) }
        for rule in excludesByTarget[code] ?? [] { out.insert(rule.subject) }
        return out
    }

    func requirements(of code: String) -> [CompatibilityRule] {
        (bySubject[code] ?? []).filter { $0.kind == .requires }
    }
}
