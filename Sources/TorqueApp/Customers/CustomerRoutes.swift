import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/customers`: search, enter a walk-in with the duplicate check, and the customer's page.
struct CustomerRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/customers", use: index)
        router.get("/customers/new", use: newForm)
        router.post("/customers", use: create)
        router.get("/customers/:id", use: show)
        router.get("/customers/:id/edit", use: editForm)
        router.post("/customers/:id", use: update)
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let c = try await services.customers.get(try context.id(), scope: p.scope)
        return form(CustomerFields(c), errors: .init(), candidates: [], customerID: c.id, context: context, request: request)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let id = try context.id()
        _ = try await services.customers.get(id, scope: p.scope)
        let formData = try await FormData.read(request, context: context)
        var errors = ValidationErrors()
        var fields = CustomerFields(form: formData, errors: &errors)
        fields.onDuplicate = nil
        fields.useCustomerId = nil
        guard errors.isEmpty, let input = fields.validated(defaultCountry: p.country, errors: &errors) else {
            return form(fields, errors: errors, candidates: [], customerID: id, context: context, request: request)
        }
        let c = try await services.customers.update(id, input, scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/customers/\(c.id)", flash: "Saved.")
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersRead)
        let (limit, after) = try request.pagination()
        let q = request.query("q")
        let page = try await services.customers.search(q, defaultCountry: p.country, scope: p.scope, limit: limit, afterID: after)
        let next = page.nextCursor.map { "/customers?cursor=\($0)" + (q.map { "&q=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } ?? "") }
        return pages.render("customers/index", title: "Customers", data: [
            "q": q ?? "", "searching": q != nil, "empty": page.items.isEmpty, "canWrite": p.can(.customersWrite), "next": next ?? "",
            "customers": page.items.map { ["id": $0.id, "number": $0.number, "name": $0.displayName, "phone": $0.phone ?? "", "email": $0.email ?? "", "city": $0.city] as [String: Any] },
        ], context: context, request: request)
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        return form(CustomerFields(country: p.country), errors: .init(), candidates: [], customerID: nil, context: context, request: request)
    }

    func form(_ f: CustomerFields, errors: ValidationErrors, candidates: [DuplicateCandidate], customerID: Int? = nil, context: AppRequestContext, request: Request) -> Response {
        let typed: [String: Any] = [
            "firstName": f.firstName ?? "", "lastName": f.lastName ?? "", "companyName": f.companyName ?? "", "email": f.email ?? "", "phone": f.phone ?? "",
            "address": f.address ?? "", "postcode": f.postcode ?? "", "city": f.city ?? "", "country": f.country ?? context.principal?.country ?? "IT",
            "isCompany": f.kind == "company", "consent": f.consentMarketing ?? false, "vin": f.vin ?? "", "isNew": customerID == nil,
        ]
        let status: HTTPResponse.Status = !errors.isEmpty ? .unprocessableContent : (candidates.isEmpty ? .ok : .conflict)
        return pages.render("customers/form", title: customerID == nil ? "New customer" : "Edit customer", data: [
            "f": typed, "isNew": customerID == nil, "action": customerID.map { "/customers/\($0)" } ?? "/customers", "cancel": customerID.map { "/customers/\($0)" } ?? "/customers", "errors": errors.fields, "hasErrors": !errors.isEmpty, "hasCandidates": !candidates.isEmpty,
            "candidates": candidates.map { c in
                ["id": c.customer.id, "number": c.customer.number, "name": c.customer.displayName, "city": c.customer.city,
                 "reasons": c.match.reasons.joined(separator: "; "), "visible": c.visible] as [String: Any]
            },
        ], context: context, request: request, status: status)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let formData = try await FormData.read(request, context: context)
        var errors = ValidationErrors()
        let fields = CustomerFields(form: formData, errors: &errors)
        if !errors.isEmpty { return form(fields, errors: errors, candidates: [], context: context, request: request) }
        do {
            switch try await CustomerEntry(services: services).enter(fields, principal: p) {
            case let .created(c):
                return PageRenderer.redirect(to: "/customers/\(c.id)", flash: "\(c.displayName) is customer \(c.number).")
            case let .shared(c):
                return PageRenderer.redirect(to: "/customers/\(c.id)", flash: "Using the existing customer \(c.number); no twin was created.")
            case let .duplicates(candidates):
                return form(fields, errors: .init(), candidates: candidates, context: context, request: request)
            }
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return form(fields, errors: ValidationErrors(AppError.from(e)!.fields), candidates: [], context: context, request: request)
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersRead)
        return try await page(try context.id(), contactForm: ContactFields(channel: "walk_in", direction: "inbound"), contactErrors: .init(), principal: p, context: context, request: request)
    }

    /// The customer's page: details, the log-a-contact form (re-shown with its errors), timeline, history.
    func page(_ id: Int, contactForm f: ContactFields, contactErrors: ValidationErrors, principal p: Principal, context: AppRequestContext, request: Request) async throws -> Response {
        let c = try await services.customers.get(id, scope: p.scope)
        let timeline = try await services.timeline.list(customerID: id, scope: p.scope, limit: 50)
        let opportunities = p.can(.salesRead) || p.can(.leadsRead) ? try await services.opportunities.forCustomer(id, scope: p.scope) : []
        let leads = p.can(.leadsRead) ? try await services.leads.openFor(customerID: id, scope: p.scope) : []
        let vehicles = p.can(.stockRead) ? try await services.vehicles.forCustomer(id, scope: p.scope) : []
        let nextService = try await services.maintenance.nextDue(vehicleIDs: vehicles.map(\.id))
        let configurations = p.can(.catalogRead) ? try await services.configurations.list(scope: p.scope, customerID: id, limit: 10).items : []
        let quotes = p.can(.salesRead) ? try await services.quotes.list(QuoteFilter(customerID: id), scope: p.scope, limit: 10).items : []
        let contracts = p.can(.salesRead) ? try await services.contracts.list(customerID: id, scope: p.scope, limit: 10).items : []
        let account = c.kind == "company" && p.can(.salesRead) ? try? await services.accounts.get(id, scope: p.scope) : nil
        let profile = try await ProfileView.current(id, newestEvent: timeline.items.first?.id, services: services)
        // Everyone who may see the customer sees its history (and may undo a merge there when they may edit).
        let history = try await services.audit.history(recordType: "customer", recordID: c.id, scope: .everything, limit: 20).items
        return pages.render("customers/show", title: c.displayName, data: [
            "c": ["id": c.id, "number": c.number, "name": c.displayName, "kind": c.kind, "email": c.email ?? "", "phone": c.phone ?? "",
                  "address": c.address, "postcode": c.postcode, "city": c.city, "country": c.country, "consent": c.consentMarketing] as [String: Any],
            "canWrite": p.can(.customersWrite),
            "channels": ContactChannel.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == f.channel] as [String: Any] },
            "outbound": f.direction == "outbound", "outcome": f.outcome ?? "", "note": f.note ?? "", "followUpOn": f.followUpOn ?? "",
            "today": ContactFields.today(in: p.timeZone), "contactErrors": contactErrors.fields, "hasContactErrors": !contactErrors.isEmpty,
            "timeline": timeline.items.map(TimelineView.row(timeZone: p.timeZone)),
            "hasTimeline": !timeline.items.isEmpty,
            "profile": ProfileView.data(profile, timeZone: p.timeZone),
            "leads": leads.map { LeadView.row($0, now: Date(), timeZone: p.timeZone) }, "hasLeads": !leads.isEmpty,
            "opportunities": opportunities.map { o in
                ["id": o.id, "title": o.title, "stage": o.stage, "owner": o.ownerName ?? "", "closeOn": o.closeOn ?? "", "canSales": p.can(.salesRead),
                 "value": o.expectedValueMinor.map { Money.whole($0) } ?? ""] as [String: Any]
            }, "hasOpportunities": !opportunities.isEmpty, "canOpenOpportunity": p.can(.salesWrite),
            "showOpportunities": !opportunities.isEmpty || p.can(.salesWrite) || !quotes.isEmpty,
            "quotes": quotes.map { q in
                ["id": q.id, "number": q.number, "title": q.title, "total": QuoteView.amount(q.current.totals.totalMinor, q.currency),
                 "tag": QuoteView.statusTag(q, today: ContactFields.today(in: p.timeZone))] as [String: Any]
            }, "hasQuotes": !quotes.isEmpty,
            "contracts": contracts.map(QuoteView.contract), "hasContracts": !contracts.isEmpty,
            "isAccount": account != nil, "canMakeAccount": account == nil && c.kind == "company" && p.can(.salesWrite), "moreTimeline": timeline.nextCursor != nil,
            // a refused "make it a fleet account" comes back with what was typed (AccountRoutes.create)
            "accountForm": ["open": request.query("account_form") == "1", "industry": request.query("industry") ?? "", "fleetSize": request.query("fleet_size") ?? "",
                            "terms": request.query("payment_terms_days") ?? "30"],
            "history": AuditView.rows(history, timeZone: p.timeZone), "hasHistory": !history.isEmpty, "canAudit": true,
            "vehicles": vehicles.map { v in
                ["id": v.id, "title": v.title, "vin": v.vin, "plate": v.plate, "status": v.status.label, "unit": v.unitName ?? "",
                 "nextService": nextService[v.id].map { "\($0.name) due \($0.nextDueDay)" } ?? ""] as [String: Any]
            }, "hasVehicles": !vehicles.isEmpty,
            "configurations": configurations.map { ["id": $0.id, "number": $0.number, "title": $0.modelTitle, "price": CatalogView.money($0.priceMinor, $0.currency)] as [String: Any] },
            "hasConfigurations": !configurations.isEmpty, "canConfigure": p.can(.salesWrite),
        ], context: context, request: request, status: contactErrors.isEmpty ? .ok : .unprocessableContent)
    }
}
