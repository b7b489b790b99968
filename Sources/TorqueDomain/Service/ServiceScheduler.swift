/// Proposes the earliest bookings for a job (SVC-3, 002: "given a job, the system suggests date,
/// time and technician"): a technician with the skills who is at work and free, and a bay with
/// the equipment that is free for the whole time the car is on it. Pure: the caller loads the
/// workshop and its bookings; tests use plain values.
public enum ServiceScheduler {
    /// Why no proposal can be made, naming what the job asks for.
    public struct Refusal: Error, Sendable, Equatable {
        public var field: String
        public var message: String
        public init(field: String, message: String) { self.field = field; self.message = message }
    }

    /// Up to `limit` proposals, one per technician, earliest finish first; searching `days`
    /// days from `from` (workshop minutes; nothing starts before it).
    public static func propose(_ job: JobNeeds, technicians: [TechnicianPlan], bays: [BayPlan], busy: [BusySpan], from: Int,
                               days: Int = 28, limit: Int = 3) -> Result<[SlotProposal], Refusal> {
        guard job.minutes > 0 else { return .failure(Refusal(field: "minutes", message: "must be more than zero")) }
        let able = technicians.filter { $0.qualifies(for: job.skills) }
        if able.isEmpty {
            let wanted = job.skills.sorted { $0.key < $1.key }.map { "\($0.key) level \($0.value)" }.joined(separator: ", ")
            return .failure(Refusal(field: "operations", message: "no technician of this workshop has \(wanted); choose another workshop or train someone"))
        }
        let fitting = bays.filter { job.bayCapabilities.isSubset(of: $0.capabilities) }
        if fitting.isEmpty {
            return .failure(Refusal(field: "operations", message: "no bay of this workshop is equipped for \(job.bayCapabilities.sorted().joined(separator: ", "))"))
        }
        var start = from
        if let parts = job.partsFromDay, let m = WorkshopTime.minute(day: parts, at: 0) { start = max(start, m) }
        let horizon = (WorkshopTime.floorDiv(from, 1440) + days) * 1440
        var byResource: [BusySpan.Resource: [(Int, Int)]] = [:]
        for b in busy { byResource[b.resource, default: []].append((b.start, b.end)) }
        for k in byResource.keys { byResource[k]!.sort { $0.0 < $1.0 } }

        var found: [SlotProposal] = []
        for tech in able {
            let windows = Self.freeWindows(tech, busy: byResource[.technician(tech.id)] ?? [], from: start, to: horizon)
            // A job that fits in one of the technician's days is not split over nights or weekends.
            let sameDay = job.minutes <= Self.longestDay(tech.hours)
            guard let p = Self.earliest(job.minutes, windows: windows, bays: fitting, busy: byResource, sameDay: sameDay) else { continue }
            let bay = fitting.first { $0.id == p.bay }!
            let skills = job.skills.keys.sorted().map { "\($0) \(tech.skills[$0] ?? 0)" }.joined(separator: ", ")
            var why = "\(tech.name)" + (skills.isEmpty ? "" : " (\(skills))") + " on \(bay.name)"
            why += ", \(WorkshopTime.text(p.pieces[0].0))–\(WorkshopTime.text(p.pieces[p.pieces.count - 1].1).suffix(5))"
            if p.pieces.count > 1 { why += " in \(p.pieces.count) parts (the car stays on the bay)" }
            if let parts = job.partsFromDay, start > from { why += "; parts expected \(parts)" }
            found.append(SlotProposal(technicianId: tech.id, technicianName: tech.name, bayId: bay.id, bayName: bay.name, start: p.pieces[0].0,
                                      end: p.pieces[p.pieces.count - 1].1, pieces: p.pieces.map { [$0.0, $0.1] }, explanation: why))
        }
        if found.isEmpty {
            return .failure(Refusal(field: "operations", message: "no technician with the skill is free for \(job.minutes) minutes in the next \(days) days"))
        }
        found.sort { ($0.end, $0.start, $0.technicianId) < ($1.end, $1.start, $1.technicianId) }
        return .success(Array(found.prefix(limit)))
    }

    /// The technician's working time from `from` to `to`, without absences and bookings.
    public static func freeWindows(_ t: TechnicianPlan, busy: [(Int, Int)], from: Int, to: Int) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var ordinal = WorkshopTime.floorDiv(from, 1440)
        while ordinal * 1440 < to {
            let day = CalendarDay.fromOrdinal(ordinal)
            if !t.absences.contains(where: { $0.covers(day) }) {
                for h in t.hours.spans.filter({ $0.weekday == WorkshopTime.weekday(ordinal: ordinal) }).sorted(by: { $0.startMinute < $1.startMinute }) {
                    let open = max(from, ordinal * 1440 + h.startMinute), close = ordinal * 1440 + h.endMinute
                    var pieces = [(open, close)]
                    for b in busy where b.1 > open && b.0 < close {
                        pieces = pieces.flatMap { p -> [(Int, Int)] in
                            guard b.0 < p.1 && b.1 > p.0 else { return [p] }
                            return [(p.0, b.0), (b.1, p.1)].filter { $0.0 < $0.1 }
                        }
                    }
                    out += pieces.filter { $0.0 < $0.1 }
                }
            }
            ordinal += 1
        }
        return out
    }

    /// The first start in the technician's free windows where `minutes` of work fit in a run of
    /// consecutive windows and one bay is free from the first piece's start to the last's end.
    /// The most working minutes the technician has on any one weekday.
    static func longestDay(_ hours: WorkingHours) -> Int {
        (1...7).map { d in hours.spans.filter { $0.weekday == d }.reduce(0) { $0 + $1.endMinute - $1.startMinute } }.max() ?? 0
    }

    static func earliest(_ minutes: Int, windows: [(Int, Int)], bays: [BayPlan], busy: [BusySpan.Resource: [(Int, Int)]], sameDay: Bool) -> (bay: Int, pieces: [(Int, Int)])? {
        for i in windows.indices {
            // Candidate starts: the window's start and every time a bay frees up inside it.
            var starts = [windows[i].0]
            for bay in bays { for b in busy[.bay(bay.id)] ?? [] where b.1 > windows[i].0 && b.1 < windows[i].1 { starts.append(b.1) } }
            for s in Set(starts).sorted() {
                var left = minutes, pieces: [(Int, Int)] = [], j = i, at = s
                while left > 0 && j < windows.count {
                    let begin = max(at, windows[j].0)
                    let take = min(left, windows[j].1 - begin)
                    if take > 0 { pieces.append((begin, begin + take)); left -= take }
                    j += 1
                    if j < windows.count { at = windows[j].0 }
                }
                guard left == 0, let first = pieces.first, let last = pieces.last else { continue }
                if sameDay && WorkshopTime.floorDiv(first.0, 1440) != WorkshopTime.floorDiv(last.1 - 1, 1440) { continue }
                if let bay = bays.first(where: { bay in !(busy[.bay(bay.id)] ?? []).contains { $0.0 < last.1 && $0.1 > first.0 } }) {
                    return (bay.id, pieces)
                }
            }
        }
        return nil
    }
}
