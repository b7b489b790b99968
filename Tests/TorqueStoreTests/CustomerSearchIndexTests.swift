import SQLKit
import TorqueDomain
@testable import TorqueStore
import TorqueTestSupport
import XCTest

/// Every way the name index is read gives the same answer: on PostgreSQL the newest-first look
/// (for common combinations) and the sorted GIN read (for rare ones) must agree, page by page.
final class CustomerSearchIndexTests: XCTestCase {
    func testEveryPlanFindsTheSameCustomersNewestFirst() async throws {
        try await TestDatabases.each { db in
            let unit = try await OrgUnitStore(db: db).create(OrgUnitInput(parentId: nil, kind: .dealer, code: "D1", name: "Dealer", address: "", latitude: nil, longitude: nil, timeZone: "Europe/Rome", workingHours: ""), scope: .everything, actor: .system).id
            let names = [("Marco", "Rossi"), ("Maria", "Rossini"), ("Luca", "Rossi"), ("Marta", "Ferrari"), ("Mario", "Rosso"), ("Anna", "Marino"), ("Marco", "Ross")]
            var inputs: [CustomerInput] = []
            for i in 0..<140 {
                let (first, last) = names[i % names.count]
                inputs.append(CustomerInput(kind: .person, firstName: first, lastName: last, phone: "+3934700\(String(format: "%05d", i))", country: "IT"))
            }
            _ = try await db.transaction { tx in try await CustomerStore.insertBatch(inputs, unitID: unit, at: Clock.nowString(), on: tx) }
            func ids(_ sql: SQLQueryString) async throws -> [Int] { try await db.sql.raw(sql).all().map { try $0.decode(column: "id", as: Int.self) } }
            for words in [["ross", "ma"], ["m"], ["rossini"], ["ma", "ros"], ["zz"]] {
                var after: Int?
                var pages = 0
                repeat {
                    // a tiny window, so that the window runs out and the sorted read answers too
                    let plans = CustomerSearchIndex.plans(words, scope: .everything, limit: 11, afterID: after, on: db.sql, newestWindow: 15)
                    let answers = try await withThrowingTaskGroup(of: (Int, [Int]).self) { group in
                        for (i, plan) in plans.enumerated() { group.addTask { (i, try await ids(plan)) } }
                        var all: [(Int, [Int])] = []
                        for try await a in group { all.append(a) }
                        return all.sorted { $0.0 < $1.0 }.map(\.1)
                    }
                    let reference = answers.last!
                    XCTAssertEqual(reference, reference.sorted(by: >), "newest first")
                    for a in answers.dropLast() where a.count == 11 { XCTAssertEqual(a, reference, "\(words): a full page from the newest agrees with the sorted read") }
                    after = reference.count == 11 ? reference[9] : nil
                    pages += 1
                } while after != nil && pages < 30
            }
        }
    }
}
