import Hummingbird
import TorqueDomain
import TorqueStore

/// `/sales/agenda`: a salesperson's (or the showroom's) day and week, booking a test drive or
/// an appointment in local time, and the link of the calendar feed (SALES-2, INT-4).
struct AgendaRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/sales/agenda", use: agenda)
        router.post("/sales/agenda", use: book)
        router.post("/sales/agenda/:id/cancel", use: cancel)
        router.post("/sales/agenda/feed", use: makeFeed)
    }

    /// The form as typed, kept when something is wrong.
    struct Typed {
        var kind = "test_drive", title = "", day = "", time = "10:00", minutes = "45", customer = "", vehicle = "", location = "", notes = ""
    }

    @Sendable func agenda(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        var typed = Typed()
        typed.day = request.query("day") ?? ContactFields.today(in: p.timeZone)
        typed.customer = request.query("customer_id") ?? ""
        typed.vehicle = request.query("vehicle_id") ?? ""
        // Arriving from a car or a customer: the title is written already.
        if let id = Int(typed.vehicle), let car = try? await services.vehicles.get(id, scope: p.scope) {
            typed.title = "Test drive " + car.title
        } else if let id = Int(typed.customer), let c = try? await services.customers.get(id, scope: p.scope) {
            typed.kind = "appointment"
            typed.title = "Meeting " + c.displayName
        }
        return try await page(typed, errors: .init(), principal: p, request: request, context: context)
    }

    func page(_ typed: Typed, errors: ValidationErrors, principal p: Principal, request: Request, context: AppRequestContext) async throws -> Response {
        let today = ContactFields.today(in: p.timeZone)
        let day = request.query("day").flatMap { CalendarDay.ordinal($0) != nil && $0.count == 10 ? $0 : nil } ?? today
        let week = request.query("view") == "week"
        let everyone = request.query("who") == "showroom"
        let from = LocalTime.utc(day: day, time: "00:00", timeZone: p.timeZone)!
        let to = LocalTime.utc(day: CalendarDay.adding(week ? 7 : 1, to: day), time: "00:00", timeZone: p.timeZone)!
        let entries = try await services.appointments.list(from: from, to: to, userID: everyone ? nil : p.userID, unitID: everyone ? p.orgUnitID : nil, scope: p.scope)
        var byDay: [String: [[String: Any]]] = [:]
        for a in entries {
            let start = LocalTime.local(a.startsAt, timeZone: p.timeZone), end = LocalTime.local(a.endsAt, timeZone: p.timeZone)
            byDay[start.day, default: []].append([
                "id": a.id, "time": "\(start.time)–\(end.time)", "kind": a.kind.label, "title": a.title, "customer": a.customerName ?? "", "customerId": a.customerId ?? 0,
                "car": a.vehicleTitle ?? "", "vehicleId": a.vehicleId ?? 0, "who": a.userName ?? "", "location": a.location, "cancelled": a.cancelled,
            ])
        }
        let days = (0..<(week ? 7 : 1)).map { CalendarDay.adding($0, to: day) }.map { d in ["day": d, "entries": byDay[d] ?? [], "empty": (byDay[d] ?? []).isEmpty, "today": d == today] as [String: Any] }
        // reading the page never writes: the link is made on request (POST /sales/agenda/feed)
        var feed = ""
        if let user = p.userID, let token = try await services.appointments.feedToken(userID: user) { feed = AppointmentAPI.feedPath(userID: user, token: token) }
        let query = (week ? "&view=week" : "") + (everyone ? "&who=showroom" : "")
        return pages.render("sales/agenda", title: "Agenda", data: [
            "days": days, "week": week, "everyone": everyone, "day": day,
            "previous": "/sales/agenda?day=\(CalendarDay.adding(week ? -7 : -1, to: day))" + query, "next": "/sales/agenda?day=\(CalendarDay.adding(week ? 7 : 1, to: day))" + query,
            "dayView": "/sales/agenda?day=\(day)" + (everyone ? "&who=showroom" : ""), "weekView": "/sales/agenda?day=\(day)&view=week" + (everyone ? "&who=showroom" : ""),
            "mineView": "/sales/agenda?day=\(day)" + (week ? "&view=week" : ""), "showroomView": "/sales/agenda?day=\(day)&who=showroom" + (week ? "&view=week" : ""),
            "canWrite": p.can(.salesWrite), "feed": feed, "canFeed": p.userID != nil,
            "t": ["kind": typed.kind, "title": typed.title, "day": typed.day, "time": typed.time, "minutes": typed.minutes, "customer": typed.customer,
                  "vehicle": typed.vehicle, "location": typed.location, "notes": typed.notes],
            "kinds": AppointmentKind.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == typed.kind] },
            "errors": errors.fields, "hasErrors": !errors.isEmpty,
        ], context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func book(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let form = try await FormData.read(request, context: context)
        var t = Typed()
        t.kind = form["kind"] ?? "appointment"; t.title = form["title"] ?? ""; t.day = form["day"] ?? ""; t.time = form["time"] ?? ""
        t.minutes = form["minutes"] ?? ""; t.customer = form["customer_id"] ?? ""; t.vehicle = form["vehicle_id"] ?? ""
        t.location = form["location"] ?? ""; t.notes = form["notes"] ?? ""
        var errors = ValidationErrors()
        let start = LocalTime.utc(day: t.day.trimmed, time: t.time.trimmed, timeZone: p.timeZone)
        if start == nil { errors.add("starts_at", "needs a day and a time like 10:30") }
        let minutes = FormValue.int(t.minutes, field: "minutes", into: &errors)
        if let m = minutes, !(5...1440).contains(m) { errors.add("minutes", "must be from 5 to 1440") }
        var f = AppointmentFields()
        f.kind = t.kind; f.title = t.title; f.location = t.location; f.notes = t.notes; f.userId = p.userID
        f.customerId = FormValue.int(t.customer, field: "customer_id", into: &errors)
        f.vehicleId = FormValue.int(t.vehicle, field: "vehicle_id", into: &errors)
        if let start, let minutes, let m = Agenda.minutes(start) {
            f.startsAt = start
            f.endsAt = Agenda.instant(m + minutes)
        }
        do {
            guard errors.isEmpty else { throw AppError.invalid(errors) }
            let booked = try await services.appointments.create(try f.validated(), unitID: p.orgUnitID, scope: p.scope, actor: p.actor)
            let local = LocalTime.local(booked.startsAt, timeZone: p.timeZone)
            return PageRenderer.redirect(to: "/sales/agenda?day=\(local.day)", flash: "\(booked.kind.label) booked for \(local.day) at \(local.time).")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await page(t, errors: ValidationErrors(AppError.from(e)!.fields), principal: p, request: request, context: context)
        }
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let a = try await services.appointments.cancel(try context.id(), scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/sales/agenda?day=\(LocalTime.local(a.startsAt, timeZone: p.timeZone).day)", flash: "Cancelled: \(a.title).")
    }

    /// Makes the caller's calendar-feed link (once; later calls keep it).
    @Sendable func makeFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        _ = try await FormData.read(request, context: context)
        guard let user = p.userID else { throw AppError.invalid(.init(["user": "an API key has no calendar"])) }
        _ = try await AppointmentAPI(services: services).feedPath(userID: user)
        return PageRenderer.redirect(to: "/sales/agenda#feed", flash: "Your calendar link is below the agenda.")
    }
}
