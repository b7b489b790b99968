/// One line of a priced build.
public struct PriceLine: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var kind: CatalogItemKind
    /// Minor units; 0 for an item that comes included.
    public var price: Int
    public var included: Bool
}

/// The running price of a build: the trim carries the car's base price, the rest add to it.
public struct BuildPrice: Sendable, Equatable, Codable {
    public var lines: [PriceLine]
    public var total: Int { lines.reduce(0) { $0 + $1.price } }
}

extension ModelCatalog {
    /// Prices `build` by the list in force; unpriced or unknown items count as zero (validation
    /// reports them).
    public func price(_ build: Build) -> BuildPrice {
        let included = included(in: build)
        var lines: [PriceLine] = []
        for code in build.codes {
            guard let item = items[code] else { continue }
            let free = included.contains(code)
            lines.append(PriceLine(code: code, name: item.name, kind: item.kind, price: free ? 0 : item.price ?? 0, included: free))
        }
        for code in included.sorted() where !build.contains(code) {
            guard let item = items[code] else { continue }
            lines.append(PriceLine(code: code, name: item.name, kind: item.kind, price: 0, included: true))
        }
        return BuildPrice(lines: lines)
    }
}
