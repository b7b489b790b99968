import Hummingbird
import TorqueDomain
import TorqueStore

/// `/service/agenda` (SVC-6): the Gantt of a day or a week per technician or per bay, with a
/// form to move a booking (conflicts refused, the reason shown); printable.
struct ServiceAgendaRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/service/agenda", use: show)
        router.post("/service/agenda/move", use: move)
        router.patch("/api/v1/service/appointments/:id", use: moveAPI)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        return try await page(request, problem: nil, principal: p, context: context)
    }

    func page(_ request: Request, problem: String?, principal p: Principal, context: AppRequestContext) async throws -> Response {
        let routes = ServiceRoutes(services: services)
        let (w, all) = try await routes.workshopOrFirst(try request.positiveID("workshop_id"), principal: p)
        let today = WorkshopTime.day(try await ServiceAPI(services: services).now(workshopID: w.id))
        var day = request.query("day").flatMap { CalendarDay.parse($0) == nil ? nil : $0 } ?? today
        let week = request.query("view") == "week", byBay = request.query("by") == "bay"
        if week, let o = CalendarDay.ordinal(day) { day = CalendarDay.adding(-(WorkshopTime.weekday(ordinal: o) - 1), to: day) }
        let days = week ? 6 : 1
        let bookings = try await services.serviceBookings.list(workshopID: w.id, from: day, to: CalendarDay.adding(days, to: day), scope: p.scope)
        let techs = try await services.workshops.technicians(workshopID: w.id, scope: p.scope)
        let bays = try await services.workshops.bays(workshopID: w.id, scope: p.scope)
        let from = WorkshopTime.minute(day: day, at: 0) ?? 0
        let rows = byBay ? bays.map(\.name) : techs.map(\.name)
        var away: [Int: Set<Int>] = [:]
        if !byBay {
            for (i, t) in techs.enumerated() {
                for d in 0..<days where t.absences.contains(where: { $0.fromDay <= CalendarDay.adding(d, to: day) && CalendarDay.adding(d, to: day) <= $0.toDay }) { away[i, default: []].insert(d) }
            }
        }
        let bars: [GanttChart.Bar] = bookings.compactMap { b in
            guard let row = byBay ? bays.firstIndex(where: { $0.id == b.bayId }) : techs.firstIndex(where: { $0.id == b.technicianId }),
                  let s = WorkshopRules.minute(b.startsAt), let e = WorkshopRules.minute(b.endsAt) else { return nil }
            return GanttChart.Bar(row: row, start: s, end: e, label: "\(b.startsAt.suffix(5)) \(b.operations.map(\.name).joined(separator: ", ")) · \(b.vehicleTitle ?? "")",
                                  href: "#booking-\(b.id)", booking: b.status == "booked" && p.can(.serviceSchedule) ? b.id : nil)
        }
        let base = "/service/agenda?workshop_id=\(w.id)" + (week ? "&view=week" : "") + (byBay ? "&by=bay" : "")
        let step = week ? 7 : 1
        return pages.render("service/agenda", title: "Agenda · \(w.name)", data: [
            "w": ["id": w.id, "name": w.name], "workshops": ServiceRoutes.choices(all, chosen: w), "many": all.count > 1,
            "day": day, "week": week, "byBay": byBay, "lastDay": CalendarDay.adding(days - 1, to: day),
            "prev": base + "&day=\(CalendarDay.adding(-step, to: day))", "next": base + "&day=\(CalendarDay.adding(step, to: day))",
            "dayHref": "/service/agenda?workshop_id=\(w.id)&day=\(day)" + (byBay ? "&by=bay" : ""), "weekHref": "/service/agenda?workshop_id=\(w.id)&view=week&day=\(day)" + (byBay ? "&by=bay" : ""),
            "techHref": "/service/agenda?workshop_id=\(w.id)&day=\(day)" + (week ? "&view=week" : ""), "bayHref": "/service/agenda?workshop_id=\(w.id)&day=\(day)&by=bay" + (week ? "&view=week" : ""),
            "chart": GanttChart.svg(rows: rows, away: away, bars: bars, from: from, days: days, title: "\(byBay ? "Bays" : "Technicians") \(day)\(week ? " week" : "")",
                                   drag: GanttChart.Drag(rowIDs: byBay ? bays.map(\.id) : techs.map(\.id), rowField: byBay ? "bay_id" : "technician_id", fromDay: day)),
            "canDrag": p.can(.serviceSchedule),
            "bookings": bookings.map { b in
                ["id": b.id, "when": "\(b.startsAt.replacingOccurrences(of: "T", with: " ")) – \(b.endsAt.suffix(5))", "what": b.operations.map(\.name).joined(separator: ", "),
                 "car": b.vehicleTitle ?? "", "tech": b.technicianName ?? "", "bay": b.bayName ?? "", "startsAt": b.startsAt, "movable": b.status == "booked" && p.can(.serviceSchedule),
                 "techs": techs.map { ["value": String($0.id), "label": $0.name, "selected": $0.id == b.technicianId] },
                 "bays": bays.map { ["value": String($0.id), "label": $0.name, "selected": $0.id == b.bayId] }] as [String: Any]
            }, "hasBookings": !bookings.isEmpty, "problem": problem ?? "", "hasProblem": problem != nil, "scripts": ["print.js", "gantt.js"],
        ], context: context, request: request, status: problem == nil ? .ok : .conflict)
    }

    /// The move form: a clash or a time outside the hours re-shows the agenda with the reason.
    @Sendable func move(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSchedule)
        let form = try await FormData.read(request, context: context)
        guard let id = form["booking_id"].flatMap(Int.init) else { throw AppError.badRequest("The form lost its booking; reload the page.") }
        do {
            let b = try await services.serviceBookings.move(id, technicianID: form["technician_id"].flatMap(Int.init), bayID: form["bay_id"].flatMap(Int.init),
                                                            startsAt: form["starts_at"], scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/service/agenda?workshop_id=\(b.orgUnitId)&day=\(b.startsAt.prefix(10))", flash: "Moved to \(b.startsAt.replacingOccurrences(of: "T", with: " ")) with \(b.technicianName ?? "") on \(b.bayName ?? "").")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            let message = AppError.from(e)!.fields.sorted { $0.key < $1.key }.map { "\($0.key.replacingOccurrences(of: "_id", with: "").replacingOccurrences(of: "_", with: " ")) \($0.value)" }.joined(separator: "; ")
            return try await page(request, problem: message, principal: p, context: context)
        }
    }

    struct MoveFields: APIInput {
        var technicianId: Int?
        var bayId: Int?
        var startsAt: String?
        static let fields: Set<String> = ["technician_id", "bay_id", "starts_at"]
    }

    @Sendable func moveAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSchedule)
        let id = try context.id()
        _ = try await services.serviceBookings.get(id, scope: p.scope)
        let f = try await JSONBody.decode(MoveFields.self, from: request, context: context)
        return try APIResponse.json(try await services.serviceBookings.move(id, technicianID: f.technicianId, bayID: f.bayId, startsAt: f.startsAt, scope: p.scope, actor: p.actor))
    }
}
