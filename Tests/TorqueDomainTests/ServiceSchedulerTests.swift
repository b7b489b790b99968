import TorqueDomain
import XCTest

/// The workshop scheduler (SVC-3) with plain values: skills, hours, absences, bays, bookings,
/// parts, jobs longer than a day, and the clear answers when nothing fits.
final class ServiceSchedulerTests: XCTestCase {
    // Monday 30 November 2026
    let monday = "2026-11-30"
    var hours: WorkingHours { try! WorkingHours.parse("mon-fri 08:00-12:00; mon-fri 13:00-17:00").get() }
    func at(_ day: String, _ clock: String) -> Int { WorkshopTime.minute(day: day, at: WorkshopTime.clock(clock)!)! }
    var marco: TechnicianPlan { TechnicianPlan(id: 1, name: "Marco", skills: ["brakes": 2, "alignment": 1], hours: hours, absences: []) }
    var luca: TechnicianPlan { TechnicianPlan(id: 2, name: "Luca", skills: ["brakes": 1, "ev": 2], hours: hours, absences: []) }
    let lift = BayPlan(id: 10, name: "Lift 1", capabilities: ["lift"])
    let aligner = BayPlan(id: 11, name: "Alignment bay", capabilities: ["lift", "alignment"])

    func propose(_ job: JobNeeds, techs: [TechnicianPlan]? = nil, bays: [BayPlan]? = nil, busy: [BusySpan] = [], from: Int? = nil) -> Result<[SlotProposal], ServiceScheduler.Refusal> {
        ServiceScheduler.propose(job, technicians: techs ?? [marco, luca], bays: bays ?? [lift, aligner], busy: busy, from: from ?? at(monday, "07:00"))
    }

    func testTheEarliestQualifiedTechnicianAndAFreeBay() throws {
        XCTAssertEqual(WorkshopTime.weekday(ordinal: CalendarDay.ordinal(monday)!), 1)
        let p = try propose(JobNeeds(skills: ["brakes": 2], minutes: 60)).get()
        XCTAssertEqual(p.map(\.technicianName), ["Marco"], "only Marco has brakes at level 2")
        XCTAssertEqual(p[0].start, at(monday, "08:00"))
        XCTAssertEqual(p[0].end, at(monday, "09:00"))
        XCTAssertEqual(p[0].bayName, "Lift 1")
        XCTAssertTrue(p[0].explanation.hasPrefix("Marco (brakes 2) on Lift 1, 2026-11-30 08:00–09:00"), p[0].explanation)
        let both = try propose(JobNeeds(skills: ["brakes": 1], minutes: 60), busy: [BusySpan(.technician(1), start: at(monday, "08:00"), end: at(monday, "10:00"))]).get()
        XCTAssertEqual(both.map(\.technicianName), ["Luca", "Marco"], "earliest finish first")
        XCTAssertEqual(both[1].start, at(monday, "10:00"), "after Marco's booking")
    }

    func testABusyBayDelaysTheJobAndLunchIsNotWorked() throws {
        let p = try propose(JobNeeds(skills: ["alignment": 1], bayCapabilities: ["alignment"], minutes: 180),
                            busy: [BusySpan(.bay(11), start: at(monday, "08:00"), end: at(monday, "09:30"))]).get()
        XCTAssertEqual(p[0].bayName, "Alignment bay")
        XCTAssertEqual(p[0].start, at(monday, "09:30"))
        XCTAssertEqual(p[0].pieces, [[at(monday, "09:30"), at(monday, "12:00")], [at(monday, "13:00"), at(monday, "13:30")]])
    }

    func testAnAbsentTechnicianIsSkippedMidWeek() throws {
        var away = marco
        away.absences = [Absence(fromDay: "2026-12-01", toDay: "2026-12-02", kind: .training)]
        let busyMonday = BusySpan(.technician(1), start: at(monday, "08:00"), end: at(monday, "17:00"))
        let p = try propose(JobNeeds(skills: ["brakes": 2], minutes: 60), techs: [away], busy: [busyMonday]).get()
        XCTAssertEqual(WorkshopTime.text(p[0].start), "2026-12-03 08:00", "back on Thursday")
    }

    func testAJobLongerThanADayKeepsTheCarOnTheBay() throws {
        let p = try propose(JobNeeds(skills: ["ev": 2], minutes: 600), techs: [luca]).get()
        XCTAssertEqual(p[0].pieces.count, 3)
        XCTAssertEqual(WorkshopTime.text(p[0].end), "2026-12-01 10:00")
        XCTAssertTrue(p[0].explanation.contains("in 3 parts (the car stays on the bay)"))
        // the bay taken overnight by someone else: the job waits until it can stay
        let blocked = try propose(JobNeeds(skills: ["ev": 2], minutes: 600), techs: [luca], bays: [lift],
                                  busy: [BusySpan(.bay(10), start: at("2026-12-01", "08:00"), end: at("2026-12-01", "09:00"))]).get()
        XCTAssertEqual(WorkshopTime.text(blocked[0].start), "2026-12-01 09:00")
    }

    func testAShortJobIsNotSplitOverTheWeekend() throws {
        let friday = "2026-12-04"
        let p = try propose(JobNeeds(skills: ["brakes": 2], minutes: 60), techs: [marco], from: at(friday, "16:30")).get()
        XCTAssertEqual(WorkshopTime.text(p[0].start), "2026-12-07 08:00", "Monday, not 30 minutes on Friday and 30 on Monday")
    }

    func testPartsArrivingLaterMoveTheJob() throws {
        let p = try propose(JobNeeds(skills: ["brakes": 2], minutes: 60, partsFromDay: "2026-12-03")).get()
        XCTAssertEqual(WorkshopTime.text(p[0].start), "2026-12-03 08:00")
        XCTAssertTrue(p[0].explanation.contains("parts expected 2026-12-03"))
    }

    func testClearAnswersWhenNothingFits() {
        XCTAssertEqual(propose(JobNeeds(skills: ["hydrogen": 1], minutes: 60)), .failure(.init(field: "operations", message: "no technician of this workshop has hydrogen level 1; choose another workshop or train someone")))
        XCTAssertEqual(propose(JobNeeds(skills: [:], bayCapabilities: ["paint_booth"], minutes: 60)), .failure(.init(field: "operations", message: "no bay of this workshop is equipped for paint_booth")))
        let full = BusySpan(.technician(1), start: at(monday, "00:00"), end: at("2027-01-31", "00:00"))
        XCTAssertEqual(propose(JobNeeds(skills: ["brakes": 2], minutes: 60), busy: [full]),
                       .failure(.init(field: "operations", message: "no technician with the skill is free for 60 minutes in the next 28 days")))
    }
}

extension ServiceSchedulerTests {
    func testAFullyBookedWindowLeavesNothingAndTheNextIsTaken() throws {
        let busy = [BusySpan(.technician(1), start: at(monday, "08:00"), end: at(monday, "12:00")),
                    BusySpan(.technician(1), start: at(monday, "13:00"), end: at(monday, "14:00")),
                    BusySpan(.technician(1), start: at(monday, "14:00"), end: at(monday, "15:00"))]
        let p = try propose(JobNeeds(skills: ["brakes": 2], minutes: 60), techs: [marco], busy: busy).get()
        XCTAssertEqual(WorkshopTime.text(p[0].start), "2026-11-30 15:00")
    }
}
