import Benchmark
import TorqueDomain

/// Issue 7's goal: slot proposals for a workshop of 20 technicians and 10 bays with four weeks
/// of bookings in under 20 ms (the booking page asks on every change of the job list). Run with
/// `TORQUE_BENCHMARKS=1 swift package --scratch-path .build-bench benchmark --target Scheduler`.
let benchmarks: @Sendable () -> Void = {
    let hours = try! WorkingHours.parse("mon-fri 08:00-12:00; mon-fri 13:00-17:00; sat 08:00-12:00").get()
    let skills = ["brakes", "tyres", "engine", "ev", "alignment", "electrics"]
    let technicians = (1...20).map { i in
        TechnicianPlan(id: i, name: "Tech \(i)", skills: Dictionary(uniqueKeysWithValues: skills.enumerated().filter { ($0.offset + i) % 3 != 0 }.map { ($0.element, 1 + (i + $0.offset) % 3) }),
                       hours: hours, absences: i % 7 == 0 ? [Absence(fromDay: "2026-12-07", toDay: "2026-12-11", kind: .vacation)] : [])
    }
    let bays = (1...10).map { BayPlan(id: 100 + $0, name: "Bay \($0)", capabilities: $0 <= 2 ? ["lift", "alignment"] : ($0 <= 4 ? ["lift", "ev"] : ["lift"])) }
    // Four weeks from Monday 30 November 2026, each technician booked about three quarters of
    // the time with jobs of one to three hours, each job on a bay.
    var busy: [BusySpan] = []
    let first = CalendarDay.ordinal("2026-11-30")!
    var seed = 7
    func next(_ n: Int) -> Int { seed = (seed &* 1_103_515_245 &+ 12_345) & 0x7fff_ffff; return seed % n }
    for day in 0..<28 where WorkshopTime.weekday(ordinal: first + day) <= 5 {
        for t in technicians {
            var at = (first + day) * 1440 + 8 * 60
            let close = (first + day) * 1440 + 17 * 60
            while at < close {
                let length = 60 * (1 + next(3))
                if next(4) > 0 {
                    busy.append(BusySpan(.technician(t.id), start: at, end: min(close, at + length)))
                    busy.append(BusySpan(.bay(bays[next(10)].id), start: at, end: min(close, at + length)))
                }
                at += length
            }
        }
    }
    let from = first * 1440 + 7 * 60
    let job = JobNeeds(skills: ["brakes": 2], bayCapabilities: ["lift"], minutes: 90)
    let alignment = JobNeeds(skills: ["alignment": 2], bayCapabilities: ["alignment"], minutes: 120)
    let config = Benchmark.Configuration(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3))
    Benchmark("Slot proposals, 20 technicians, 10 bays, 4 weeks booked (\(busy.count) spans)", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(ServiceScheduler.propose(job, technicians: technicians, bays: bays, busy: busy, from: from)) }
    }
    Benchmark("Slot proposals needing the alignment bay", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(ServiceScheduler.propose(alignment, technicians: technicians, bays: bays, busy: busy, from: from)) }
    }
}
