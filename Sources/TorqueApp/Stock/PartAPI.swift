import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/parts`: parts stock per unit and its movement ledger (STOCK-2).
struct PartAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/parts", use: list)
        router.post("/api/v1/parts", use: create)
        router.get("/api/v1/parts/summary", use: summary)
        router.get("/api/v1/parts/:id", use: show)
        router.get("/api/v1/parts/:id/movements", use: movements)
        router.post("/api/v1/parts/:id/movements", use: move)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        let (limit, after) = try request.pagination()
        var unitID: Int?
        if let text = request.query("org_unit_id") {
            guard let id = Int(text) else { throw AppError.invalid(.init(["org_unit_id": "must be a unit id"])) }
            unitID = id
        }
        let reorder = try request.choice("reorder", in: ["true", "false"]) == "true"
        return try APIResponse.list(try await services.parts.list(scope: p.scope, query: request.query("q"), unitID: unitID, reorder: reorder, limit: limit, after: after))
    }

    @Sendable func summary(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        return try APIResponse.list(try await services.parts.summary(scope: p.scope))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        return try APIResponse.json(try await services.parts.get(try context.id(), scope: p.scope))
    }

    struct PartFields: APIInput {
        var partNumber: String?
        var name: String?
        var kind: String?
        var reorderPoint: Int?
        var unitCostMinor: Int?
        var priceMinor: Int?
        var bin: String?
        var orgUnitId: Int?
        static let fields: Set<String> = ["part_number", "name", "kind", "reorder_point", "unit_cost_minor", "price_minor", "bin", "org_unit_id"]

        func validated(errors: inout ValidationErrors) -> PartInput? {
            let number = Validate.text(partNumber, field: "part_number", limit: 40, into: &errors)?.uppercased()
            let name = Validate.text(name, field: "name", into: &errors)
            let kind = PartKind(rawValue: kind ?? "part")
            if kind == nil { errors.add("kind", "must be one of: " + PartKind.allCases.map(\.rawValue).joined(separator: ", ")) }
            for (field, value) in [("reorder_point", reorderPoint), ("unit_cost_minor", unitCostMinor), ("price_minor", priceMinor)] {
                if let v = value, v < 0 || v > 1_000_000_000 { errors.add(field, "must be 0 or more") }
            }
            let bin = Validate.text(bin, field: "bin", required: false, limit: 40, into: &errors) ?? ""
            guard errors.isEmpty, let number, let name, let kind else { return nil }
            return PartInput(partNumber: number, name: name, kind: kind, reorderPoint: reorderPoint ?? 0, unitCostMinor: unitCostMinor ?? 0, priceMinor: priceMinor ?? 0, bin: bin)
        }
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        let fields = try await JSONBody.decode(PartFields.self, from: request, context: context)
        var errors = ValidationErrors()
        guard let input = fields.validated(errors: &errors) else { throw AppError.invalid(errors) }
        let part = try await services.parts.create(input, currency: Money.currency(forCountry: p.country), unitID: fields.orgUnitId ?? p.orgUnitID, scope: p.scope, actor: p.actor)
        var response = try APIResponse.json(part, status: .created)
        response.headers[.location] = "/api/v1/parts/\(part.id)"
        return response
    }

    @Sendable func movements(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockRead)
        let (limit, after) = try request.pagination()
        return try APIResponse.list(try await services.parts.movements(try context.id(), scope: p.scope, limit: limit, after: after))
    }

    struct MoveFields: APIInput {
        var kind: String?
        var quantity: Int?
        var reference: String?
        var note: String?
        var override: Bool?
        static let fields: Set<String> = ["kind", "quantity", "reference", "note", "override"]

        func validated(errors: inout ValidationErrors) -> (PartMovementKind, Int, String, String)? {
            let kind = self.kind.flatMap(PartMovementKind.init(rawValue:))
            if kind == nil { errors.add("kind", "must be one of: " + PartMovementKind.allCases.map(\.rawValue).joined(separator: ", ")) }
            var change: Int?
            if let kind {
                if let q = quantity, (-1_000_000...1_000_000).contains(q) {
                    switch kind.change(q) {
                    case .success(let c): change = c
                    case .failure(let problem): errors.add("quantity", problem.message)
                    }
                } else { errors.add("quantity", quantity == nil ? "is required" : "must be at most 1,000,000") }
            }
            let reference = Validate.text(reference, field: "reference", required: kind == .issue, limit: 60, into: &errors) ?? ""
            let note = Validate.text(note, field: "note", required: kind == .adjustment, limit: Validate.textLimit, into: &errors) ?? ""
            guard errors.isEmpty, let kind, let change else { return nil }
            return (kind, change, reference, note)
        }
    }

    @Sendable func move(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        let id = try context.id()
        _ = try await services.parts.get(id, scope: p.scope)
        let fields = try await JSONBody.decode(MoveFields.self, from: request, context: context)
        var errors = ValidationErrors()
        guard let (kind, change, reference, note) = fields.validated(errors: &errors) else { throw AppError.invalid(errors) }
        if fields.override == true, !p.can(.stockOverride) { throw AppError.forbidden }
        let movement = try await services.parts.move(id, kind: kind, change: change, reference: reference, note: note, mayOverride: fields.override == true, scope: p.scope, actor: p.actor)
        return try APIResponse.json(movement, status: .created)
    }
}
