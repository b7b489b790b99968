import Hummingbird
import TorqueDomain
import TorqueStore

/// The pipeline in the browser (SALES-1): the board, a new opportunity, one opportunity with
/// its edit form and the stage buttons. Works without JavaScript.
struct OpportunityRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/sales/pipeline", use: board)
        router.get("/sales/opportunities", use: list)
        router.get("/sales/opportunities/new", use: newForm)
        router.post("/sales/opportunities", use: create)
        router.get("/sales/opportunities/:id", use: show)
        router.post("/sales/opportunities/:id", use: update)
        router.post("/sales/opportunities/:id/stage", use: move)
    }

    static func money(_ minor: Int?, _ currency: String) -> String { minor.map { "\(currency) \(Money.whole($0))" } ?? "" }

    static func options(_ stages: [PipelineStage], selected: String) -> [[String: Any]] {
        stages.map { ["value": $0.code, "label": $0.label, "selected": $0.code == selected] }
    }

    @Sendable func board(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        var f = try OpportunityAPI.filter(request)
        let mine = request.query("mine") == "1"
        if mine { f.ownerID = p.userID }
        let stages = try await OpportunityAPI(services: services).stages(request, principal: p)
        let today = ContactFields.today(in: p.timeZone)
        let columns = try await services.opportunities.board(f, stages: stages, today: today, scope: p.scope)
        let currency = Money.currency(forCountry: p.country)
        let open = stages.filter { $0.outcome == .open }
        let canWrite = p.can(.salesWrite)
        let rows: [[String: Any]] = columns.map { c in
            let next = c.stage.outcome == .open ? open.drop(while: { $0.code != c.stage.code }).dropFirst().first : nil
            return [
                "label": c.stage.label, "code": c.stage.code, "count": c.count, "value": Self.money(c.valueMinor, currency),
                "weighted": Self.money(Pipeline.weighted(valueMinor: c.valueMinor, probability: c.stage.probability), currency), "probability": c.stage.probability,
                // Mustache takes 0 as true: counts that may be zero travel with a flag.
                "stale": c.stale, "hasStale": c.stale > 0, "closed": c.stage.outcome != .open, "more": c.count - c.cards.count, "hasMore": c.count > c.cards.count,
                "moreHref": "/sales/opportunities?stage=\(c.stage.code)" + (mine ? "&mine=1" : ""),
                "cards": c.cards.map { o in
                    [
                        "id": o.id, "title": o.title, "customer": o.customerName ?? "", "customerId": o.customerId, "value": Self.money(o.expectedValueMinor, currency),
                        "owner": o.ownerName ?? "unassigned", "closeOn": o.closeOn ?? "",
                        "stale": Pipeline.isStale(stageChangedOn: String((o.stageChangedAt ?? o.updatedAt).prefix(10)), today: today, outcome: c.stage.outcome),
                        "next": canWrite ? (next.map { ["code": $0.code, "label": $0.label] as Any } ?? false) : false,
                    ] as [String: Any]
                },
            ]
        }
        let total = columns.filter { $0.stage.outcome == .open }
        return pages.render("sales/pipeline", title: "Pipeline", data: [
            "columns": rows, "mine": mine, "canWrite": canWrite, "canSetStages": p.can(.quotesApprove), "staleDays": Pipeline.staleAfterDays, "closedDays": OpportunityStore.closedWindowDays,
            "openValue": Self.money(total.reduce(0) { $0 + $1.valueMinor }, currency),
            "openWeighted": Self.money(total.reduce(0) { $0 + Pipeline.weighted(valueMinor: $1.valueMinor, probability: $1.stage.probability) }, currency),
            "openCount": total.reduce(0) { $0 + $1.count },
        ], context: context, request: request)
    }

    /// Every opportunity of a stage (the board shows the latest 30), or the stale ones.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        var f = try OpportunityAPI.filter(request)
        let mine = request.query("mine") == "1"
        if mine { f.ownerID = p.userID }
        let (limit, after) = try request.pagination()
        let stages = try await OpportunityAPI(services: services).stages(request, principal: p)
        let today = ContactFields.today(in: p.timeZone)
        let page = try await services.opportunities.list(f, stages: stages, today: today, scope: p.scope, limit: limit, afterID: after)
        let currency = Money.currency(forCountry: p.country)
        var query = "stage=\(f.stage ?? "")" + (f.staleOnly ? "&stale=true" : "") + (mine ? "&mine=1" : "")
        query = query.replacingOccurrences(of: " ", with: "+")
        return pages.render("sales/opportunities", title: "Opportunities", data: [
            "rows": page.items.map { o in
                let stage = stages.first { $0.code == o.stage }
                return ["id": o.id, "title": o.title, "customer": o.customerName ?? "", "customerId": o.customerId, "stage": stage?.label ?? o.stage,
                        "value": Self.money(o.expectedValueMinor, currency), "owner": o.ownerName ?? "", "closeOn": o.closeOn ?? "",
                        "stale": Pipeline.isStale(stageChangedOn: String((o.stageChangedAt ?? o.updatedAt).prefix(10)), today: today, outcome: stage?.outcome ?? .open)] as [String: Any]
            },
            "hasRows": !page.items.isEmpty, "stages": Self.options(stages, selected: f.stage ?? ""), "stale": f.staleOnly, "mine": mine,
            "next": page.nextCursor.map { "/sales/opportunities?\(query)&cursor=\($0)" } ?? "",
        ], context: context, request: request)
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        var f = OpportunityFields()
        f.customerId = request.query("customer_id").flatMap(Int.init)
        f.ownerUserId = p.userID
        f.vehicleId = request.query("vehicle_id").flatMap(Int.init)
        f.configurationId = request.query("configuration_id").flatMap(Int.init)
        f.title = request.query("title")
        return try await form(f, id: nil, errors: .init(), principal: p, request: request, context: context)
    }

    /// The form for a new or an existing opportunity; `errors` beside their fields, input kept.
    func form(_ f: OpportunityFields, id: Int?, errors: ValidationErrors, principal p: Principal, request: Request, context: AppRequestContext, opportunity: Opportunity? = nil,
              moveErrors: ValidationErrors = .init(), moveTo: String? = nil, reason: String = "", typed: FormData? = nil) async throws -> Response {
        let unit = opportunity?.orgUnitId ?? p.orgUnitID
        let stages = try await services.salesStages.stages(forUnit: unit)
        let owners = try await services.leads.assignable(unitID: unit)
        var customerName = ""
        if let c = f.customerId { customerName = (try? await services.customers.get(c, scope: p.scope))?.displayName ?? "" }
        var values: [String: String] = [
            "customerId": f.customerId.map(String.init) ?? "", "title": f.title ?? "", "value": f.expectedValueMinor.map { String($0 / 100) } ?? "",
            "closeOn": f.closeOn ?? "", "vehicleId": f.vehicleId.map(String.init) ?? "", "configurationId": f.configurationId.map(String.init) ?? "",
        ]
        // What was typed stays in the field even when it is not a number.
        if let typed {
            for (key, name) in [("customerId", "customer_id"), ("value", "value"), ("vehicleId", "vehicle_id"), ("configurationId", "configuration_id")] where typed[name] != nil {
                values[key] = typed[name]
            }
        }
        let ownerRows: [[String: Any]] = [["value": "", "label": "Nobody yet", "selected": f.ownerUserId == nil]]
            + owners.map { ["value": String($0.id), "label": $0.name, "selected": $0.id == f.ownerUserId] }
        var data: [String: Any] = [
            "id": id ?? 0, "editing": id != nil, "action": id.map { "/sales/opportunities/\($0)" } ?? "/sales/opportunities",
            "f": values,
            "customerName": customerName,
            "stages": Self.options(stages.filter { $0.outcome == .open || id != nil }, selected: f.stage ?? stages.first { $0.outcome == .open }?.code ?? ""),
            "owners": ownerRows,
            "errors": errors.fields, "hasErrors": !errors.isEmpty,
        ]
        if let o = opportunity { data.merge(try await details(o, stages: stages, principal: p, moveErrors: moveErrors, moveTo: moveTo, reason: reason)) { a, _ in a } }
        let title = opportunity.map { "\($0.title) · \($0.customerName ?? "")" } ?? "New opportunity"
        return pages.render(id == nil ? "sales/opportunity_new" : "sales/opportunity", title: title, data: data, context: context, request: request,
                            status: errors.isEmpty && moveErrors.isEmpty ? .ok : .unprocessableContent)
    }

    /// What the opportunity page shows beside the form: stage, move buttons, history.
    func details(_ o: Opportunity, stages: [PipelineStage], principal p: Principal, moveErrors: ValidationErrors, moveTo: String?, reason: String) async throws -> [String: Any] {
        let current = stages.first { $0.code == o.stage }
        let today = ContactFields.today(in: p.timeZone)
        let history = p.can(.auditRead) ? try await services.audit.history(recordType: "opportunity", recordID: o.id, scope: p.scope, limit: 20).items : []
        let quotes = try await services.quotes.list(QuoteFilter(opportunityID: o.id), scope: p.scope, limit: 20).items
        return [
            "o": ["id": o.id, "title": o.title, "customer": o.customerName ?? "", "customerId": o.customerId, "stage": current?.label ?? o.stage,
                  "lost": current?.outcome == .lost, "won": current?.outcome == .won, "lostReason": o.lostReason ?? "", "owner": o.ownerName ?? "nobody",
                  "value": Self.money(o.expectedValueMinor, Money.currency(forCountry: p.country)), "since": String((o.stageChangedAt ?? o.updatedAt).prefix(10)),
                  "stale": Pipeline.isStale(stageChangedOn: String((o.stageChangedAt ?? o.updatedAt).prefix(10)), today: today, outcome: current?.outcome ?? .open),
                  "vehicleId": o.vehicleId ?? 0, "configurationId": o.configurationId ?? 0],
            "moveStages": Self.options(stages.filter { $0.code != o.stage }, selected: moveTo ?? ""),
            "moveErrors": moveErrors.fields, "reason": reason, "canWrite": p.can(.salesWrite),
            "quotes": quotes.map { q in
                ["id": q.id, "number": q.number, "title": q.title, "total": QuoteView.amount(q.current.totals.totalMinor, q.currency), "tag": QuoteView.statusTag(q, today: today)] as [String: Any]
            }, "hasQuotes": !quotes.isEmpty,
            "history": AuditView.rows(history, timeZone: p.timeZone), "hasHistory": !history.isEmpty, "canAudit": p.can(.auditRead),
        ]
    }

    static func fields(_ form: FormData, errors: inout ValidationErrors) -> OpportunityFields {
        var f = OpportunityFields()
        f.customerId = FormValue.int(form["customer_id"], field: "customer_id", into: &errors)
        f.title = form["title"]
        f.stage = form["stage"]
        f.ownerUserId = FormValue.int(form["owner_user_id"], field: "owner_user_id", into: &errors)
        f.expectedValueMinor = FormValue.money(form["value"], field: "expected_value_minor", into: &errors)
        f.closeOn = form["close_on"]
        f.vehicleId = FormValue.int(form["vehicle_id"], field: "vehicle_id", into: &errors)
        f.configurationId = FormValue.int(form["configuration_id"], field: "configuration_id", into: &errors)
        f.lostReason = form["lost_reason"]
        return f
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        var errors = ValidationErrors()
        let sent = try await FormData.read(request, context: context)
        let f = Self.fields(sent, errors: &errors)
        let stages = try await services.salesStages.stages(forUnit: p.orgUnitID)
        do {
            guard errors.isEmpty else { throw AppError.invalid(errors) }
            let input = try f.validated(defaultStage: stages.first { $0.outcome == .open }?.code ?? "new")
            let o = try await services.opportunities.create(input, unitID: p.orgUnitID, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/sales/opportunities/\(o.id)", flash: "Opportunity opened for \(o.customerName ?? "the customer").")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await form(f, id: nil, errors: ValidationErrors(AppError.from(e)!.fields), principal: p, request: request, context: context, typed: sent)
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let o = try await services.opportunities.get(try context.id(), scope: p.scope)
        return try await form(OpportunityFields(o), id: o.id, errors: .init(), principal: p, request: request, context: context, opportunity: o)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let o = try await services.opportunities.get(try context.id(), scope: p.scope)
        var errors = ValidationErrors()
        let sent = try await FormData.read(request, context: context)
        var f = Self.fields(sent, errors: &errors)
        f.customerId = o.customerId
        if f.lostReason == nil { f.lostReason = o.lostReason }
        do {
            guard errors.isEmpty else { throw AppError.invalid(errors) }
            let saved = try await services.opportunities.update(o.id, try f.validated(defaultStage: o.stage), scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/sales/opportunities/\(saved.id)", flash: "Saved.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await form(f, id: o.id, errors: ValidationErrors(AppError.from(e)!.fields), principal: p, request: request, context: context, opportunity: o, typed: sent)
        }
    }

    /// From the board ("→ Quoted") or the page's stage form; a loss without a reason comes
    /// back to the page with the message beside the reason.
    @Sendable func move(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let o = try await services.opportunities.get(try context.id(), scope: p.scope)
        let sent = try await FormData.read(request, context: context)
        let stage = sent["stage"] ?? ""
        let reason = (sent["lost_reason"] ?? "").trimmed
        do {
            if reason.count > 500 { throw AppError.invalid(.init(["lost_reason": "must be at most 500 characters"])) }
            let moved = try await services.opportunities.move(o.id, to: stage, lostReason: reason, scope: p.scope, actor: p.actor)
            let back = sent["back"] == "pipeline" ? "/sales/pipeline" : "/sales/opportunities/\(moved.id)"
            let label = try await services.salesStages.stages(forUnit: moved.orgUnitId).first { $0.code == moved.stage }?.label ?? moved.stage
            return PageRenderer.redirect(to: back, flash: "\(moved.title): \(label).")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await form(OpportunityFields(o), id: o.id, errors: .init(), principal: p, request: request, context: context, opportunity: o,
                                  moveErrors: ValidationErrors(AppError.from(e)!.fields), moveTo: stage, reason: reason)
        }
    }
}
