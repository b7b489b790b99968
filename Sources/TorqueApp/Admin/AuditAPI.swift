import Hummingbird
import TorqueDomain
import TorqueStore

/// `GET /api/v1/audit-events?record_type=…&record_id=…`: a record's history, newest first.
struct AuditAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/audit-events", use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.auditRead)
        var errors = ValidationErrors()
        let type = request.query("record_type")
        if type == nil { errors.add("record_type", "is required") }
        let id = FormValue.int(request.query("record_id"), field: "record_id", into: &errors)
        if id == nil, errors.fields["record_id"] == nil { errors.add("record_id", "is required") }
        let (limit, after) = try request.pagination()
        try errors.throwIfAny()
        return try APIResponse.list(try await services.audit.history(recordType: type!, recordID: id!, scope: p.scope, limit: limit, after: after))
    }
}
