import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// A dealer's lead rules (LEAD-3) and its public web form (LEAD-1): page and API.
struct LeadSettingsRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/lead-settings", use: show)
        router.post("/lead-settings", use: save)
        router.get("/api/v1/org-units/:id/lead-settings", use: get)
        router.put("/api/v1/org-units/:id/lead-settings", use: put)
    }

    /// Who may change lead rules: people who work leads and see their colleagues.
    func require(_ context: AppRequestContext) throws -> Principal {
        let p = try context.require(.leadsWrite)
        guard p.can(.usersRead) else { throw AppError.forbidden }
        return p
    }

    struct SettingsFields: APIInput {
        struct BrandRule: Decodable { var brand: String?; var userId: Int? }
        var rule: String?
        var slaMinutes: Int?
        var brandRules: [BrandRule]?
        var newFormKey: Bool?
        static let fields: Set<String> = ["rule", "sla_minutes", "brand_rules", "new_form_key"]

        func validated(errors: inout ValidationErrors) -> (LeadAssignmentRule, Int, [(brand: String, userID: Int)])? {
            let rule = LeadAssignmentRule(rawValue: self.rule ?? "")
            if rule == nil { errors.add("rule", "must be one of: " + LeadAssignmentRule.allCases.map(\.rawValue).joined(separator: ", ")) }
            let sla = slaMinutes ?? LeadSLA.defaultMinutes
            if !(1...10080).contains(sla) { errors.add("sla_minutes", "must be from 1 to 10080 (a week)") }
            var rules: [(String, Int)] = []
            for (i, r) in (brandRules ?? []).enumerated() {
                guard let brand = Validate.text(r.brand, field: "brand_rules[\(i)].brand", limit: 60, into: &errors) else { continue }
                guard let user = r.userId else { errors.add("brand_rules[\(i)].user_id", "is required"); continue }
                rules.append((brand, user))
            }
            guard errors.isEmpty, let rule else { return nil }
            return (rule, sla, rules)
        }
    }

    struct SettingsJSON: Encodable {
        struct BrandRule: Encodable { var brand: String; var userId: Int }
        var orgUnitId: Int
        var rule: String
        var slaMinutes: Int
        var formKey: String
        var formUrl: String
        var brandRules: [BrandRule]
        init(_ s: LeadSettings, baseURL: String) {
            orgUnitId = s.orgUnitId; rule = s.rule.rawValue; slaMinutes = s.slaMinutes; formKey = s.formKey
            formUrl = "\(baseURL)/api/v1/public/leads/\(s.formKey)"
            brandRules = s.brandRules.sorted { $0.key < $1.key }.flatMap { b in b.value.map { BrandRule(brand: b.key, userId: $0) } }
        }
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try require(context)
        return try APIResponse.json(SettingsJSON(try await services.leadSettings.get(unitID: try context.id(), scope: p.scope), baseURL: services.config.baseURL))
    }

    @Sendable func put(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try require(context)
        let unitID = try context.id()
        _ = try await services.leadSettings.get(unitID: unitID, scope: p.scope)
        let fields = try await JSONBody.decode(SettingsFields.self, from: request, context: context)
        var errors = ValidationErrors()
        guard let (rule, sla, rules) = fields.validated(errors: &errors) else { throw AppError.invalid(errors) }
        let saved = try await services.leadSettings.save(unitID: unitID, rule: rule, slaMinutes: sla, brandRules: rules, newFormKey: fields.newFormKey ?? false, scope: p.scope, actor: p.actor)
        return try APIResponse.json(SettingsJSON(saved, baseURL: services.config.baseURL))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try require(context)
        let s = try await services.leadSettings.get(unitID: p.orgUnitID, scope: p.scope)
        return try await page(s, rule: s.rule.rawValue, sla: "\(s.slaMinutes)", brands: brandsByUser(s), errors: .init(), principal: p, context: context, request: request)
    }

    func brandsByUser(_ s: LeadSettings) -> [Int: String] {
        var out: [Int: [String]] = [:]
        for (brand, users) in s.brandRules { for u in users { out[u, default: []].append(brand) } }
        return out.mapValues { $0.sorted().joined(separator: ", ") }
    }

    func page(_ s: LeadSettings, rule: String, sla: String, brands: [Int: String], errors: ValidationErrors, principal p: Principal, context: AppRequestContext, request: Request) async throws -> Response {
        let people = try await services.leads.salespeopleNamed(unitID: s.orgUnitId)
        let url = "\(services.config.baseURL)/api/v1/public/leads/\(s.formKey)"
        return pages.render("leads/settings", title: "Lead rules", data: [
            "unit": p.orgUnitName, "sla": sla, "formUrl": url, "snippet": WebFormSnippet.html(action: url),
            "rules": SelectOptions.of(LeadAssignmentRule.allCases, selected: rule) { $0.label },
            "people": people.map { ["id": $0.id, "name": $0.name, "brands": brands[$0.id] ?? ""] as [String: Any] },
            "hasPeople": !people.isEmpty, "errors": errors.fields, "hasErrors": !errors.isEmpty,
        ], context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try require(context)
        let current = try await services.leadSettings.get(unitID: p.orgUnitID, scope: p.scope)
        let form = try await FormData.read(request, context: context)
        var errors = ValidationErrors()
        let people = try await services.leads.salespeopleNamed(unitID: p.orgUnitID)
        var brands: [Int: String] = [:]
        var rules: [SettingsFields.BrandRule] = []
        for person in people {
            let typed = form["brands_\(person.id)"] ?? ""
            brands[person.id] = typed
            for brand in typed.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !brand.isEmpty {
                if brand.count > 60 { errors.add("brands_\(person.id)", "each brand must be at most 60 characters") }
                rules.append(.init(brand: brand, userId: person.id))
            }
        }
        let slaText = form["sla_minutes"] ?? ""
        let fields = SettingsFields(rule: form["rule"], slaMinutes: FormValue.int(slaText, field: "sla_minutes", into: &errors), brandRules: rules, newFormKey: form["new_form_key"] == "on")
        guard errors.isEmpty, let (rule, sla, brandRules) = fields.validated(errors: &errors) else {
            return try await page(current, rule: form["rule"] ?? "", sla: slaText, brands: brands, errors: errors, principal: p, context: context, request: request)
        }
        _ = try await services.leadSettings.save(unitID: p.orgUnitID, rule: rule, slaMinutes: sla, brandRules: brandRules, newFormKey: fields.newFormKey ?? false, scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/lead-settings", flash: "Lead rules saved" + (fields.newFormKey == true ? "; the web form has a new key, update your website." : "."))
    }
}

/// The HTML a dealer pastes into its website. Field names are the API's; `website` is a trap
/// field hidden from people that bots fill in.
enum WebFormSnippet {
    static func html(action: String) -> String {
        """
        <form method="post" action="\(action)">
          <label>Name <input name="name" required></label>
          <label>Phone <input name="phone" type="tel"></label>
          <label>E-mail <input name="email" type="email"></label>
          <label>Model <input name="interest_model"></label>
          <label>Message <textarea name="message"></textarea></label>
          <label><input type="checkbox" name="consent_marketing"> Send me offers</label>
          <input type="hidden" name="campaign" value="">
          <input name="website" tabindex="-1" autocomplete="off" hidden>
          <button type="submit">Send</button>
        </form>
        """
    }
}
