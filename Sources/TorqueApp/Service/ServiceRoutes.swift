import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// The workshop in the browser (SVC-3, SVC-6, first part): the day's bookings per technician,
/// and booking a job on the proposed technician, bay and time. Works without JavaScript.
struct ServiceRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }
    var api: ServiceAPI { ServiceAPI(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/service", use: day)
        router.get("/service/book", use: bookForm)
        router.post("/service/bookings", use: book)
    }

    /// The workshop asked for (else the caller's own, else the first) and all they can pick
    /// from; none when their part of the network has no workshop.
    func workshop(_ request: Request, principal p: Principal) async throws -> (OrgUnit?, [OrgUnit]) {
        let id = try request.positiveID("workshop_id")
        do {
            let (w, all) = try await workshopOrFirst(id, principal: p)
            return (w, all)
        } catch AppError.notFound where id == nil {
            return (nil, [])
        }
    }

    static func choices(_ all: [OrgUnit], chosen: OrgUnit?) -> [[String: Any]] {
        all.map { ["value": String($0.id), "label": $0.name, "selected": $0.id == chosen?.id] }
    }

    @Sendable func day(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        let (w, all) = try await workshop(request, principal: p)
        guard let w else {
            return pages.render("service/index", title: "Service", data: ["noWorkshop": true], context: context, request: request)
        }
        let today = WorkshopTime.day(try await api.now(workshopID: w.id))
        let day = request.query("day").flatMap { CalendarDay.parse($0) == nil ? nil : $0 } ?? today
        let bookings = try await services.serviceBookings.list(workshopID: w.id, from: day, to: CalendarDay.adding(1, to: day), scope: p.scope)
        let techs = try await services.workshops.technicians(workshopID: w.id, scope: p.scope)
        let rows: [[String: Any]] = techs.map { t in
            let away = t.absences.first { $0.fromDay <= day && day <= $0.toDay }
            return ["name": t.name, "away": away.map { $0.kind.label } ?? "", "isAway": away != nil,
                    "bookings": bookings.filter { $0.technicianId == t.id }.map { b in
                        ["id": b.id, "status": b.status, "booked": b.status == "booked", "canCheckIn": b.status == "booked" && p.can(.serviceSchedule), "time": "\(b.startsAt.suffix(5))–\(b.endsAt.hasPrefix(day) ? String(b.endsAt.suffix(5)) : b.endsAt.replacingOccurrences(of: "T", with: " "))",
                         "what": b.operations.map(\.name).joined(separator: ", "), "customer": b.customerName ?? "", "car": b.vehicleTitle ?? "", "bay": b.bayName ?? ""] as [String: Any]
                    }]
        }
        return pages.render("service/index", title: "Service · \(w.name)", data: [
            "w": ["id": w.id, "name": w.name], "workshops": Self.choices(all, chosen: w), "many": all.count > 1, "day": day, "isToday": day == today,
            "prev": "/service?workshop_id=\(w.id)&day=\(CalendarDay.adding(-1, to: day))", "next": "/service?workshop_id=\(w.id)&day=\(CalendarDay.adding(1, to: day))",
            "rows": rows, "hasRows": !rows.isEmpty, "count": bookings.count, "checkin": request.query("checkin") ?? "", "canBook": p.can(.serviceSchedule), "canSetUp": p.can(.serviceSetup),
        ], context: context, request: request)
    }

    /// The booking form; with `find=1` it shows the proposals for what was asked.
    @Sendable func bookForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSchedule)
        let (w, all) = try await workshop(request, principal: p)
        guard let w else { throw AppError.notFound }
        var v: [String: String] = [:]
        for k in ["vehicle", "vehicle_id", "text", "minutes", "skill", "notes"] { v[k] = request.query(k) ?? "" }
        let chosenOps = Set(request.uri.queryParameters.getAll("op").map { String(describing: $0).removingPercentEncoding ?? String(describing: $0) })
        var errors: [String: String] = [:]
        var vehicle: Vehicle?
        if let id = Int(v["vehicle_id"]!) { vehicle = try? await services.vehicles.get(id, scope: p.scope) }
        else if !v["vehicle"]!.trimmed.isEmpty {
            var f = VehicleFilter()
            f.query = v["vehicle"]!.trimmed
            let found = try await services.vehicles.list(f, today: ContactFields.today(in: p.timeZone), scope: p.scope, limit: 2).items
            if found.count == 1 { vehicle = found[0] } else { errors["vehicle"] = found.isEmpty ? "no car with this VIN or plate in your part of the network" : "several cars match; type the whole VIN" }
        }
        let catalog = try await services.labourOperations.usable(byUnit: w.id, modelFamily: vehicle?.modelName)
        var proposals: [[String: Any]] = []
        var parts: [String] = []
        var status: HTTPResponse.Status = .ok
        if request.query("find") != nil && errors.isEmpty {
            let minutes = v["minutes"]!.trimmed.isEmpty ? nil : Int(v["minutes"]!.trimmed)
            if !v["minutes"]!.trimmed.isEmpty && minutes == nil { errors["minutes"] = "must be a whole number of minutes" }
            if vehicle == nil { errors["vehicle"] = errors["vehicle"] ?? "type the car's VIN or plate" }
            if errors.isEmpty {
                do {
                    let clock = try await api.now(workshopID: w.id)
                    let job = try await api.job(codes: chosenOps.sorted(), freeText: v["text"], minutes: minutes, skill: v["skill"], level: nil, vehicleID: vehicle?.id, workshopID: w.id,
                                                principal: p, now: clock)
                    parts = job.parts.map(\.sentence)
                    switch try await services.serviceBookings.proposals(workshopID: w.id, job: job.needs, now: clock, scope: p.scope) {
                    case .success(let found):
                        proposals = found.map { s in
                            ["technicianId": s.technicianId, "bayId": s.bayId, "startsAt": WorkshopRules.stamp(s.start), "explanation": s.explanation] as [String: Any]
                        }
                    case .failure(let r): errors[r.field] = r.message
                    }
                } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
                    for (k, m) in AppError.from(e)!.fields { errors[k] = m }
                }
            }
            if !errors.isEmpty { status = .unprocessableContent }
        }
        return pages.render("service/book", title: "Book a job · \(w.name)", data: [
            "w": ["id": w.id, "name": w.name], "workshops": Self.choices(all, chosen: w), "many": all.count > 1, "v": v,
            "car": vehicle.map { ["id": $0.id, "title": "\($0.title), \($0.plate.isEmpty ? $0.vin : $0.plate)", "owner": $0.customerName ?? ""] as [String: Any] } ?? false,
            "ops": catalog.map { o in ["code": o.code, "label": "\(o.name) · \(o.minutes) min", "checked": chosenOps.contains(o.code)] as [String: Any] },
            "hasOps": !catalog.isEmpty, "parts": parts, "hasParts": !parts.isEmpty, "proposals": proposals, "hasProposals": !proposals.isEmpty, "chosen": chosenOps.sorted(),
            "errors": errors, "hasErrors": !errors.isEmpty,
        ], context: context, request: request, status: status)
    }

    /// Books one of the proposals; a clash (taken meanwhile) goes back to the form with the reason.
    @Sendable func book(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSchedule)
        let form = try await FormData.read(request, context: context)
        var f = ServiceAPI.BookFields()
        f.workshopId = form["workshop_id"].flatMap(Int.init)
        f.vehicleId = form["vehicle_id"].flatMap(Int.init)
        f.operations = form.all("op")
        f.text = form["text"]
        f.minutes = form["minutes"].flatMap { Int($0.trimmed) }
        f.skill = form["skill"]
        f.technicianId = form["technician_id"].flatMap(Int.init)
        f.bayId = form["bay_id"].flatMap(Int.init)
        f.startsAt = form["starts_at"]
        f.notes = form["notes"]
        do {
            let b = try await api.book(f, principal: p)
            return PageRenderer.redirect(to: "/service?workshop_id=\(b.orgUnitId)&day=\(b.startsAt.prefix(10))",
                                         flash: "Booked \(b.startsAt.replacingOccurrences(of: "T", with: " ")) with \(b.technicianName ?? "the technician") on \(b.bayName ?? "the bay").")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            let message = AppError.from(e)!.fields.sorted { $0.key < $1.key }.map { "\($0.key.replacingOccurrences(of: "_id", with: "").replacingOccurrences(of: "_", with: " ")) \($0.value)" }.joined(separator: "; ")
            var query = "workshop_id=\(f.workshopId ?? 0)&vehicle_id=\(f.vehicleId ?? 0)&find=1&text=\((f.text ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&minutes=\(f.minutes.map(String.init) ?? "")&notes=\((f.notes ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            for op in f.operations ?? [] { query += "&op=\(op.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            return PageRenderer.redirect(to: "/service/book?\(query)", flash: "Not booked: \(message). Here are the proposals now.")
        }
    }
}
