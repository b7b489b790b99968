import Hummingbird
import TorqueDomain
import TorqueStore

/// Repair orders in the browser (SVC-4, SVC-7): check in a booked car, add labour and parts,
/// approve extra work, clock in and out, close. Mistakes come back on the order's page.
struct RepairOrderRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }
    var api: RepairOrderAPI { RepairOrderAPI(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/service/repair-orders", use: list)
        router.post("/service/repair-orders", use: checkIn)
        router.get("/service/repair-orders/:id", use: show)
        router.post("/service/repair-orders/:id/lines", use: addLine)
        router.post("/service/repair-orders/:id/approve", use: approve)
        router.post("/service/repair-orders/:id/clock", use: clock)
        router.post("/service/repair-orders/:id/close", use: close)
        router.post("/service/repair-orders/:id/notes", use: notes)
        router.post("/service/repair-orders/import", use: importOrders)
    }

    static func amount(_ m: Int, _ c: String) -> String { "\(c) \(Money.exact(m))" }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        let (w, _) = try await ServiceRoutes(services: services).workshopOrFirst(try request.positiveID("workshop_id"), principal: p)
        return try await listPage(w, closed: request.query("status") == "closed", principal: p, request: request, context: context)
    }

    func listPage(_ w: OrgUnit, closed: Bool, csv: String = "", csvError: String? = nil, importRows: [ImportRowError] = [], principal p: Principal,
                  request: Request, context: AppRequestContext) async throws -> Response {
        let status = closed ? "closed" : "open"
        let orders = try await services.repairOrders.list(workshopID: w.id, status: status, scope: p.scope)
        let failed = csvError != nil || !importRows.isEmpty
        return pages.render("service/repair_orders", title: "Repair orders · \(w.name)", data: [
            "w": ["id": w.id, "name": w.name], "closed": status == "closed", "canImport": p.can(.serviceSetup), "csv": csv, "csvError": csvError ?? "",
            "importFailed": failed, "importRows": importRows.prefix(200).map { ["row": $0.rowNo, "field": $0.field, "message": $0.message, "value": $0.value] as [String: Any] },
            "hasImportRows": !importRows.isEmpty, "importRowCount": importRows.count, "script": "textfile.js",
            "rows": orders.map { ro in
                ["id": ro.id, "number": ro.number, "car": ro.vehicleTitle ?? "", "customer": ro.customerName ?? "", "km": ro.mileageKm,
                 "total": Self.amount(ro.totals.totalMinor, ro.currency), "open": ro.clocks.contains { $0.endedAt == nil }] as [String: Any]
            }, "hasRows": !orders.isEmpty,
        ], context: context, request: request, status: failed ? .unprocessableContent : .ok)
    }

    /// Work orders from the previous system, pasted or chosen as a file: all or nothing.
    @Sendable func importOrders(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSetup)
        let form = try await FormData.read(request, context: context)
        let (w, _) = try await ServiceRoutes(services: services).workshopOrFirst(form["workshop_id"].flatMap(Int.init), principal: p)
        let csv = form["csv"] ?? ""
        guard !csv.trimmed.isEmpty else { return try await listPage(w, closed: true, csv: csv, csvError: "is required: paste the file or choose it", principal: p, request: request, context: context) }
        do {
            let (orders, lines) = try await WorkOrderImportFile(services: services).run(csv: csv, workshopID: w.id, principal: p)
            return PageRenderer.redirect(to: "/service/repair-orders?workshop_id=\(w.id)&status=closed", flash: "\(orders) work orders imported (\(lines) lines).")
        } catch let problem as ImportFile.Problem {
            return try await listPage(w, closed: true, csv: csv, csvError: problem.message, principal: p, request: request, context: context)
        } catch let rows as FileRowErrors {
            return try await listPage(w, closed: true, csv: csv, importRows: rows.rows, principal: p, request: request, context: context)
        }
    }

    @Sendable func notes(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context: context) { p, ro, form in
            guard p.can(.serviceSchedule) || p.can(.serviceWork) else { throw AppError.forbidden }
            _ = try await services.repairOrders.setCustomerNotes(ro.id, form["customer_notes"] ?? "", scope: p.scope, actor: p.actor)
            return "Notes for the customer saved."
        }
    }

    /// From the day's list: the booked car arrives. A lower mileage asks to confirm.
    @Sendable func checkIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSchedule)
        let form = try await FormData.read(request, context: context)
        var f = RepairOrderAPI.CheckInFields()
        f.bookingId = form["booking_id"].flatMap(Int.init)
        f.mileageKm = form["mileage_km"].flatMap { Int($0.trimmed.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "")) }
        f.concerns = form["concerns"]
        f.confirmMileage = form["confirm_mileage"] != nil
        do {
            let ro = try await api.checkIn(f, principal: p)
            return PageRenderer.redirect(to: "/service/repair-orders/\(ro.id)", flash: "\(ro.number) opened: the car is checked in.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            let message = AppError.from(e)!.fields.sorted { $0.key < $1.key }.map { "\($0.key.replacingOccurrences(of: "_", with: " ")) \($0.value)" }.joined(separator: "; ")
            let booking = f.bookingId.flatMap { id in Optional(id) }
            var back = "/service"
            if let b = booking, let found = try? await services.serviceBookings.get(b, scope: p.scope) { back = "/service?workshop_id=\(found.orgUnitId)&day=\(found.startsAt.prefix(10))&checkin=\(b)" }
            return PageRenderer.redirect(to: back, flash: "Not checked in: \(message).")
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceRead)
        let ro = try await services.repairOrders.get(try context.id(), scope: p.scope)
        return try await page(ro, problem: nil, principal: p, request: request, context: context)
    }

    func page(_ ro: RepairOrder, problem: String?, principal p: Principal, request: Request, context: AppRequestContext) async throws -> Response {
        let techs = try await services.workshops.technicians(workshopID: ro.orgUnitId, scope: p.scope)
        let parts = try await services.parts.list(scope: p.scope, unitID: ro.orgUnitId, limit: 200).items
        let ops = try await services.labourOperations.usable(byUnit: ro.orgUnitId)
        let files = try await services.repairOrderFiles.list(orderID: ro.id, scope: p.scope)
        let c = ro.currency
        let open = ro.status == "open"
        // Kit parts of the order's operations not issued yet (short in stock at check-in).
        var issued: [String: Int] = [:]
        for l in ro.lines where l.kind == .part { issued[l.code, default: 0] += l.quantity }
        var toIssue: [String: Int] = [:]
        for l in ro.lines where l.kind == .labour { for k in ops.first(where: { $0.code == l.code })?.parts ?? [] { toIssue[k.partNumber, default: 0] += k.quantity } }
        let missingKit = toIssue.keys.sorted().compactMap { n -> String? in
            let left = toIssue[n]! - (issued[n] ?? 0)
            guard left > 0 else { return nil }
            return "\(n) ×\(left) (\(parts.first { $0.partNumber == n }.map { "\($0.quantity) in stock" } ?? "not stocked here"))"
        }
        return pages.render("service/repair_order", title: "\(ro.number) · \(ro.vehicleTitle ?? "")", data: [
            "ro": ["id": ro.id, "number": ro.number, "car": ro.vehicleTitle ?? "", "customer": ro.customerName ?? "", "customerId": QuoteView.link(ro.customerId),
                   "km": ro.mileageKm, "concerns": ro.concerns, "notes": ro.customerNotes, "externalRef": ro.externalRef ?? "", "status": ro.status, "open": open, "closedAt": String((ro.closedAt ?? "").prefix(16)).replacingOccurrences(of: "T", with: " ")],
            "lines": ro.lines.map { l in
                let clock = ro.clocks.last { $0.lineId == l.id && $0.endedAt == nil }
                return ["id": l.id, "kind": l.kind == .labour ? "Labour" : "Part", "code": l.code, "description": l.description,
                        "qty": l.kind == .labour ? "\(l.minutes) min" : "\(l.quantity)", "amount": Self.amount(l.amountMinor, c),
                        "awaiting": l.additional && !l.approved, "additional": l.additional, "labour": l.kind == .labour,
                        "clockedIn": clock.map { "\($0.technicianName ?? "") since \($0.startedAt.suffix(5))" } ?? "", "isClockedIn": clock != nil,
                        "clockTech": clock.map { String($0.technicianId) } ?? String(l.technicianId ?? techs.first?.id ?? 0)] as [String: Any]
            },
            "techs": techs.map { ["value": String($0.id), "label": $0.name] },
            "ops": ops.map { ["value": $0.code, "label": "\($0.code) \($0.name) (\($0.minutes) min)"] },
            "parts": parts.map { ["value": String($0.id), "label": "\($0.partNumber) \($0.name) (\($0.quantity) in stock)"] },
            "t": ["labour": Self.amount(ro.totals.labourMinor, c), "parts": Self.amount(ro.totals.partsMinor, c), "total": Self.amount(ro.totals.totalMinor, c),
                  "billed": ro.totals.billedMinutes, "clocked": ro.totals.clockedMinutes, "awaiting": ro.totals.awaitingApproval, "hasAwaiting": ro.totals.awaitingApproval > 0],
            "canWrite": open && (p.can(.serviceWork) || p.can(.serviceSchedule)), "canClose": open && p.can(.serviceSchedule), "canApprove": open && p.can(.serviceSchedule),
            "canClock": open && p.can(.serviceWork), "missingKit": missingKit, "script": "repair_order.js",
            "files": files.enumerated().map { i, f in ["id": f.id, "kind": f.kind.rawValue, "label": f.kind == .signature ? "Customer's signature" : "Photo \(i + 1)", "note": f.note] as [String: Any] },
            "hasFiles": !files.isEmpty, "signed": files.contains { $0.kind == .signature }, "hasMissingKit": open && !missingKit.isEmpty, "problem": problem ?? "", "hasProblem": problem != nil,
        ], context: context, request: request, status: problem == nil ? .ok : .unprocessableContent)
    }

    /// Runs an action on the order; a refusal re-shows the page with the reason.
    func act(_ request: Request, context: AppRequestContext, _ body: (Principal, RepairOrder, FormData) async throws -> String) async throws -> Response {
        let p = try context.require(.serviceRead)
        let ro = try await services.repairOrders.get(try context.id(), scope: p.scope)
        let form = try await FormData.read(request, context: context)
        do {
            let flash = try await body(p, ro, form)
            return PageRenderer.redirect(to: "/service/repair-orders/\(ro.id)", flash: flash)
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            let message = AppError.from(e)!.fields.sorted { $0.key < $1.key }.map { "\($0.key.replacingOccurrences(of: "_", with: " ")) \($0.value)" }.joined(separator: "; ")
            return try await page(try await services.repairOrders.get(ro.id, scope: p.scope), problem: message, principal: p, request: request, context: context)
        }
    }

    @Sendable func addLine(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(anyOf: [.serviceWork, .serviceSchedule])
        return try await act(request, context: context) { p, ro, form in
            var f = RepairOrderAPI.LineFields()
            f.kind = form["kind"]
            f.additional = form["additional"] != nil
            if f.kind == "part" {
                f.partId = form["part_id"].flatMap(Int.init)
                f.quantity = Int((form["quantity"] ?? "1").trimmed)
                if f.quantity == nil { throw AppError.invalid(.init(["quantity": "must be a whole number"])) }
            } else if let code = form["code"], !code.isEmpty {
                f.code = code
            } else {
                f.description = form["description"]
                f.minutes = Int((form["minutes"] ?? "").trimmed)
                if f.minutes == nil { throw AppError.invalid(.init(["minutes": "must be a whole number of minutes"])) }
            }
            let input = try await api.line(f, order: ro, principal: p)
            _ = try await services.repairOrders.addLine(ro.id, input, mayOverride: p.can(.stockOverride), scope: p.scope, actor: p.actor)
            return f.additional == true ? "Extra work added: the customer must approve it before it is billed." : "Line added."
        }
    }

    @Sendable func approve(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.serviceSchedule)
        return try await act(request, context: context) { p, ro, form in
            guard let line = form["line_id"].flatMap(Int.init) else { throw AppError.invalid(.init(["line_id": "is required"])) }
            _ = try await services.repairOrders.approve(ro.id, lineID: line, scope: p.scope, actor: p.actor)
            return "Approved by the customer: it is on the bill."
        }
    }

    @Sendable func clock(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.serviceWork)
        return try await act(request, context: context) { p, ro, form in
            guard let line = form["line_id"].flatMap(Int.init), let tech = form["technician_id"].flatMap(Int.init) else {
                throw AppError.invalid(.init(["technician_id": "is required"]))
            }
            let now = try await ServiceAPI(services: services).now(workshopID: ro.orgUnitId)
            let clockIn = form["action"] == "in"
            _ = try await services.repairOrders.clock(ro.id, lineID: line, technicianID: tech, clockIn: clockIn, at: now, scope: p.scope, actor: p.actor)
            return clockIn ? "Clocked in." : "Clocked out."
        }
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.serviceSchedule)
        return try await act(request, context: context) { p, ro, _ in
            let closed = try await services.repairOrders.close(ro.id, scope: p.scope, actor: p.actor)
            return "\(closed.number) closed: \(Self.amount(closed.totals.totalMinor, closed.currency)) to pay; the owner is told the car is ready."
        }
    }
}
