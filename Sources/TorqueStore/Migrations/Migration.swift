import Foundation
import SQLKit

/// One numbered, forward-only schema change.
public struct Migration: Sendable {
    public var version: Int
    public var name: String
    /// Statements with `{ID}` / `{FLOAT}` placeholders; `Dialect.render` fills them.
    public var statements: @Sendable (Dialect) -> [String]
}

/// Applies the migrations a database has not seen yet, each in its own transaction.
public enum Migrator {
    public static let all: [Migration] = [
        Migration0001Org.migration,
        Migration0002People.migration,
        Migration0003Audit.migration,
        Migration0004Jobs.migration,
        Migration0005Outbox.migration,
        Migration0006UserSort.migration,
        Migration0007Customers.migration,
        Migration0008Contacts.migration,
        Migration0009UnitCountry.migration,
        Migration0010Timeline.migration,
        Migration0011Leads.migration,
        Migration0012Imports.migration,
        Migration0013Profiles.migration,
        Migration0014Exports.migration,
        Migration0015PostcodeIndex.migration,
        Migration0016SearchVocabulary.migration,
        Migration0017JobCursors.migration,
        Migration0018NoEmailWords.migration,
        Migration0019Catalog.migration,
        Migration0020Vehicles.migration,
        Migration0021Parts.migration,
        Migration0022StockCounts.migration,
        Migration0023CustomerSearch.migration,
        Migration0024Pipeline.migration,
        Migration0025Agenda.migration,
        Migration0026OpportunityCounts.migration,
        Migration0027Quotes.migration,
        Migration0028Targets.migration,
        Migration0029ForecastCounts.migration,
        Migration0030Accounts.migration,
        Migration0031Workshop.migration,
        Migration0032RepairOrders.migration,
        Migration0033Maintenance.migration,
        Migration0034WorkshopParts.migration,
        Migration0035WorkshopKPICounts.migration,
        Migration0036RepairOrderNotes.migration,
        Migration0037Distribution.migration,
        Migration0038NameSearchWalk.migration,
        Migration0039SearchUnitTokens.migration,
        Migration0040TaskCustomer.migration,
    ]

    /// Returns the versions it applied.
    @discardableResult
    public static func migrate(_ db: Database) async throws -> [Int] {
        try await db.sql.raw("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)").run()
        let done = Set(try await db.sql.raw("SELECT version FROM schema_migrations").all().map { try $0.decode(column: "version", as: Int.self) })
        var applied: [Int] = []
        for migration in all where !done.contains(migration.version) {
            try await db.transaction { tx in
                for statement in migration.statements(db.dialect) {
                    try await tx.raw(SQLQueryString(db.dialect.render(statement))).run()
                }
                try await tx.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Clock.nowString()))").run()
            }
            applied.append(migration.version)
        }
        // New indexes have no statistics: without them the planners take an index for a
        // selective one when it is not (a region's stale list went from 12 ms to 300 ms).
        // SQLite samples at most 1,000 rows per index, so this stays quick on a big file.
        if !applied.isEmpty {
            let sqlite = db.dialect.kind == .sqlite
            try await db.transaction { tx in
                if sqlite { try await tx.raw("PRAGMA analysis_limit = 1000").run() }
                try await tx.raw("ANALYZE").run()
            }
        }
        return applied
    }
}
