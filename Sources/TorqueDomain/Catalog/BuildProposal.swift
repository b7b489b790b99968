/// The nearest valid build after one change, with what was added or dropped and why.
public struct BuildProposal: Sendable, Equatable {
    public struct Change: Sendable, Equatable, Codable {
        public var code: String
        public var reason: String
        public init(code: String, reason: String) { self.code = code; self.reason = reason }
    }

    public var build: Build
    public var added: [Change]
    public var removed: [Change]
    /// What still fails (for example a requirement no item can satisfy).
    public var failures: [RuleFailure]
    public var isValid: Bool { failures.isEmpty }
}

extension ModelCatalog {
    /// Adds `code` to `build` and repairs what the change breaks: items it requires are added
    /// (the cheapest orderable one when several would do), items it clashes with are dropped,
    /// and choices that lose what they required are dropped in turn.
    public func propose(adding code: String, to build: Build, on day: String) -> BuildProposal {
        guard let item = items[code] else {
            return BuildProposal(build: build, added: [], removed: [], failures: validate(build, on: day) + [RuleFailure(code: code, reason: "unknown_item", message: "\(code) is not in this model's catalog.", related: [])])
        }
        var next = build
        var added: [BuildProposal.Change] = []
        var removed: [BuildProposal.Change] = []
        let replaced = [next.trim, next.engine, next.colour].filter { !$0.isEmpty && items[$0]?.kind == item.kind }
        next.choose(code, kind: item.kind)
        for old in replaced where old != code {
            removed.append(.init(code: old, reason: "replaced by \(item.name)"))
        }
        // Choices the repair must keep: the user's new choice and what was added for it.
        var kept: Set<String> = [code]
        for _ in 0..<(items.count + 2) {
            var changed = false
            let present = Set(next.codes).union(included(in: next))
            for current in next.codes where present.contains(current) {
                for rule in requirements(of: current) where !rule.targets.contains(where: present.contains) {
                    if kept.contains(current), let pick = cheapestFitting(rule.targets, beside: kept, on: day) {
                        let kind = items[pick]!.kind
                        for old in [next.trim, next.engine, next.colour] where !old.isEmpty && items[old]?.kind == kind && old != pick && !kept.contains(old) {
                            removed.append(.init(code: old, reason: "replaced by \(name(pick)), which \(name(current)) requires"))
                        }
                        next.choose(pick, kind: kind)
                        kept.insert(pick)
                        added.append(.init(code: pick, reason: "\(name(current)) requires it"))
                        changed = true
                    } else if !kept.contains(current) {
                        changed = drop(current, from: &next, kept: kept, on: day, reason: "it requires \(describe(anyOf: rule.targets))", removed: &removed)
                    }
                    if changed { break }
                }
                if changed { break }
                for other in clashes(of: current) where present.contains(other) && next.contains(other) {
                    let drop = kept.contains(current) ? other : (kept.contains(other) ? current : nil)
                    guard let drop, !kept.contains(drop) else { continue }
                    changed = self.drop(drop, from: &next, kept: kept, on: day, reason: "it cannot be combined with \(name(drop == other ? current : other))", removed: &removed)
                    if changed { break }
                }
                if changed { break }
            }
            if !changed { break }
        }
        // Report the net change: an item dropped and later put back was neither.
        let before = Set(build.codes), after = Set(next.codes)
        var seen = Set<String>()
        let netAdded = added.reversed().filter { !before.contains($0.code) && after.contains($0.code) && seen.insert("+" + $0.code).inserted }.reversed()
        let netRemoved = removed.reversed().filter { before.contains($0.code) && !after.contains($0.code) && seen.insert("-" + $0.code).inserted }.reversed()
        return BuildProposal(build: next, added: Array(netAdded), removed: Array(netRemoved), failures: validate(next, on: day))
    }

    /// Takes an option out and drops, in turn, the options that needed it.
    public func propose(removing code: String, from build: Build, on day: String) -> BuildProposal {
        var next = build
        next.options.remove(code)
        var removed: [BuildProposal.Change] = []
        var changed = true
        while changed {
            changed = false
            let present = Set(next.codes).union(included(in: next))
            for current in next.options.sorted() {
                if let rule = requirements(of: current).first(where: { !$0.targets.contains(where: present.contains) }) {
                    next.options.remove(current)
                    removed.append(.init(code: current, reason: "it requires \(describe(anyOf: rule.targets))"))
                    changed = true
                    break
                }
            }
        }
        return BuildProposal(build: next, added: [], removed: removed, failures: validate(next, on: day))
    }

    /// Takes `code` out; a trim, engine or colour is swapped for the cheapest one that fits
    /// instead, since a build always has one. Returns whether anything changed.
    func drop(_ code: String, from build: inout Build, kept: Set<String>, on day: String, reason: String, removed: inout [BuildProposal.Change]) -> Bool {
        guard let kind = items[code]?.kind else { return false }
        if !kind.isSingleChoice {
            build.remove(code)
            removed.append(.init(code: code, reason: reason))
            return true
        }
        let others = items(of: kind).map(\.code).filter { $0 != code }
        guard let pick = cheapestFitting(others, beside: kept, on: day) else { return false }
        build.choose(pick, kind: kind)
        removed.append(.init(code: code, reason: reason + "; replaced by \(name(pick))"))
        return true
    }

    /// The cheapest orderable target that does not clash with the kept choices.
    func cheapestFitting(_ targets: [String], beside kept: Set<String>, on day: String) -> String? {
        targets.compactMap { items[$0] }
            .filter { $0.isOrderable(on: day) && clashes(of: $0.code).isDisjoint(with: kept) }
            .filter { candidate in !kept.contains { items[$0]?.kind == candidate.kind && candidate.kind.isSingleChoice && $0 != candidate.code } }
            .min { ($0.price ?? 0, $0.code) < ($1.price ?? 0, $1.code) }?.code
    }
}
