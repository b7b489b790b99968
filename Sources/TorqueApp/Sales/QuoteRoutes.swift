import Hummingbird
import TorqueDomain
import TorqueStore

/// Quotes in the browser (QUOTE-1, QUOTE-4): the list, a new quote from a car or a
/// configuration, the quote page with its versions (it prints as a clean document), a new
/// version, approval, decline and acceptance into a contract. Works without JavaScript.
struct QuoteRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }
    var api: QuoteAPI { QuoteAPI(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/sales/quotes", use: list)
        router.get("/sales/quotes/new", use: newForm)
        router.post("/sales/quotes", use: create)
        router.get("/sales/quotes/:id", use: show)
        router.get("/sales/quotes/:id/edit", use: editForm)
        router.post("/sales/quotes/:id/versions", use: revise)
        router.post("/sales/quotes/:id/approve", use: approve)
        router.post("/sales/quotes/:id/decline", use: decline)
        router.post("/sales/quotes/:id/accept", use: accept)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let f = try QuoteAPI.filter(request)
        let (limit, after) = try request.pagination()
        let page = try await services.quotes.list(f, scope: p.scope, limit: limit, afterID: after)
        let today = ContactFields.today(in: p.timeZone)
        let status = f.status?.rawValue ?? ""
        return pages.render("sales/quotes", title: "Quotes", data: [
            "rows": page.items.map { q in
                ["id": q.id, "number": q.number, "title": q.title, "customer": q.customerName ?? "", "customerId": q.customerId, "version": q.currentVersion,
                 "total": QuoteView.amount(q.current.totals.totalMinor, q.currency), "tag": QuoteView.statusTag(q, today: today)] as [String: Any]
            },
            "hasRows": !page.items.isEmpty,
            "statuses": [["value": "", "label": "Any", "selected": status.isEmpty]] + QuoteStatus.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == status] },
            "next": page.nextCursor.map { "/sales/quotes?status=\(status)&cursor=\($0)" } ?? "",
        ], context: context, request: request)
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        var f = QuoteFields()
        f.customerId = try request.positiveID("customer_id")
        f.opportunityId = try request.positiveID("opportunity_id")
        f.vehicleId = try request.positiveID("vehicle_id")
        f.configurationId = try request.positiveID("configuration_id")
        if let o = f.opportunityId, let opp = try? await services.opportunities.get(o, scope: p.scope) {
            f.customerId = f.customerId ?? opp.customerId
            if f.vehicleId == nil && f.configurationId == nil { f.vehicleId = opp.vehicleId; f.configurationId = opp.configurationId }
        }
        if let v = f.vehicleId {
            let car = try await services.vehicles.get(v, scope: p.scope)
            f.lines = QuoteStartingLines.from(vehicle: car).map(QuoteAPI.lineFields)
            f.title = car.title
        } else if let c = f.configurationId {
            let cfg = try await services.configurations.get(c, scope: p.scope)
            f.lines = QuoteStartingLines.from(configuration: cfg).map(QuoteAPI.lineFields)
            f.title = cfg.modelTitle
            f.customerId = f.customerId ?? cfg.customerId
        }
        if let a = try request.positiveID("appraisal_id") { f.tradeIn = TradeInFields(appraisalId: a) }
        f.validUntil = QuoteRules.defaultValidUntil(today: ContactFields.today(in: p.timeZone), days: try await services.quoteSettings.settings(forUnit: p.orgUnitID).validDays)
        return try await form(QuoteForm.filled(f), quote: nil, errors: [:], principal: p, request: request, context: context)
    }

    /// The form for a new quote or a new version; errors beside their fields, input kept.
    func form(_ shown: QuoteForm, quote: Quote?, errors: [String: String], principal p: Principal, request: Request, context: AppRequestContext) async throws -> Response {
        var customerName = ""
        var appraisals: [Appraisal] = []
        if let c = quote?.customerId ?? Int(shown.values["customer_id"] ?? "") {
            customerName = (try? await services.customers.get(c, scope: p.scope))?.displayName ?? ""
            appraisals = try await services.appraisals.list(customerID: c, status: .open, scope: p.scope, limit: 20).items
        }
        let chosen = shown.values["appraisal_id"] ?? ""
        let settings = try await QuoteSettingsAPI(services: services).view(unitID: quote?.orgUnitId ?? p.orgUnitID)
        let limit = try await services.quoteSettings.settings(forUnit: quote?.orgUnitId ?? p.orgUnitID).limit(roles: p.roles)
        let kind = shown.values["finance_kind"] ?? ""
        let data: [String: Any] = [
            "v": shown.values, "rows": shown.rowViews(errors: errors), "errors": errors, "hasErrors": !errors.isEmpty,
            "customerName": customerName, "hasCustomer": !customerName.isEmpty, "editing": quote != nil,
            "action": quote.map { "/sales/quotes/\($0.id)/versions" } ?? "/sales/quotes", "quoteId": quote?.id ?? 0, "number": quote?.number ?? "",
            "appraisals": [["value": "", "label": "No trade-in appraisal", "selected": chosen.isEmpty]] + appraisals.map { a in
                ["value": String(a.id), "label": "\(a.number): \(a.title), \(a.mileageKm) km, estimated \(QuoteView.amount(a.estimatedValueMinor, a.currency))",
                 "selected": String(a.id) == chosen] as [String: Any]
            },
            "newAppraisal": quote != nil || (shown.values["customer_id"] ?? "").isEmpty ? "" : "/sales/appraisals/new?"
                + (["customer_id"] + AppraisalRoutes.quoteKeys).compactMap { k in shown.values[k].flatMap { $0.isEmpty ? nil : "\(k)=\($0)" } }.joined(separator: "&"),
            "financeKinds": [("", "No finance offer"), ("loan", "Loan"), ("lease", "Lease")].map { ["value": $0.0, "label": $0.1, "selected": $0.0 == kind] },
            "tax": settings.taxStyle == "sales_tax" ? "Sales tax \(settings.taxRate) % is added to the price" : "Prices include VAT at \(settings.taxRate) %",
            "limit": limit.percentText,
        ]
        let title = quote.map { "New version of \($0.number)" } ?? "New quote"
        return pages.render("sales/quote_form", title: title, data: data, context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    static func formErrors(_ e: any Error) -> [String: String]? {
        guard let app = AppError.from(e), !app.fields.isEmpty else { return nil }
        var out: [String: String] = [:]
        for (field, message) in app.fields { out[QuoteForm.formField(field)] = message }
        return out
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        var errors = ValidationErrors()
        let (f, shown) = QuoteForm.read(try await FormData.read(request, context: context), errors: &errors)
        do {
            guard errors.isEmpty else { throw AppError.invalid(errors) }
            let q = try await api.open(f, principal: p)
            return PageRenderer.redirect(to: "/sales/quotes/\(q.id)", flash: Self.savedMessage(q))
        } catch let e where Self.formErrors(e) != nil {
            return try await form(shown, quote: nil, errors: Self.formErrors(e)!, principal: p, request: request, context: context)
        }
    }

    static func savedMessage(_ q: Quote) -> String {
        q.status == .awaitingApproval
            ? "Quote \(q.number) saved. Its discount of \(q.current.totals.discountShare.percentText) % is above your limit: a manager must approve it before the customer can accept."
            : "Quote \(q.number) saved (version \(q.currentVersion))."
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let q = try await services.quotes.get(try context.id(), scope: p.scope)
        return try await page(q, version: try request.positiveID("version"), problem: nil, principal: p, request: request, context: context)
    }

    /// The quote page; `problem` is why an action was refused (409), shown at the top.
    func page(_ q: Quote, version wanted: Int?, problem: String?, principal p: Principal, request: Request, context: AppRequestContext) async throws -> Response {
        let versions = try await services.quotes.versions(q.id, scope: p.scope)
        guard let shown = versions.first(where: { $0.version == (wanted ?? q.currentVersion) }) else { throw AppError.notFound }
        let today = ContactFields.today(in: p.timeZone)
        var car: Vehicle?
        if let v = q.vehicleId { car = try? await services.vehicles.get(v, scope: p.scope) }
        let open = q.status == .open && !q.isExpired(today: today)
        var header: [String: Any] = ["id": q.id, "number": q.number, "title": q.title, "customer": q.customerName ?? "", "customerId": q.customerId,
                                     "unit": q.unitName ?? "", "validUntil": q.validUntil, "version": q.currentVersion, "tag": QuoteView.statusTag(q, today: today)]
        // Absent links travel as false (Mustache shows a section for any number).
        header["opportunityId"] = QuoteView.link(q.opportunityId)
        header["configurationId"] = QuoteView.link(q.configurationId)
        header["vehicleId"] = QuoteView.link(q.vehicleId)
        header["contractId"] = QuoteView.link(q.contractId)
        header["vehicle"] = car.map { "\($0.title), VIN \($0.vin)" } ?? ""
        let data: [String: Any] = [
            "q": header,
            "v": QuoteView.version(shown, currency: q.currency), "isCurrent": shown.version == q.currentVersion,
            "versions": versions.map { v in
                ["version": v.version, "total": QuoteView.amount(v.totals.totalMinor, q.currency), "at": String(v.createdAt.prefix(10)), "by": v.createdByName ?? "",
                 "shown": v.version == shown.version, "href": "/sales/quotes/\(q.id)?version=\(v.version)"] as [String: Any]
            },
            "hasVersions": versions.count > 1,
            "canApprove": q.status == .awaitingApproval && p.can(.quotesApprove), "awaiting": q.status == .awaitingApproval,
            "canAccept": open && p.can(.salesWrite), "canEdit": q.status != .accepted && p.can(.salesWrite),
            "canDecline": (q.status == .open || q.status == .awaitingApproval) && p.can(.salesWrite),
            "canTemplate": p.can(.quotesApprove), "expired": q.isExpired(today: today), "problem": problem ?? "", "hasProblem": problem != nil, "script": "print.js",
        ]
        return pages.render("sales/quote", title: "\(q.number) · \(q.title)", data: data, context: context, request: request, status: problem == nil ? .ok : .conflict)
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let q = try await services.quotes.get(try context.id(), scope: p.scope)
        var f = QuoteFields(q)
        f.customerId = q.customerId
        let today = ContactFields.today(in: p.timeZone)
        if q.validUntil < today { f.validUntil = QuoteRules.defaultValidUntil(today: today, days: try await services.quoteSettings.settings(forUnit: q.orgUnitId).validDays) }
        return try await form(QuoteForm.filled(f), quote: q, errors: [:], principal: p, request: request, context: context)
    }

    @Sendable func revise(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let q = try await services.quotes.get(try context.id(), scope: p.scope)
        var errors = ValidationErrors()
        let (f, typed) = QuoteForm.read(try await FormData.read(request, context: context), errors: &errors)
        var shown = typed
        shown.values["customer_id"] = String(q.customerId)
        do {
            guard errors.isEmpty else { throw AppError.invalid(errors) }
            let saved = try await api.revise(q, f, principal: p)
            return PageRenderer.redirect(to: "/sales/quotes/\(saved.id)", flash: Self.savedMessage(saved))
        } catch let e where Self.formErrors(e) != nil && !Self.isConflict(e) {
            return try await form(shown, quote: q, errors: Self.formErrors(e)!, principal: p, request: request, context: context)
        } catch let e where Self.isConflict(e) {
            return try await page(q, version: nil, problem: Self.sentence(e), principal: p, request: request, context: context)
        }
    }

    /// A refusal as a sentence: "This quote was already accepted", "The discount of 12 % is…".
    static func sentence(_ e: any Error) -> String {
        guard case let .conflict(field, message) = AppError.from(e) else { return "The quote could not be changed." }
        switch field {
        case "status": return "This quote \(message)."
        case "discount": return "The discount \(message)."
        default: return message.prefix(1).uppercased() + message.dropFirst() + "."
        }
    }

    static func isConflict(_ e: any Error) -> Bool { if case .conflict = AppError.from(e) { return true } else { return false } }

    /// Runs an action; a refusal (409) re-shows the quote page with the reason.
    func act(_ request: Request, context: AppRequestContext, _ body: (Principal, Quote) async throws -> Response) async throws -> Response {
        let p = try context.require(.salesRead)
        let q = try await services.quotes.get(try context.id(), scope: p.scope)
        do { return try await body(p, q) } catch let e where Self.isConflict(e) {
            let fresh = try await services.quotes.get(q.id, scope: p.scope)
            return try await page(fresh, version: nil, problem: Self.sentence(e), principal: p, request: request, context: context)
        }
    }

    @Sendable func approve(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.quotesApprove)
        return try await act(request, context: context) { p, q in
            let done = try await services.quotes.approve(q.id, roles: p.roles, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/sales/quotes/\(done.id)", flash: "Discount approved: the customer can accept \(done.number).")
        }
    }

    @Sendable func decline(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.salesWrite)
        let form = try await FormData.read(request, context: context)
        return try await act(request, context: context) { p, q in
            let done = try await services.quotes.decline(q.id, reason: String((form["reason"] ?? "").trimmed.prefix(500)), scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/sales/quotes/\(done.id)", flash: "\(done.number) marked as declined. A new version reopens it.")
        }
    }

    @Sendable func accept(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.salesWrite)
        return try await act(request, context: context) { p, q in
            let k = try await services.quotes.accept(q.id, today: ContactFields.today(in: p.timeZone), scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/sales/contracts/\(k.id)", flash: "Contract \(k.number) signed for \(k.customerName ?? "the customer").")
        }
    }
}
