import XCTest
@testable import TorqueDomain

final class ValidateTests: XCTestCase {
    func testEmail() {
        var e = ValidationErrors()
        XCTAssertEqual(Validate.email(" Sara.Colombo@Example.IT ", into: &e), "sara.colombo@example.it")
        XCTAssertTrue(e.isEmpty)
        for bad in ["sara", "sara@", "@x.it", "sara@x", "sara @x.it", "a@b@c.it"] {
            var errors = ValidationErrors()
            _ = Validate.email(bad, into: &errors)
            XCTAssertEqual(errors.fields["email"], "is not a valid e-mail address", bad)
        }
    }

    func testTextLimitsAndRequired() {
        var e = ValidationErrors()
        XCTAssertNil(Validate.text("   ", field: "name", into: &e))
        XCTAssertEqual(e.fields["name"], "is required")
        var f = ValidationErrors()
        _ = Validate.text(String(repeating: "x", count: 201), field: "name", into: &f)
        XCTAssertEqual(f.fields["name"], "must be at most 200 characters")
    }

    func testPasswordRules() {
        var e = ValidationErrors()
        _ = Validate.newPassword("short", into: &e)
        XCTAssertEqual(e.fields["password"], "must be at least 10 characters")
        var f = ValidationErrors()
        _ = Validate.newPassword(String(repeating: "é", count: 40), into: &f)
        XCTAssertNotNil(f.fields["password"], "80 bytes exceed bcrypt's 72")
    }

    func testCodeAndTimeZone() {
        var e = ValidationErrors()
        XCTAssertEqual(Validate.code("d-mi1", into: &e), "D-MI1")
        _ = Validate.timeZone("Mars/Olympus", into: &e)
        XCTAssertEqual(e.fields["time_zone"], "is not a known time zone (e.g. Europe/Rome)")
        var f = ValidationErrors()
        _ = Validate.code("D MI", into: &f)
        XCTAssertNotNil(f.fields["code"])
    }
}
