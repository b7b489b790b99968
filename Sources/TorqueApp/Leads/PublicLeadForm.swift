import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `POST /api/v1/public/leads/{form_key}`: a dealer's website posts inquiries here without an
/// account (LEAD-1). Takes JSON (scripts) or an HTML form post (the snippet shown in lead
/// settings). The answer never reveals anything stored: only that the inquiry arrived.
struct PublicLeadForm {
    let services: AppServices

    static let prefix = "/api/v1/public/"

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/api/v1/public/leads/:key", use: receive)
        router.on("/api/v1/public/leads/:key", method: .options, use: preflight)
    }

    /// CORS preflight for scripts on the dealer's site sending JSON. Credentials are never used.
    @Sendable func preflight(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(status: .noContent, headers: [.accessControlAllowMethods: "POST", .accessControlAllowHeaders: "Content-Type", .accessControlMaxAge: "86400"])
    }

    struct Received: Encodable { var received: Bool; var reference: String }

    @Sendable func receive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let key = context.parameters.get("key") ?? ""
        guard let unitID = try await services.leadSettings.unit(forFormKey: key) else { throw AppError.notFound }
        let isForm = request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") ?? false
        var errors = ValidationErrors()
        var fields: LeadFields
        var honeypot = false
        if isForm {
            let form = try await FormData.read(request, context: context)
            fields = LeadFields(form: form, errors: &errors)
            // Many site forms have one "name" field: its last word is the family name.
            if let name = form["name"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty, fields.lastName == nil {
                var words = name.split(separator: " ").map(String.init)
                fields.lastName = words.popLast()
                fields.firstName = words.isEmpty ? nil : words.joined(separator: " ")
            }
            honeypot = !(form["website"] ?? "").isEmpty
        } else {
            fields = try await JSONBody.decode(LeadFields.self, from: request, context: context)
        }
        // What a website may not choose: where the lead goes and who works it.
        if fields.orgUnitId != nil { errors.add("org_unit_id", "is set by the form key") }
        if fields.assignedUserId != nil { errors.add("assigned_user_id", "is set by the dealer's assignment rule") }
        if let s = fields.source, s != LeadSource.webForm.rawValue, s != LeadSource.campaign.rawValue { errors.add("source", "must be web_form or campaign") }
        let unit = try await services.orgUnits.get(unitID, scope: .everything)
        let input = errors.isEmpty ? fields.validated(defaultCountry: unit.country, defaultSource: .webForm, errors: &errors) : nil
        guard let input else {
            if isForm { return page(status: .unprocessableContent, title: "Please check the form", lines: errors.fields.sorted { $0.key < $1.key }.map { "\($0.key.replacingOccurrences(of: "_", with: " ")): \($0.value)" }) }
            throw AppError.invalid(errors)
        }
        if honeypot {
            // A bot filled the hidden field: answer as if received, store nothing.
            return isForm ? page(status: .ok, title: "Thank you", lines: ["We received your request and will contact you shortly."]) : try APIResponse.json(Received(received: true, reference: "L-0"), status: .accepted)
        }
        let intake = try await services.leads.create(input, unitID: unitID, assignTo: nil, scope: .everything, actor: Actor(userID: nil, label: "web form"))
        if isForm {
            return page(status: .ok, title: "Thank you", lines: ["We received your request (reference \(intake.lead.number)) and will contact you shortly."])
        }
        return try APIResponse.json(Received(received: true, reference: intake.lead.number), status: .accepted)
    }

    /// A bare page for visitors of the dealer's site (they have no Torque account or layout).
    func page(status: HTTPResponse.Status, title: String, lines: [String]) -> Response {
        let esc = { (s: String) in s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;") }
        let html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>\(esc(title))</title>
            <link rel="stylesheet" href="/static/app.css"></head><body><main class="public"><h1>\(esc(title))</h1>\(lines.map { "<p>\(esc($0))</p>" }.joined())</main></body></html>
            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
