import TorqueDomain

/// One page of a list with the cursor for the next page, if any.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) { self.items = items; self.nextCursor = nextCursor }

    /// Builds a page from `limit + 1` fetched rows: the extra row only proves there is more.
    public init(fetched: [Item], limit: Int, id: (Item) -> Int) {
        if fetched.count > limit {
            items = Array(fetched.prefix(limit))
            nextCursor = Cursor.encode(afterID: id(items[items.count - 1]))
        } else {
            items = fetched
            nextCursor = nil
        }
    }
}
