import Foundation
import Logging
import SQLKit
import TorqueStore

/// The real databases every store and app test runs on: SQLite always, PostgreSQL when
/// `TORQUE_TEST_POSTGRES_URL` is set (scripts/test sets it). Each call gets a fresh, empty database.
public enum TestDatabases {
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["TORQUE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static var kinds: [DatabaseKind] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgresql] }

    static let logger: Logger = {
        var l = Logger(label: "torque.test")
        l.logLevel = .error
        return l
    }()

    /// Opens a new empty database of `kind`, migrated.
    public static func fresh(_ kind: DatabaseKind) async throws -> Database {
        try await fresh(kind, named: newName())
    }

    static func newName() -> String { "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16) }

    static func sqlitePath(_ name: String) -> String { FileManager.default.temporaryDirectory.appendingPathComponent("torque-\(name).sqlite").path }

    static func fresh(_ kind: DatabaseKind, named name: String) async throws -> Database {
        let db: Database
        switch kind {
        case .sqlite:
            db = try Database.open(sqlitePath(name), logger: logger)
        case .postgresql:
            guard let base = postgresURL else { fatalError("PostgreSQL requested without TORQUE_TEST_POSTGRES_URL") }
            let admin = try Database.open(base, logger: logger)
            try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
            await admin.shutdown()
            db = try Database.open(replaceDatabase(in: base, with: String(name)), logger: logger)
        }
        try await Migrator.migrate(db)
        return db
    }

    static func replaceDatabase(in url: String, with name: String) -> String {
        var comps = URLComponents(string: url)!
        comps.path = "/" + name
        return comps.string!
    }

    /// Runs `body` once per available database kind, each on a fresh database that is removed
    /// afterwards (a full run would otherwise leave a thousand databases behind).
    public static func each(_ body: (Database) async throws -> Void) async throws {
        for kind in kinds {
            let name = newName()
            let db = try await fresh(kind, named: name)
            do { try await body(db) } catch {
                await db.shutdown()
                await remove(kind, named: name)
                throw TestFailureOn(kind: kind, error: error)
            }
            await db.shutdown()
            await remove(kind, named: name)
        }
    }

    static func remove(_ kind: DatabaseKind, named name: String) async {
        switch kind {
        case .sqlite:
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sqlitePath(name) + suffix) }
        case .postgresql:
            guard let base = postgresURL, let admin = try? Database.open(base, logger: logger) else { return }
            try? await admin.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name)").run()
            await admin.shutdown()
        }
    }
}

/// Says which database a failing test ran on.
public struct TestFailureOn: Error, CustomStringConvertible {
    public var kind: DatabaseKind
    public var error: any Error
    public var description: String { "on \(kind.rawValue): \(String(reflecting: error))" }
}
