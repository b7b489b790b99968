import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/leads`: intake, list, qualify, disqualify, convert (LEAD-1…4).
struct LeadAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/leads", use: list)
        router.post("/api/v1/leads", use: create)
        router.get("/api/v1/leads/:id", use: show)
        router.patch("/api/v1/leads/:id", use: update)
        router.post("/api/v1/leads/:id/disqualify", use: disqualify)
        router.post("/api/v1/leads/:id/convert", use: convert)
    }

    /// The list filters, shared with the HTML list.
    static func filter(_ request: Request, principal p: Principal) throws -> LeadFilter {
        var f = LeadFilter()
        f.defaultCountry = p.country
        f.status = try request.choice("status", in: LeadStatus.allCases.map(\.rawValue)).flatMap(LeadStatus.init(rawValue:))
        f.source = try request.choice("source", in: LeadSource.allCases.map(\.rawValue)).flatMap(LeadSource.init(rawValue:))
        switch request.query("assigned_to") {
        case nil: break
        case "me": f.assignedUserID = p.userID ?? -1
        case "none": f.unassigned = true
        case let .some(text):
            guard let id = Int(text), id > 0 else { throw AppError.invalid(.init(["assigned_to": "must be me, none or a user id"])) }
            f.assignedUserID = id
        }
        f.overdue = try request.choice("overdue", in: ["true", "false"]) == "true"
        f.query = request.query("q")
        f.sort = try request.choice("sort", in: LeadSort.allCases.map(\.rawValue)).flatMap(LeadSort.init(rawValue:)) ?? .newest
        return f
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.leadsRead)
        let (limit, after) = try request.pagination()
        let page = try await services.leads.list(try Self.filter(request, principal: p), scope: p.scope, limit: limit, afterID: after)
        return try APIResponse.json(APIResponse.List(data: page.items.map { LeadJSON(lead: $0) }, nextCursor: page.nextCursor))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.leadsRead)
        return try APIResponse.json(LeadJSON(lead: try await services.leads.get(try context.id(), scope: p.scope)))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.leadsWrite)
        let fields = try await JSONBody.decode(LeadFields.self, from: request, context: context)
        var errors = ValidationErrors()
        guard let input = fields.validated(defaultCountry: p.country, defaultSource: .api, errors: &errors) else { throw AppError.invalid(errors) }
        let intake = try await services.leads.create(input, unitID: fields.orgUnitId ?? p.orgUnitID, assignTo: fields.assignedUserId, scope: p.scope, actor: p.actor)
        var response = try APIResponse.json(LeadJSON(lead: intake.lead, isRepeat: intake.isRepeat), status: intake.isRepeat ? .ok : .created)
        response.headers[.location] = "/api/v1/leads/\(intake.lead.id)"
        return response
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.leadsWrite)
        let id = try context.id()
        let current = try await services.leads.get(id, scope: p.scope)
        let (patch, keys) = try await JSONBody.decodeWithKeys(LeadPatch.self, from: request, context: context)
        var f = LeadFields(current)
        if keys["interest_brand"] != nil { f.interestBrand = patch.interestBrand }
        if keys["interest_model"] != nil { f.interestModel = patch.interestModel }
        if keys["timeframe"] != nil { f.timeframe = patch.timeframe }
        if keys["payment"] != nil { f.payment = patch.payment }
        if keys["trade_in"] != nil { f.tradeIn = patch.tradeIn }
        if keys["budget"] != nil { f.budget = patch.budget }
        var errors = ValidationErrors()
        let q = f.qualification(errors: &errors)
        var status: LeadStatus?
        if keys["status"] != nil {
            status = patch.status.flatMap(LeadStatus.init(rawValue:))
            if status == nil { errors.add("status", "must be one of: new, contacted, qualified (disqualify and convert have their own endpoints)") }
        }
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        let assignee: Int?? = keys["assigned_user_id"] != nil ? .some(patch.assignedUserId) : nil
        return try APIResponse.json(LeadJSON(lead: try await services.leads.update(id, LeadUpdate(qualification: q, status: status, assignedUserID: assignee), scope: p.scope, actor: p.actor)))
    }

    /// What PATCH accepts: qualification, status and assignee (who the lead is stays as taken in).
    struct LeadPatch: APIInput {
        var interestBrand: String?
        var interestModel: String?
        var timeframe: String?
        var payment: String?
        var tradeIn: Bool?
        var budget: Int?
        var status: String?
        var assignedUserId: Int?
        static let fields: Set<String> = ["interest_brand", "interest_model", "timeframe", "payment", "trade_in", "budget", "status", "assigned_user_id"]
    }

    struct DisqualifyFields: APIInput {
        var reason: String?
        var note: String?
        static let fields: Set<String> = ["reason", "note"]

        func validated(errors: inout ValidationErrors) -> (DisqualifyReason, String)? {
            let reason = self.reason.flatMap(DisqualifyReason.init(rawValue:))
            if reason == nil { errors.add("reason", "must be one of: " + DisqualifyReason.allCases.map(\.rawValue).joined(separator: ", ")) }
            let note = Validate.text(note, field: "note", required: reason == .other, limit: Validate.textLimit, into: &errors) ?? ""
            guard errors.isEmpty, let reason else { return nil }
            return (reason, note)
        }
    }

    @Sendable func disqualify(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.leadsWrite)
        let id = try context.id()
        _ = try await services.leads.get(id, scope: p.scope)
        let fields = try await JSONBody.decode(DisqualifyFields.self, from: request, context: context)
        var errors = ValidationErrors()
        guard let (reason, note) = fields.validated(errors: &errors) else { throw AppError.invalid(errors) }
        return try APIResponse.json(LeadJSON(lead: try await services.leads.disqualify(id, reason: reason, note: note, scope: p.scope, actor: p.actor)))
    }

    @Sendable func convert(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.leadsWrite)
        let id = try context.id()
        let lead = try await services.leads.get(id, scope: p.scope)
        let fields = try await JSONBody.decode(ConvertFields.self, from: request, context: context)
        var errors = ValidationErrors()
        guard let (choice, draft) = fields.validated(lead: lead, today: ContactFields.today(in: p.timeZone), errors: &errors) else { throw AppError.invalid(errors) }
        switch try await services.leads.convert(id, customer: choice, opportunity: draft, ownerUserID: p.userID, scope: p.scope, actor: p.actor) {
        case let .converted(lead, customer, opportunity):
            return try APIResponse.json(Converted(lead: LeadJSON(lead: lead), customer: CustomerJSON(customer: customer), opportunity: opportunity), status: .created)
        case let .duplicates(candidates):
            return try APIResponse.json(CustomerAPI.DuplicateBody(
                error: .init(code: "duplicate_found", message: "The lead's person probably exists already as a customer. Send customer_id to use one of the candidates, or on_duplicate: \"create\"."),
                candidates: candidates.map(CandidateJSON.init)), status: .conflict)
        }
    }

    struct Converted: Encodable {
        var lead: LeadJSON
        var customer: CustomerJSON
        var opportunity: Opportunity
    }
}
