import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/distribution/shipments` and `/distribution/settlements`: cars on the road with their
/// reports (DIST-3, DIST-4), and what dealers owe (FIN-2); `/distribution/settings` for the
/// allocation policy and flag rules.
struct ShipmentRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/distribution/shipments", use: index)
        router.get("/distribution/shipments/:id", use: show)
        router.post("/distribution/shipments/:id/events", use: report)
        router.get("/distribution/settlements", use: settlements)
        router.post("/distribution/settlements/:id/paid", use: paid)
        router.post("/distribution/settlements/:id/cancel", use: cancelEntry)
        router.get("/distribution/settings", use: settings)
        router.post("/distribution/settings", use: saveSettings)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionRead)
        let (limit, after) = try request.pagination()
        let open = request.query("open") == "true"
        let page = try await services.shipments.list(scope: p.scope, open: open, limit: limit, after: after)
        return pages.render("distribution/shipments", title: "Shipments", data: [
            "open": open, "empty": page.items.isEmpty,
            "shipments": page.items.map { s in
                ["id": s.id, "tracking": s.trackingNumber, "carrier": s.carrier, "from": s.fromName ?? "", "to": s.unitName ?? "", "status": s.status.label,
                 "delivered": s.status == .delivered, "eta": s.eta, "location": s.location, "dispatched": String(s.dispatchedAt.prefix(10))] as [String: Any]
            },
            "next": page.nextCursor.map { "/distribution/shipments?" + (open ? "open=true&" : "") + "cursor=\($0)" } ?? "",
        ], context: context, request: request)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionRead)
        return try await shipmentPage(try await services.shipments.get(try context.id(), scope: p.scope), principal: p, request: request, context: context)
    }

    func shipmentPage(_ s: Shipment, principal p: Principal, f: [String: String] = [:], errors: ValidationErrors = .init(), request: Request, context: AppRequestContext) async throws -> Response {
        let canReport = p.can(.distributionWrite) && s.status != .delivered ? try await DistributionAccess.isNetworkSide(p, services: services) : false
        let next = Shipment.Status.allCases.filter { $0 != .dispatched }
        return pages.render("distribution/shipment", title: "Shipment \(s.trackingNumber)", data: [
            "id": s.id, "tracking": s.trackingNumber, "carrier": s.carrier, "from": s.fromName ?? "", "to": s.unitName ?? "", "status": s.status.label, "eta": s.eta,
            "location": s.location, "delivered": s.status == .delivered, "deliveredAt": s.deliveredAt.map { AuditView.localTime($0, timeZone: p.timeZone) } ?? "",
            "legs": s.legs.map { ["from": $0.from, "to": $0.to] }, "cars": s.vehicles.map { ["vin": $0.vin, "title": $0.title, "order": $0.orderId] as [String: Any] },
            "events": s.events.map { ["status": $0.status.label, "location": $0.location, "at": AuditView.localTime($0.happenedAt, timeZone: p.timeZone), "eta": $0.eta ?? "",
                                      "note": $0.note, "by": $0.recordedBy] as [String: Any] },
            "canReport": canReport,
            "statuses": SelectOptions.of(next, selected: f["status"] ?? Shipment.Status.inTransit.rawValue) { $0.label },
            "f": f, "errors": errors.fields, "hasErrors": !errors.isEmpty,
        ], context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        let shipment = try await services.shipments.get(try context.id(), scope: p.scope)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        let form = try await FormData.read(request, context: context)
        let f = ["status": form["status"] ?? "", "location": form["location"] ?? "", "eta": form["eta"] ?? "", "note": form["note"] ?? ""]
        do {
            let after = try await services.shipments.report(shipment.id, ShipmentEventInput(status: f["status"]!, location: f["location"]!, eta: f["eta"], note: f["note"]!), scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/distribution/shipments/\(shipment.id)",
                                         flash: after.status == .delivered ? "Delivered: \(after.vehicles.count) car(s) are now in \(after.unitName ?? "the dealer")'s stock." : "Report recorded: \(after.status.label.lowercased()).")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await shipmentPage(shipment, principal: p, f: f, errors: ValidationErrors(AppError.from(e)!.fields), request: request, context: context)
        }
    }

    @Sendable func settlements(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.financeRead, .distributionRead])
        let (limit, after) = try request.pagination()
        let status = request.query("status").flatMap(SettlementEntry.Status.init(rawValue:))
        let page = try await services.settlements.list(scope: p.scope, status: status, limit: limit, after: after)
        let networkSide = try await DistributionAccess.isNetworkSide(p, services: services)
        return pages.render("distribution/settlements", title: "Settlements", data: [
            "entries": page.items.map(DistributionView.entryRow), "empty": page.items.isEmpty, "balance": DistributionView.balances(try await services.settlements.balance(scope: p.scope)),
            "statuses": SelectOptions.of(SettlementEntry.Status.allCases, selected: status?.rawValue) { $0.label },
            "canSettle": networkSide && (p.can(.financeWrite) || p.can(.distributionWrite)),
            "next": page.nextCursor.map { "/distribution/settlements?" + (status.map { "status=\($0.rawValue)&" } ?? "") + "cursor=\($0)" } ?? "",
        ], context: context, request: request)
    }

    func settle(_ status: SettlementEntry.Status, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.financeWrite, .distributionWrite])
        let id = try context.id()
        _ = try await services.settlements.get(id, scope: p.scope)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        _ = try await FormData.read(request, context: context)
        let entry = try await services.settlements.settle(id, status: status, scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/distribution/settlements", flash: "\(entry.reference) is \(entry.status.label.lowercased()).")
    }

    @Sendable func paid(_ request: Request, context: AppRequestContext) async throws -> Response { try await settle(.paid, request, context) }
    @Sendable func cancelEntry(_ request: Request, context: AppRequestContext) async throws -> Response { try await settle(.cancelled, request, context) }

    @Sendable func settings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionRead)
        return try await settingsPage(principal: p, values: Self.values(try await services.distributionSettings.get()), errors: .init(), request: request, context: context)
    }

    static func values(_ s: DistributionSettingsStore.Settings) -> [String: String] {
        ["min_similarity": String(s.policy.minimumSimilarity), "max_distance_km": String(s.policy.maximumDistanceKm), "km_per_point": String(s.policy.kmPerPoint),
         "max_order_units": String(s.flags.maxOrderUnits), "max_times_average": WarningFlags.format(s.flags.maxTimesAverage), "min_past_orders": String(s.flags.minPastOrders),
         "min_share_percent": String(Int((s.flags.minShareOfTarget * 100).rounded()))]
    }

    func settingsPage(principal p: Principal, values: [String: String], errors: ValidationErrors, request: Request, context: AppRequestContext) async throws -> Response {
        let canWrite = p.can(.distributionWrite) ? try await DistributionAccess.isNetworkSide(p, services: services) : false
        return pages.render("distribution/settings", title: "Distribution settings", data: ["v": values, "canWrite": canWrite, "errors": errors.fields, "hasErrors": !errors.isEmpty],
                            context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func saveSettings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.distributionWrite)
        try await DistributionAccess.requireNetworkSide(p, services: services)
        let form = try await FormData.read(request, context: context)
        let keys = ["min_similarity", "max_distance_km", "km_per_point", "max_order_units", "max_times_average", "min_past_orders", "min_share_percent"]
        let v = Dictionary(uniqueKeysWithValues: keys.map { ($0, form[$0] ?? "") })
        var errors = ValidationErrors()
        let similarity = FormValue.int(v["min_similarity"], field: "min_similarity", into: &errors), distance = FormValue.int(v["max_distance_km"], field: "max_distance_km", into: &errors)
        let perPoint = FormValue.int(v["km_per_point"], field: "km_per_point", into: &errors), maxUnits = FormValue.int(v["max_order_units"], field: "max_order_units", into: &errors)
        let times = FormValue.double(v["max_times_average"], field: "max_times_average", into: &errors), past = FormValue.int(v["min_past_orders"], field: "min_past_orders", into: &errors)
        let share = FormValue.int(v["min_share_percent"], field: "min_share_of_target", into: &errors)
        guard errors.isEmpty, let similarity, let distance, let perPoint, let maxUnits, let times, let past, let share else {
            for (key, value) in [("min_similarity", similarity as Any?), ("max_distance_km", distance), ("km_per_point", perPoint), ("max_order_units", maxUnits),
                                 ("max_times_average", times), ("min_past_orders", past), ("min_share_of_target", share)] where value == nil { errors.add(key, "is required") }
            return try await settingsPage(principal: p, values: v, errors: errors, request: request, context: context)
        }
        do {
            _ = try await services.distributionSettings.save(.init(policy: AllocationPolicy(minimumSimilarity: similarity, maximumDistanceKm: distance, kmPerPoint: perPoint),
                                                                   flags: FlagRules(maxOrderUnits: maxUnits, maxTimesAverage: times, minPastOrders: past, minShareOfTarget: Double(share) / 100)),
                                                             unitID: p.orgUnitID, actor: p.actor)
            return PageRenderer.redirect(to: "/distribution/settings", flash: "Saved: the next allocations and orders follow these rules.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            var fields = AppError.from(e)!.fields
            if let m = fields.removeValue(forKey: "min_share_of_target") { fields["min_share_of_target"] = m.replacingOccurrences(of: "a share from 0 to 1 (0.5 is half the target)", with: "from 0 to 100 %") }
            return try await settingsPage(principal: p, values: v, errors: ValidationErrors(fields), request: request, context: context)
        }
    }
}
