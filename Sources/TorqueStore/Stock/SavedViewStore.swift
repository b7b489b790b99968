import SQLKit
import TorqueDomain

/// A list's filters saved under a name by one user ("Old diesel stock", "Km-zero at Monza").
public struct SavedView: Codable, Sendable, Equatable {
    public var id: Int
    public var userId: Int
    public var list: String
    public var name: String
    /// The list page's query string, filters only.
    public var query: String
    public var createdAt: String
}

/// Saved views belong to the user who saved them; nobody else sees or removes them.
public struct SavedViewStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public func views(userID: Int, list: String) async throws -> [SavedView] {
        try await db.sql.raw("SELECT * FROM saved_views WHERE user_id = \(bind: userID) AND list = \(bind: list) ORDER BY name").all()
            .map { try $0.decode(model: SavedView.self, keyDecodingStrategy: .convertFromSnakeCase) }
    }

    /// Saves (or replaces, by name) a view.
    public func save(userID: Int, list: String, name: String, query: String) async throws {
        try await db.transaction { tx in
            try await tx.raw("DELETE FROM saved_views WHERE user_id = \(bind: userID) AND list = \(bind: list) AND name = \(bind: name)").run()
            try await tx.raw("""
                INSERT INTO saved_views (user_id, list, name, query, created_at) VALUES (\(bind: userID), \(bind: list), \(bind: name), \(bind: query), \(bind: Clock.nowString()))
                """).run()
        }
    }

    /// Removes one of the user's views; another user's view is simply not found.
    public func delete(_ id: Int, userID: Int) async throws -> SavedView {
        try await db.transaction { tx in
            guard let row = try await tx.raw("SELECT * FROM saved_views WHERE id = \(bind: id) AND user_id = \(bind: userID)").first() else { throw StoreError.notFound }
            try await tx.raw("DELETE FROM saved_views WHERE id = \(bind: id)").run()
            return try row.decode(model: SavedView.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
    }
}
