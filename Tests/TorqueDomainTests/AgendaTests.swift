import TorqueDomain
import XCTest

/// The agenda's rules and the iCalendar feed (SALES-2, INT-4).
final class AgendaTests: XCTestCase {
    func testBookingsAreCheckedAndOverlapsFound() {
        var a = AppointmentInput(kind: .testDrive, title: "Test drive Dama", startsAt: "2026-11-26T10:00:00Z", endsAt: "2026-11-26T10:45:00Z", vehicleId: 4)
        XCTAssertEqual(Agenda.validate(a), [:])
        a.vehicleId = nil
        XCTAssertEqual(Agenda.validate(a)["vehicle_id"], "is required for a test drive")
        a.vehicleId = 4; a.endsAt = "2026-11-26T09:00:00Z"
        XCTAssertEqual(Agenda.validate(a)["ends_at"], "must be after the start")
        a.endsAt = "2026-11-28T09:00:00Z"
        XCTAssertEqual(Agenda.validate(a)["ends_at"], "must be at most 24 hours after the start")
        a.startsAt = "tomorrow at ten"
        XCTAssertEqual(Agenda.validate(a)["starts_at"], "must be a time like 2026-11-26T10:00:00Z")
        XCTAssertTrue(Agenda.overlaps("2026-11-26T10:00:00Z", "2026-11-26T10:45:00Z", "2026-11-26T10:30:00Z", "2026-11-26T11:00:00Z"))
        XCTAssertFalse(Agenda.overlaps("2026-11-26T10:00:00Z", "2026-11-26T10:45:00Z", "2026-11-26T10:45:00Z", "2026-11-26T11:30:00Z"), "touching ends do not clash")
        XCTAssertEqual(Agenda.minutes("2026-11-26T10:30Z").map(Agenda.instant), "2026-11-26T10:30:00Z")
        XCTAssertEqual(Agenda.instant(Agenda.minutes("2026-12-31T23:59:00Z")! + 1), "2027-01-01T00:00:00Z")
        XCTAssertNil(Agenda.minutes("2026-11-26T25:00:00Z"))
    }

    func testTheFeedIsValidICalendar() {
        let long = "Test drive with Anna D'Amico; bring the licence, please, and the trade-in's papers — ümlaut ✓ " + String(repeating: "x", count: 40)
        let feed = ICalendar.feed(name: "Sara Colombo", events: [
            CalendarEvent(uid: "appointment-7@torque", start: "2026-11-26T10:00:00Z", end: "2026-11-26T10:45:00Z", summary: long, description: "line one\nline two", location: "Showroom, Milano"),
            CalendarEvent(uid: "appointment-8@torque", start: "2026-11-27T09:00:00Z", end: "2026-11-27T09:15:00Z", summary: "Call back", cancelled: true),
        ], stamp: "2026-11-25T12:00:00Z")
        XCTAssertTrue(feed.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        XCTAssertTrue(feed.hasSuffix("END:VCALENDAR\r\n"))
        XCTAssertTrue(feed.contains("DTSTART:20261126T100000Z\r\n"))
        XCTAssertTrue(feed.contains("LOCATION:Showroom\\, Milano\r\n"))
        XCTAssertTrue(feed.contains("DESCRIPTION:line one\\nline two\r\n"))
        XCTAssertTrue(feed.contains("STATUS:CANCELLED"))
        for line in feed.components(separatedBy: "\r\n") { XCTAssertLessThanOrEqual(line.utf8.count, 75, line) }
        // unfolding gives back the escaped summary
        let unfolded = feed.replacingOccurrences(of: "\r\n ", with: "")
        XCTAssertTrue(unfolded.contains("SUMMARY:Test drive with Anna D'Amico\\; bring the licence\\, please\\, and the trade-in's papers — ümlaut ✓ "))
        XCTAssertEqual(feed.components(separatedBy: "BEGIN:VEVENT").count - 1, 2)
    }
}
