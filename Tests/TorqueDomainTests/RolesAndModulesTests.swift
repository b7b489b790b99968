import XCTest
@testable import TorqueDomain

final class RolesAndModulesTests: XCTestCase {
    func testTheFifteenBuiltInRolesExist() {
        XCTAssertEqual(BuiltInRole.all.count, 15)
        XCTAssertEqual(Set(BuiltInRole.all.map(\.key)).count, 15)
        XCTAssertEqual(BuiltInRole.named("administrator")?.permissions, Set(Permission.allCases))
    }

    func testSalespersonSeesSalesButNotAdminOrDistribution() {
        let modules = AppModule.visible(to: BuiltInRole.named("salesperson")!.permissions).map(\.key)
        XCTAssertTrue(modules.contains("sales"))
        XCTAssertTrue(modules.contains("customers"))
        XCTAssertFalse(modules.contains("admin"))
        XCTAssertFalse(modules.contains("distribution"))
    }

    func testTechnicianHasServiceOnly() {
        XCTAssertEqual(AppModule.visible(to: BuiltInRole.named("technician")!.permissions).map(\.key), ["customers", "catalog", "stock", "service"])
    }

    func testUnknownPermissionIsNamed() {
        guard case let .failure(p) = Permission.parse(["customers.read", "rockets.launch"]) else { return XCTFail() }
        XCTAssertEqual(p.message, "'rockets.launch' is not a known permission")
    }

    func testDemoNetworkShape() {
        let kinds = DemoNetwork.units.map(\.kind)
        XCTAssertEqual(kinds.filter { $0 == .oem }.count, 1)
        XCTAssertEqual(kinds.filter { $0 == .region }.count, 3)
        XCTAssertEqual(kinds.filter { $0 == .distributionCenter }.count, 2)
        XCTAssertEqual(kinds.filter { $0 == .plant }.count, 1)
        XCTAssertEqual(kinds.filter { $0 == .dealer }.count, 12)
        XCTAssertEqual(kinds.filter { $0 == .workshop }.count, 12)
        // every built-in role has a demo login
        XCTAssertEqual(Set(DemoNetwork.logins.map(\.role)), Set(BuiltInRole.all.map(\.key)))
        let unit = { (login: String) in DemoNetwork.logins.first { $0.login == login }!.unitCode }
        let parent = { (code: String) in DemoNetwork.units.first { $0.code == code }!.parentCode }
        XCTAssertNotEqual(unit("sales1"), unit("sales2"))
        XCTAssertEqual(parent(unit("sales1")), parent(unit("sales2")))
        XCTAssertEqual(unit("manager1"), unit("sales1"))
        XCTAssertEqual(unit("regional1"), parent(unit("sales1")))
    }
}
