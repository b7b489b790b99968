import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/appointments` (SALES-2) and the calendar feed `/api/v1/users/{id}/calendar.ics`
/// (INT-4), which calendar apps fetch with the secret in its URL instead of a login.
struct AppointmentAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/appointments", use: list)
        router.post("/api/v1/appointments", use: create)
        router.get("/api/v1/appointments/:id", use: show)
        router.patch("/api/v1/appointments/:id", use: update)
        router.post("/api/v1/appointments/:id/cancel", use: cancel)
        router.get("/api/v1/me/calendar", use: feedLink)
        router.post("/api/v1/me/calendar/rotate", use: rotateFeed)
        router.get("/api/v1/users/:id/calendar.ics", use: feed)
    }

    /// `from`/`to` as days or instants; by default today and the six days after.
    static func window(_ request: Request, timeZone: String) throws -> (String, String) {
        func instant(_ name: String) throws -> String? {
            guard let text = request.query(name) else { return nil }
            if text.count == 10, CalendarDay.ordinal(text) != nil { return LocalTime.utc(day: text, time: "00:00", timeZone: timeZone) }
            guard let m = Agenda.minutes(text) else { throw AppError.invalid(.init([name: "must be a day like 2026-11-26 or a time like 2026-11-26T10:00:00Z"])) }
            return Agenda.instant(m)
        }
        let today = ContactFields.today(in: timeZone)
        let from = try instant("from") ?? LocalTime.utc(day: today, time: "00:00", timeZone: timeZone)!
        let to = try instant("to") ?? LocalTime.utc(day: CalendarDay.adding(7, to: today), time: "00:00", timeZone: timeZone)!
        guard to > from else { throw AppError.invalid(.init(["to": "must be after from"])) }
        guard let a = Agenda.minutes(from), let b = Agenda.minutes(to), b - a <= 62 * 1440 else { throw AppError.invalid(.init(["to": "must be at most 62 days after from"])) }
        return (from, to)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let (from, to) = try Self.window(request, timeZone: p.timeZone)
        let found = try await services.appointments.list(from: from, to: to, userID: try request.positiveID("user_id"), unitID: try request.positiveID("org_unit_id"),
                                                         vehicleID: try request.positiveID("vehicle_id"), scope: p.scope)
        return try APIResponse.list(found)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        return try APIResponse.json(try await services.appointments.get(try context.id(), scope: p.scope))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let fields = try await JSONBody.decode(AppointmentFields.self, from: request, context: context)
        var input = try fields.validated()
        if fields.userId == nil { input.userId = p.userID }
        let booked = try await services.appointments.create(input, unitID: fields.orgUnitId ?? p.orgUnitID, scope: p.scope, actor: p.actor)
        var response = try APIResponse.json(booked, status: .created)
        response.headers[.location] = "/api/v1/appointments/\(booked.id)"
        return response
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let current = try await services.appointments.get(try context.id(), scope: p.scope)
        let (patch, keys) = try await JSONBody.decodeWithKeys(AppointmentFields.self, from: request, context: context)
        if keys["org_unit_id"] != nil { throw AppError.invalid(.init(["org_unit_id": "cannot change: book a new entry at the other unit"])) }
        var f = AppointmentFields(current)
        let merge: [(String, (inout AppointmentFields) -> Void)] = [
            ("kind", { $0.kind = patch.kind }), ("title", { $0.title = patch.title }), ("starts_at", { $0.startsAt = patch.startsAt }), ("ends_at", { $0.endsAt = patch.endsAt }),
            ("user_id", { $0.userId = patch.userId }), ("customer_id", { $0.customerId = patch.customerId }), ("opportunity_id", { $0.opportunityId = patch.opportunityId }),
            ("vehicle_id", { $0.vehicleId = patch.vehicleId }), ("location", { $0.location = patch.location }), ("notes", { $0.notes = patch.notes }),
        ]
        for (key, apply) in merge where keys[key] != nil { apply(&f) }
        return try APIResponse.json(try await services.appointments.update(current.id, try f.validated(), scope: p.scope, actor: p.actor))
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        return try APIResponse.json(try await services.appointments.cancel(try context.id(), scope: p.scope, actor: p.actor))
    }

    struct FeedJSON: Encodable { var url: String }

    /// The caller's secret feed path, made on first use.
    func feedPath(userID: Int) async throws -> String {
        var token = try await services.appointments.feedToken(userID: userID)
        if token == nil {
            token = Secrets.token()
            try await services.appointments.setFeedToken(userID: userID, token: token!)
        }
        return Self.feedPath(userID: userID, token: token!)
    }

    /// The feed's path for a user's secret token.
    static func feedPath(userID: Int, token: String) -> String { "/api/v1/users/\(userID)/calendar.ics?token=\(token)" }

    @Sendable func feedLink(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        guard let user = p.userID else { throw AppError.invalid(.init(["user": "an API key has no calendar"])) }
        return try APIResponse.json(FeedJSON(url: try await feedPath(userID: user)))
    }

    @Sendable func rotateFeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        guard let user = p.userID else { throw AppError.invalid(.init(["user": "an API key has no calendar"])) }
        try await services.appointments.setFeedToken(userID: user, token: Secrets.token())
        return try APIResponse.json(FeedJSON(url: try await feedPath(userID: user)))
    }

    /// The feed itself: no login, the secret in the URL; a wrong secret is "not found".
    @Sendable func feed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id()
        guard let token = request.query("token"), try await services.appointments.feedUser(id, token: token) else { throw AppError.notFound }
        let since = Agenda.instant(Int(Date().timeIntervalSince1970) / 60 - 30 * 1440)
        let entries = try await services.appointments.forFeed(userID: id, since: since)
        let name = entries.first?.userName ?? "Torque agenda"
        let events = entries.map { a in
            CalendarEvent(uid: "appointment-\(a.id)@torque", start: a.startsAt, end: a.endsAt, summary: "\(a.kind.label): \(a.title)",
                          description: [a.customerName.map { "Customer: " + $0 }, a.vehicleTitle.map { "Car: " + $0 }, a.notes.isEmpty ? nil : a.notes].compactMap { $0 }.joined(separator: "\n"),
                          location: a.location, cancelled: a.cancelled)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/calendar; charset=utf-8"
        headers[.cacheControl] = "private, max-age=300"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: ICalendar.feed(name: name, events: events, stamp: Clock.nowString()))))
    }
}
