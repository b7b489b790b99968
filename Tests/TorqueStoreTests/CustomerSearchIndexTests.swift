import SQLKit
import TorqueDomain
@testable import TorqueStore
import TorqueTestSupport
import XCTest

/// Every way the name index is read gives the same answer: on PostgreSQL the walk of one word's
/// customers newest first (for common combinations) and the sorted GIN read (for rare ones) must
/// agree, page by page.
final class CustomerSearchIndexTests: XCTestCase {
    func testEveryPlanFindsTheSameCustomersNewestFirst() async throws {
        try await TestDatabases.each { db in
            let units = OrgUnitStore(db: db)
            let oem = try await units.create(OrgUnitInput(parentId: nil, kind: .oem, code: "OEM", name: "Maker", address: "", latitude: nil, longitude: nil, timeZone: "Europe/Rome", workingHours: ""), scope: .everything, actor: .system)
            let region = try await units.create(OrgUnitInput(parentId: oem.id, kind: .region, code: "R", name: "Region", address: "", latitude: nil, longitude: nil, timeZone: "Europe/Rome", workingHours: ""), scope: .everything, actor: .system)
            let dealer = try await units.create(OrgUnitInput(parentId: region.id, kind: .dealer, code: "D1", name: "Dealer", address: "", latitude: nil, longitude: nil, timeZone: "Europe/Rome", workingHours: ""), scope: .everything, actor: .system)
            let other = try await units.create(OrgUnitInput(parentId: region.id, kind: .dealer, code: "D2", name: "Other", address: "", latitude: nil, longitude: nil, timeZone: "Europe/Rome", workingHours: ""), scope: .everything, actor: .system)
            let names = [("Marco", "Rossi"), ("Maria", "Rossini"), ("Luca", "Rossi"), ("Marta", "Ferrari"), ("Mario", "Rosso"), ("Anna", "Marino"), ("Marco", "Ross"), ("Rossana", "Rossi")]
            var inputs: [CustomerInput] = []
            for i in 0..<140 {
                let (first, last) = names[i % names.count]
                inputs.append(CustomerInput(kind: .person, firstName: first, lastName: last, phone: "+3934700\(String(format: "%05d", i))", country: "IT"))
            }
            // Every third customer is the other dealer's, so a dealer's search skips some.
            let mine = inputs.indices.filter { $0 % 3 != 2 }.map { inputs[$0] }, theirs = inputs.indices.filter { $0 % 3 == 2 }.map { inputs[$0] }
            _ = try await db.transaction { tx in try await CustomerStore.insertBatch(mine, unitID: dealer.id, at: Clock.nowString(), on: tx) }
            _ = try await db.transaction { tx in try await CustomerStore.insertBatch(theirs, unitID: other.id, at: Clock.nowString(), on: tx) }
            // Made and shared one at a time, as at the counter: the other dealer's Rossi Marco,
            // then shared with this dealer (its search must find him), and one shared away again.
            let customers = CustomerStore(db: db)
            let shared = try await customers.create(CustomerInput(kind: .person, firstName: "Marco", lastName: "Rossi", phone: "+393470099901", country: "IT"),
                                                   unitID: other.id, scope: .everything, actor: .system)
            _ = try await customers.share(shared.id, withUnit: dealer.id, actor: .system)
            let unshared = try await customers.create(CustomerInput(kind: .person, firstName: "Mara", lastName: "Rossi", phone: "+393470099902", country: "IT"),
                                                     unitID: other.id, scope: .everything, actor: .system)
            _ = try await customers.share(unshared.id, withUnit: dealer.id, actor: .system)
            try await db.sql.raw("DELETE FROM customer_units WHERE customer_id = \(bind: unshared.id) AND org_unit_id = \(bind: dealer.id)").run()
            func ids(_ sql: SQLQueryString) async throws -> [Int] { try await db.sql.raw(sql).all().map { try $0.decode(column: "id", as: Int.self) } }
            // What a search must find, asked without the search index: every typed word starts one
            // of the customer's words, and a unit in scope shares the customer.
            func truth(_ words: [String], _ scope: Scope) async throws -> [Int] {
                var sql: SQLQueryString = "SELECT DISTINCT cu.customer_id AS id FROM customer_units cu JOIN org_units o ON o.id = cu.org_unit_id WHERE o.path LIKE \(bind: scope.path + "%")"
                for w in words { sql += " AND EXISTS (SELECT 1 FROM customer_words cw WHERE cw.customer_id = cu.customer_id AND cw.word LIKE \(bind: w + "%"))" }
                return try await ids(sql + " ORDER BY id DESC")
            }
            let searches = [["ross", "ma"], ["m"], ["rossini"], ["ma", "ros"], ["zz"], ["ross"], ["rossa", "ro"], ["an", "m"]]
            // A tiny budget makes the walk run out and the sorted read answer too; a large one
            // lets the walk read the whole word's list, so it must give the exact page.
            for scope in [Scope.everything, Scope(path: dealer.path)] { for words in searches { for budget in [15, 10_000] {
                var after: Int?
                var pages = 0
                var found: [Int] = []
                repeat {
                    let plans = CustomerSearchIndex.plans(words, scope: scope, limit: 11, afterID: after, on: db.sql, driverBudget: budget)
                    let answers = try await withThrowingTaskGroup(of: (Int, [Int]).self) { group in
                        for (i, plan) in plans.enumerated() { group.addTask { (i, try await ids(plan)) } }
                        var all: [(Int, [Int])] = []
                        for try await a in group { all.append(a) }
                        return all.sorted { $0.0 < $1.0 }.map(\.1)
                    }
                    let reference = answers.last!
                    XCTAssertEqual(reference, reference.sorted(by: >), "newest first")
                    XCTAssertEqual(Set(reference).count, reference.count, "each customer once")
                    for a in answers.dropLast() where a.count == 11 || budget > 1_000 {
                        XCTAssertEqual(a, reference, "\(words) in \(scope.path), budget \(budget): the walk agrees with the sorted read")
                    }
                    found += reference.prefix(10)
                    after = reference.count == 11 ? reference[9] : nil
                    pages += 1
                } while after != nil && pages < 30
                if after == nil {
                    let expected = try await truth(words, scope)
                    XCTAssertEqual(found, expected, "\(words) in \(scope.path): every customer it should find, once")
                }
                if words == ["ross", "ma"] && after == nil { XCTAssertGreaterThan(pages, 2, "several pages of Rossi Marco and friends") }
            } } }
        }
    }
}
