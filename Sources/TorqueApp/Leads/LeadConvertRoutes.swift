import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/leads/{id}/convert`: customer + opportunity from the lead, with the duplicate check (LEAD-4).
extension LeadRoutes {
    @Sendable func convertForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.leadsWrite)
        let lead = try await services.leads.get(try context.id(), scope: p.scope)
        guard LeadStatus(rawValue: lead.status)?.isOpen ?? false else { return PageRenderer.redirect(to: "/leads/\(lead.id)", flash: "\(lead.number) is \(lead.status); it cannot be converted.") }
        return try await convertPage(lead, fields: ConvertFields(title: ConvertFields.defaultTitle(lead)), errors: .init(), principal: p, context: context, request: request)
    }

    func convertPage(_ lead: Lead, fields f: ConvertFields, errors: ValidationErrors, principal p: Principal, context: AppRequestContext, request: Request) async throws -> Response {
        let candidates = try await services.customers.duplicates(of: lead.person, scope: p.scope)
        let chosen = f.customerId ?? candidates.first?.customer.id
        return pages.render("leads/convert", title: "Convert \(lead.number)", data: [
            "id": lead.id, "number": lead.number, "name": lead.displayName, "phone": lead.phone ?? "", "email": lead.email ?? "",
            "title": f.title ?? "", "expectedValue": f.expectedValue.map(String.init) ?? "", "closeOn": f.closeOn ?? "", "today": ContactFields.today(in: p.timeZone),
            "hasCandidates": !candidates.isEmpty, "createChecked": chosen == nil || f.onDuplicate == "create",
            "candidates": candidates.map { c in
                ["id": c.customer.id, "number": c.customer.number, "name": c.customer.displayName, "city": c.customer.city, "visible": c.visible,
                 "reasons": c.match.reasons.joined(separator: "; "), "checked": f.onDuplicate != "create" && c.customer.id == chosen] as [String: Any]
            },
            "errors": errors.fields, "hasErrors": !errors.isEmpty,
        ], context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func convert(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.leadsWrite)
        let lead = try await services.leads.get(try context.id(), scope: p.scope)
        let form = try await FormData.read(request, context: context)
        var errors = ValidationErrors()
        // One radio group: "create" or a candidate's id.
        let pick = form["customer"] ?? "create"
        var fields = ConvertFields(title: form["title"], expectedValue: FormValue.int(form["expected_value"], field: "expected_value", into: &errors), closeOn: form["close_on"])
        if pick == "create" { fields.onDuplicate = "create" } else { fields.customerId = FormValue.int(pick, field: "customer", into: &errors) }
        guard errors.isEmpty, let (choice, draft) = fields.validated(lead: lead, today: ContactFields.today(in: p.timeZone), errors: &errors) else {
            return try await convertPage(lead, fields: fields, errors: errors, principal: p, context: context, request: request)
        }
        do {
            switch try await services.leads.convert(lead.id, customer: choice, opportunity: draft, ownerUserID: p.userID, scope: p.scope, actor: p.actor) {
            case let .converted(_, customer, opportunity):
                return PageRenderer.redirect(to: "/customers/\(customer.id)", flash: "\(lead.number) converted: \(customer.displayName) (\(customer.number)) has the opportunity “\(opportunity.title)”.")
            case .duplicates:
                return try await convertPage(lead, fields: fields, errors: .init(), principal: p, context: context, request: request)
            }
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await convertPage(lead, fields: fields, errors: ValidationErrors(AppError.from(e)!.fields), principal: p, context: context, request: request)
        }
    }
}
