import XCTest
@testable import TorqueDomain

final class OrgPathTests: XCTestCase {
    func testPathsAndDepth() {
        XCTAssertEqual(OrgPath.path(forID: 1, underParentPath: nil), "/1/")
        XCTAssertEqual(OrgPath.path(forID: 17, underParentPath: "/1/4/"), "/1/4/17/")
        XCTAssertEqual(OrgPath.depth(of: "/1/4/17/"), 2)
        XCTAssertEqual(OrgPath.ids(in: "/1/4/17/"), [1, 4, 17])
    }

    func testPrefixDoesNotConfuseSiblingsWithSimilarIDs() {
        XCTAssertTrue(OrgPath.isWithin("/1/4/17/", ancestor: "/1/4/"))
        XCTAssertFalse(OrgPath.isWithin("/1/41/", ancestor: "/1/4/"))
    }

    func testMoveUnderOwnDescendantIsRefused() {
        let problem = OrgPath.moveProblem(unitPath: "/1/3/", unitKind: .region, newParentPath: "/1/3/9/", newParentKind: .dealer)
        XCTAssertEqual(problem, "cannot be the unit itself or one of its descendants")
    }

    func testMoveRespectsWhichKindsMayContainWhich() {
        XCTAssertNil(OrgPath.moveProblem(unitPath: "/1/3/9/", unitKind: .dealer, newParentPath: "/1/4/", newParentKind: .region))
        XCTAssertNotNil(OrgPath.moveProblem(unitPath: "/1/3/9/", unitKind: .dealer, newParentPath: "/1/3/10/", newParentKind: .dealer))
        XCTAssertNil(OrgPath.moveProblem(unitPath: "/1/3/9/22/", unitKind: .workshop, newParentPath: "/1/3/10/", newParentKind: .dealer))
    }
}
