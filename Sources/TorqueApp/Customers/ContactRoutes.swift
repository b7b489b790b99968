import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// Logging contacts with a customer, their timeline, and the follow-ups on one's work list.
struct ContactRoutes {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/customers/:id/contacts", use: logForm)
        router.post("/tasks/:id/done", use: doneForm)
        router.get("/api/v1/customers/:id/contacts", use: list)
        router.get("/api/v1/customers/:id/timeline", use: timeline)
        router.post("/api/v1/customers/:id/contacts", use: log)
        router.get("/api/v1/tasks", use: tasks)
        router.post("/api/v1/tasks/:id/done", use: done)
    }

    func log(_ fields: ContactFields, customerID: Int, principal p: Principal) async throws -> Contact {
        var errors = ValidationErrors()
        guard let input = fields.validated(today: ContactFields.today(in: p.timeZone), errors: &errors) else { throw AppError.invalid(errors) }
        return try await services.contacts.log(customerID: customerID, input, unitID: p.orgUnitID, userID: p.userID, userName: p.name, scope: p.scope, actor: p.actor)
    }

    @Sendable func logForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let id = try context.id()
        _ = try await services.customers.get(id, scope: p.scope)
        let fields = ContactFields(form: try await FormData.read(request, context: context))
        do {
            let contact = try await log(fields, customerID: id, principal: p)
            let followUp = fields.followUpOn.flatMap { $0.isEmpty ? nil : $0 }
            return PageRenderer.redirect(to: "/customers/\(id)", flash: "\(ContactChannel(rawValue: contact.channel)?.label ?? contact.channel) contact logged" + (followUp.map { "; follow-up on \($0) is on your work list." } ?? "."))
        } catch let AppError.invalid(errors) {
            return try await CustomerRoutes(services: services).page(id, contactForm: fields, contactErrors: errors, principal: p, context: context, request: request)
        }
    }

    @Sendable func doneForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.requirePrincipal()
        guard let userID = p.userID else { throw AppError.forbidden }
        try await services.contacts.complete(taskID: try context.id(), userID: userID)
        return PageRenderer.redirect(to: "/", flash: "Done.")
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersRead)
        let (limit, after) = try request.pagination()
        return try APIResponse.list(try await services.contacts.timeline(customerID: try context.id(), scope: p.scope, limit: limit, afterID: after))
    }

    /// The customer's one timeline; `kind` (repeatable or comma-separated) narrows it.
    @Sendable func timeline(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersRead)
        let (limit, after) = try request.pagination()
        var kinds: [TimelineKind] = []
        for raw in request.uri.queryParameters.getAll("kind").flatMap({ $0.split(separator: ",") }) {
            guard let kind = TimelineKind(rawValue: String(raw)) else {
                throw AppError.invalid(ValidationErrors(["kind": "must be one of: " + TimelineKind.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
            kinds.append(kind)
        }
        return try APIResponse.list(try await services.timeline.list(customerID: try context.id(), scope: p.scope, kinds: kinds, limit: limit, afterID: after))
    }

    @Sendable func log(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.customersWrite)
        let id = try context.id()
        _ = try await services.customers.get(id, scope: p.scope)
        let fields = try await JSONBody.decode(ContactFields.self, from: request, context: context)
        return try APIResponse.json(try await log(fields, customerID: id, principal: p), status: .created)
    }

    @Sendable func tasks(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.requirePrincipal()
        guard let userID = p.userID else { return try APIResponse.list([WorkTask]()) }
        // Everything due up to a week ahead, overdue first.
        let horizon = ContactFields.today(in: p.timeZone, now: Date() + 7 * 86400)
        return try APIResponse.list(try await services.contacts.openTasks(userID: userID, dueBy: horizon))
    }

    @Sendable func done(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.requirePrincipal()
        guard let userID = p.userID else { throw AppError.notFound }
        try await services.contacts.complete(taskID: try context.id(), userID: userID)
        return APIResponse.noContent()
    }
}
