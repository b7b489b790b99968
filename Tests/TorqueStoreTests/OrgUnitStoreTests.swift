import SQLKit
import TorqueDomain
import TorqueStore
import TorqueTestSupport
import XCTest

final class OrgUnitStoreTests: XCTestCase {
    func input(_ code: String, _ kind: OrgUnitKind, parent: Int?) -> OrgUnitInput {
        OrgUnitInput(parentId: parent, kind: kind, code: code, name: "Unit \(code)", address: "", latitude: nil, longitude: nil, timeZone: "Europe/Rome", workingHours: "")
    }

    func testMoveRewritesTheWholeSubtreeAndIsAudited() async throws {
        try await TestDatabases.each { db in
            // setup
            let store = OrgUnitStore(db: db)
            let oem = try await store.create(input("OEM", .oem, parent: nil), scope: .everything, actor: .system)
            let north = try await store.create(input("N", .region, parent: oem.id), scope: .everything, actor: .system)
            let south = try await store.create(input("S", .region, parent: oem.id), scope: .everything, actor: .system)
            let dealer = try await store.create(input("D1", .dealer, parent: north.id), scope: .everything, actor: .system)
            let shop = try await store.create(input("W1", .workshop, parent: dealer.id), scope: .everything, actor: .system)
            // act
            var moved = input("D1", .dealer, parent: south.id)
            moved.name = "Dealer One"
            _ = try await store.update(dealer.id, moved, scope: .everything, actor: Actor(userID: nil, label: "tester"))
            // check
            let shopAfter = try await store.get(shop.id, scope: .everything)
            XCTAssertEqual(shopAfter.path, "/\(oem.id)/\(south.id)/\(dealer.id)/\(shop.id)/")
            let northScope = Scope(path: north.path)
            do { _ = try await store.get(shop.id, scope: northScope); XCTFail("north still sees the moved workshop") } catch StoreError.notFound {}
            let history = try await AuditStore(db: db).history(recordType: "org_unit", recordID: dealer.id, scope: .everything)
            XCTAssertEqual(history.items.first?.action, "move")
            XCTAssertEqual(history.items.first?.actorLabel, "tester")
            XCTAssertTrue(history.items.first?.beforeJson?.contains("\"name\":\"Unit D1\"") ?? false)
            XCTAssertTrue(history.items.first?.afterJson?.contains("\"name\":\"Dealer One\"") ?? false)
        }
    }

    func testMovingUnderADescendantFailsAndChangesNothing() async throws {
        try await TestDatabases.each { db in
            let store = OrgUnitStore(db: db)
            let oem = try await store.create(input("OEM", .oem, parent: nil), scope: .everything, actor: .system)
            let north = try await store.create(input("N", .region, parent: oem.id), scope: .everything, actor: .system)
            let dealer = try await store.create(input("D1", .dealer, parent: north.id), scope: .everything, actor: .system)
            do {
                _ = try await store.update(north.id, input("N", .region, parent: dealer.id), scope: .everything, actor: .system)
                XCTFail("moved a region under its own dealer")
            } catch let StoreError.invalid(errors) {
                XCTAssertEqual(errors.fields["parent_id"], "cannot be the unit itself or one of its descendants")
            }
            let after = try await store.get(north.id, scope: .everything)
            XCTAssertEqual(after.path, north.path)
        }
    }

    func testDeleteRefusesUnitsInUseAndTakesEmptyOnes() async throws {
        try await TestDatabases.each { db in
            let store = OrgUnitStore(db: db)
            let oem = try await store.create(input("OEM", .oem, parent: nil), scope: .everything, actor: .system)
            let north = try await store.create(input("N", .region, parent: oem.id), scope: .everything, actor: .system)
            let dealer = try await store.create(input("D1", .dealer, parent: north.id), scope: .everything, actor: .system)
            do { try await store.delete(north.id, scope: .everything, actor: .system); XCTFail("deleted a unit with children") } catch StoreError.conflict(let field, _) {
                XCTAssertEqual(field, "id")
            }
            try await store.delete(dealer.id, scope: .everything, actor: .system)
            do { _ = try await store.get(dealer.id, scope: .everything); XCTFail() } catch StoreError.notFound {}
            // the deletion itself stays in history, now filed under the parent
            let history = try await AuditStore(db: db).history(recordType: "org_unit", recordID: dealer.id, scope: Scope(path: north.path))
            XCTAssertEqual(history.items.first?.action, "delete")
        }
    }

    func testEveryColumnPointingAtAUnitIsCheckedBeforeDeleting() async throws {
        // SQLite lists its foreign keys; a new table referencing org_units must be in one list.
        let db = try await TestDatabases.fresh(.sqlite)
        let rows = try await db.sql.raw("""
            SELECT m.name AS t, p."from" AS c FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) p WHERE m.type = 'table' AND p."table" = 'org_units'
            """).all()
        let found = Set(try rows.map { "\(try $0.decode(column: "t", as: String.self)).\(try $0.decode(column: "c", as: String.self))" })
        let listed = Set((OrgUnitStore.records + OrgUnitStore.settings).map { "\($0.table).\($0.column)" })
        let moved: Set<String> = ["audit_events.org_unit_id"]
        XCTAssertEqual(found.subtracting(moved), listed)
        await db.shutdown()
    }

    func testDuplicateCodeIsAConflictAndTheTransactionLeavesNoRow() async throws {
        try await TestDatabases.each { db in
            let store = OrgUnitStore(db: db)
            let oem = try await store.create(input("OEM", .oem, parent: nil), scope: .everything, actor: .system)
            _ = try await store.create(input("N", .region, parent: oem.id), scope: .everything, actor: .system)
            do { _ = try await store.create(input("N", .region, parent: oem.id), scope: .everything, actor: .system); XCTFail() } catch StoreError.conflict(let field, _) {
                XCTAssertEqual(field, "code")
            }
            let count = try await store.count()
            XCTAssertEqual(count, 2)
        }
    }

    func testMigrationsAreRecordedAndRunOnce() async throws {
        try await TestDatabases.each { db in
            let applied = try await Migrator.migrate(db)
            XCTAssertEqual(applied, [])
            let n = try await db.sql.raw("SELECT COUNT(*) AS n FROM schema_migrations").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(n, Migrator.all.count)
        }
    }

    func testTransactionRollsBackEverythingOnError() async throws {
        try await TestDatabases.each { db in
            struct Boom: Error {}
            do {
                try await db.transaction { tx in
                    try await tx.raw("INSERT INTO login_failures (login, ip, at) VALUES ('x', 'y', 'z')").run()
                    throw Boom()
                }
            } catch is Boom {}
            let n = try await db.sql.raw("SELECT COUNT(*) AS n FROM login_failures").first()!.decode(column: "n", as: Int.self)
            XCTAssertEqual(n, 0)
        }
    }
}
