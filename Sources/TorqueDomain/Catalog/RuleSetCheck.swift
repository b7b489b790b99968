/// Checks a model's rule set before it is saved: every rule must name known items, and no item
/// may, through the chain of what it forces into a build, end up excluding itself or needing two
/// engines (a contradiction no salesperson could ever configure).
public enum RuleSetCheck {
    /// One refused rule set, with the chain that proves it ("Tow hitch → requires … → excludes …").
    public struct Problem: Sendable, Equatable {
        public var message: String
        public var chain: [String]
    }

    public static func problems(items: [CatalogItem], rules: [CompatibilityRule]) -> [Problem] {
        let catalog = ModelCatalog(items: items, rules: rules)
        var problems: [Problem] = []
        for rule in rules {
            if catalog.items[rule.subject] == nil {
                problems.append(Problem(message: "Rule on \(rule.subject): no such item in this model.", chain: []))
            }
            if rule.targets.isEmpty {
                problems.append(Problem(message: "Rule on \(catalog.name(rule.subject)) names no other item.", chain: []))
            }
            for target in rule.targets where catalog.items[target] == nil {
                problems.append(Problem(message: "\(catalog.name(rule.subject)) \(rule.kind.label) \(target): no such item in this model.", chain: []))
            }
            if rule.targets.contains(rule.subject) {
                problems.append(Problem(message: "\(catalog.name(rule.subject)) \(rule.kind.label) itself.", chain: [catalog.name(rule.subject)]))
            }
            if rule.kind == .includes, let single = rule.targets.first(where: { catalog.items[$0]?.kind.isSingleChoice ?? false }) {
                problems.append(Problem(message: "\(catalog.name(rule.subject)) cannot include \(catalog.describe(single)): a build chooses its \(catalog.items[single]!.kind.label) itself.", chain: []))
            }
        }
        if !problems.isEmpty { return problems }
        var reported = Set<String>()
        for code in catalog.items.keys.sorted() {
            if let problem = contradiction(from: code, in: catalog), reported.insert(problem.message).inserted {
                problems.append(problem)
            }
        }
        return problems
    }

    /// Follows what choosing `start` forces (single-target requires, includes) and reports the
    /// first clash among the forced items, with the path that led to it.
    static func contradiction(from start: String, in catalog: ModelCatalog) -> Problem? {
        var via: [String: (from: String, kind: RuleKind)] = [:]
        var forced: [String] = [start]
        var seen: Set<String> = [start]
        var index = 0
        while index < forced.count {
            let code = forced[index]
            index += 1
            for rule in catalog.bySubject[code] ?? [] where rule.kind == .includes || (rule.kind == .requires && rule.targets.count == 1) {
                for target in rule.targets where seen.insert(target).inserted {
                    via[target] = (code, rule.kind)
                    forced.append(target)
                }
            }
        }
        func path(to code: String) -> [String] {
            var steps: [String] = []
            var current = code
            while let step = via[current] {
                steps.insert("\(step.kind.label) \(catalog.name(current))", at: 0)
                current = step.from
            }
            return [catalog.name(start)] + steps
        }
        let order = Dictionary(uniqueKeysWithValues: forced.enumerated().map { ($1, $0) })
        for code in forced {
            for other in catalog.clashes(of: code).sorted() where seen.contains(other) {
                // Walk to whichever of the two came in last, so the chain shows how both got in.
                let (deep, shallow) = order[other]! > order[code]! ? (other, code) : (code, other)
                let chain = path(to: deep) + ["excludes \(catalog.name(shallow))"]
                return Problem(message: "\(catalog.name(start)) can never be chosen: " + chain.joined(separator: " → ") + ".", chain: chain)
            }
        }
        var byKind: [CatalogItemKind: String] = [:]
        for code in forced {
            guard let kind = catalog.items[code]?.kind, kind.isSingleChoice else { continue }
            if let first = byKind[kind] {
                let chain = path(to: first) + ["… and " + path(to: code).dropFirst().joined(separator: " → ")]
                return Problem(message: "\(catalog.name(start)) can never be chosen: it needs two \(kind.label)s, \(catalog.name(first)) and \(catalog.name(code)).", chain: chain)
            }
            byKind[kind] = code
        }
        return nil
    }
}
