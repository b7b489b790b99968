import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/leads`: the lead list, intake form, lead page with qualification and disqualification.
struct LeadRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/leads", use: index)
        router.get("/leads/new", use: newForm)
        router.post("/leads", use: create)
        router.get("/leads/:id", use: show)
        router.post("/leads/:id", use: update)
        router.post("/leads/:id/disqualify", use: disqualify)
        router.get("/leads/:id/convert", use: convertForm)
        router.post("/leads/:id/convert", use: convert)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.leadsRead)
        let (limit, after) = try request.pagination()
        let filter = try LeadAPI.filter(request, principal: p)
        let page = try await services.leads.list(filter, scope: p.scope, limit: limit, afterID: after)
        var query = request.uri.queryParameters.filter { $0.key != "cursor" }.map { "\($0.key)=\(String($0.value).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        if !query.isEmpty { query += "&" }
        let now = Date()
        let assigned = request.query("assigned_to") ?? ""
        return pages.render("leads/index", title: "Leads", data: [
            "q": filter.query ?? "", "canWrite": p.can(.leadsWrite), "canRules": p.can(.leadsWrite) && p.can(.usersRead), "empty": page.items.isEmpty,
            "filtered": !request.uri.queryParameters.isEmpty,
            "statuses": SelectOptions.of(LeadStatus.allCases, selected: filter.status?.rawValue) { $0.label },
            "sources": SelectOptions.of(LeadSource.allCases, selected: filter.source?.rawValue) { $0.label },
            "sorts": SelectOptions.of(LeadSort.allCases, selected: filter.sort.rawValue) { $0.label },
            "mine": assigned == "me", "unassigned": assigned == "none", "overdue": filter.overdue,
            "leads": page.items.map { LeadView.row($0, now: now, timeZone: p.timeZone) },
            "next": page.nextCursor.map { "/leads?\(query)cursor=\($0)" } ?? "",
        ], context: context, request: request)
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.leadsWrite)
        var f = LeadFields()
        f.source = LeadSource.walkIn.rawValue
        f.country = p.country
        return try await form(f, errors: .init(), principal: p, context: context, request: request)
    }

    func form(_ f: LeadFields, errors: ValidationErrors, principal p: Principal, context: AppRequestContext, request: Request) async throws -> Response {
        // A contact center or region takes leads for the dealers below it: they pick the dealer.
        let dealers = try await services.orgUnits.list(scope: p.scope, filter: .init(kind: .dealer))
        let atDealer = dealers.contains { $0.id == p.orgUnitID }
        let unitID = f.orgUnitId ?? (atDealer ? p.orgUnitID : nil)
        var people: [(id: Int, name: String)] = []
        if let unitID { people = try await services.leads.assignable(unitID: unitID) }
        return pages.render("leads/form", title: "New lead", data: [
            "chooseDealer": !atDealer && !dealers.isEmpty,
            "dealers": dealers.map { ["id": $0.id, "name": $0.name, "code": $0.code, "selected": $0.id == f.orgUnitId] as [String: Any] },
            "f": LeadView.fields(f, defaultCountry: p.country),
            "sources": SelectOptions.of(LeadSource.allCases.filter { $0 != .import && $0 != .api }, selected: f.source) { $0.label },
            "timeframes": SelectOptions.of(LeadTimeframe.allCases, selected: f.timeframe ?? "unknown") { $0.label },
            "payments": SelectOptions.of(LeadPayment.allCases, selected: f.payment ?? "unknown") { $0.label },
            "people": people.map { ["id": $0.id, "name": $0.name, "selected": $0.id == f.assignedUserId] as [String: Any] },
            "errors": errors.fields, "hasErrors": !errors.isEmpty,
        ], context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.leadsWrite)
        var errors = ValidationErrors()
        let fields = LeadFields(form: try await FormData.read(request, context: context), errors: &errors)
        guard errors.isEmpty, let input = fields.validated(defaultCountry: p.country, defaultSource: .walkIn, errors: &errors) else {
            return try await form(fields, errors: errors, principal: p, context: context, request: request)
        }
        do {
            let intake = try await services.leads.create(input, unitID: fields.orgUnitId ?? p.orgUnitID, assignTo: fields.assignedUserId, scope: p.scope, actor: p.actor)
            let l = intake.lead
            let flash = intake.isRepeat ? "\(l.displayName) already had an open lead \(l.number); the new inquiry was added to it."
                : "Lead \(l.number) taken in" + (l.assignedUserName.map { " and assigned to \($0)." } ?? "; nobody is assigned yet.")
            return PageRenderer.redirect(to: "/leads/\(l.id)", flash: flash)
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await form(fields, errors: ValidationErrors(AppError.from(e)!.fields), principal: p, context: context, request: request)
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.leadsRead)
        return try await page(try await services.leads.get(try context.id(), scope: p.scope), qualifyErrors: .init(), disqualifyErrors: .init(), principal: p, context: context, request: request)
    }

    /// The lead page: who, what they asked, score explained, the SLA clock, and the actions.
    func page(_ l: Lead, qualify: LeadFields? = nil, qualifyErrors: ValidationErrors, disqualify: LeadAPI.DisqualifyFields? = nil, disqualifyErrors: ValidationErrors,
              principal p: Principal, context: AppRequestContext, request: Request) async throws -> Response {
        var data = LeadView.row(l, now: Date(), timeZone: p.timeZone)
        let open = LeadStatus(rawValue: l.status)?.isOpen ?? false
        let q = qualify ?? LeadFields(l)
        let score = LeadScore.score(l.scoreFacts)
        data["reasons"] = score.reasons
        data["message"] = l.message
        data["campaign"] = l.campaign
        data["email"] = l.email ?? ""
        data["phone"] = l.phone ?? ""
        data["place"] = [l.postcode, l.city].filter { !$0.isEmpty }.joined(separator: " ")
        data["open"] = open
        data["canWrite"] = p.can(.leadsWrite) && open
        data["q"] = LeadView.fields(q, defaultCountry: p.country)
        data["timeframes"] = SelectOptions.of(LeadTimeframe.allCases, selected: q.timeframe ?? "unknown") { $0.label }
        data["payments"] = SelectOptions.of(LeadPayment.allCases, selected: q.payment ?? "unknown") { $0.label }
        data["statuses"] = SelectOptions.of(LeadStatus.allCases.filter(\.isOpen), selected: l.status) { $0.label }
        data["people"] = try await services.leads.assignable(unitID: l.orgUnitId).map { ["id": $0.id, "name": $0.name, "selected": $0.id == (q.assignedUserId ?? l.assignedUserId)] as [String: Any] }
        data["reasonsList"] = SelectOptions.of(DisqualifyReason.allCases, selected: disqualify?.reason) { $0.label }
        data["dnote"] = disqualify?.note ?? ""
        data["qualifyErrors"] = qualifyErrors.fields
        data["hasQualifyErrors"] = !qualifyErrors.isEmpty
        data["disqualifyErrors"] = disqualifyErrors.fields
        data["hasDisqualifyErrors"] = !disqualifyErrors.isEmpty
        if let reason = l.disqualifyReason { data["disqualified"] = (DisqualifyReason(rawValue: reason)?.label ?? reason) + (l.disqualifyNote.isEmpty ? "" : ": \(l.disqualifyNote)") }
        if let cid = l.customerId ?? l.matchedCustomerId, let c = try? await services.customers.get(cid, scope: p.scope) {
            data["customer"] = ["id": c.id, "number": c.number, "name": c.displayName]
        } else if l.matchedCustomerId != nil {
            data["knownElsewhere"] = true
        }
        let history = try await services.audit.history(recordType: "lead", recordID: l.id, scope: p.scope, limit: 20).items
        data["history"] = AuditView.rows(history, timeZone: p.timeZone)
        data["hasHistory"] = !history.isEmpty
        data["canAudit"] = p.can(.auditRead)
        let failed = !qualifyErrors.isEmpty || !disqualifyErrors.isEmpty
        return pages.render("leads/show", title: "\(l.number) \(l.displayName)", data: data, context: context, request: request, status: failed ? .unprocessableContent : .ok)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.leadsWrite)
        let lead = try await services.leads.get(try context.id(), scope: p.scope)
        let form = try await FormData.read(request, context: context)
        var errors = ValidationErrors()
        var f = LeadFields(lead)
        f.interestBrand = form["interest_brand"]; f.interestModel = form["interest_model"]; f.timeframe = form["timeframe"]; f.payment = form["payment"]
        f.tradeIn = form["trade_in"] == "on"
        f.budget = FormValue.int(form["budget"], field: "budget", into: &errors)
        f.assignedUserId = FormValue.int(form["assigned_user_id"], field: "assigned_user_id", into: &errors)
        let q = f.qualification(errors: &errors)
        let status = LeadStatus(rawValue: form["status"] ?? lead.status)
        if status == nil || !(status?.isOpen ?? false) { errors.add("status", "must be new, contacted or qualified") }
        guard errors.isEmpty else {
            return try await page(lead, qualify: f, qualifyErrors: errors, disqualifyErrors: .init(), principal: p, context: context, request: request)
        }
        do {
            let change = LeadUpdate(qualification: q, status: status, assignedUserID: .some(f.assignedUserId))
            let l = try await services.leads.update(lead.id, change, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/leads/\(l.id)", flash: "Saved. Score \(l.score).")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await page(lead, qualify: f, qualifyErrors: ValidationErrors(AppError.from(e)!.fields), disqualifyErrors: .init(), principal: p, context: context, request: request)
        }
    }

    @Sendable func disqualify(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.leadsWrite)
        let lead = try await services.leads.get(try context.id(), scope: p.scope)
        let form = try await FormData.read(request, context: context)
        let fields = LeadAPI.DisqualifyFields(reason: form["reason"], note: form["note"])
        var errors = ValidationErrors()
        guard let (reason, note) = fields.validated(errors: &errors) else {
            return try await page(lead, qualifyErrors: .init(), disqualify: fields, disqualifyErrors: errors, principal: p, context: context, request: request)
        }
        let l = try await services.leads.disqualify(lead.id, reason: reason, note: note, scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/leads/\(l.id)", flash: "\(l.number) disqualified: \(reason.label.lowercased()).")
    }
}
