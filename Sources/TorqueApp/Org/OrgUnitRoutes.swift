import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// The network pages under `/admin/units`: tree, detail with history, create, edit, move, deactivate.
struct OrgUnitRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/units", use: index)
        router.get("/admin/units/new", use: newForm)
        router.post("/admin/units", use: create)
        router.get("/admin/units/:id", use: show)
        router.get("/admin/units/:id/edit", use: editForm)
        router.post("/admin/units/:id", use: update)
        router.post("/admin/units/:id/deactivate", use: deactivate)
        router.post("/admin/units/:id/reactivate", use: reactivate)
        router.post("/admin/units/:id/delete", use: delete)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.orgRead)
        let q = request.query("q")
        let kind = request.query("kind").flatMap(OrgUnitKind.init(rawValue:))
        let inactive = request.query("include_inactive") == "true"
        let units = try await services.orgUnits.list(scope: p.scope, filter: .init(kind: kind, query: q, includeInactive: inactive), limit: 2000)
        let baseDepth = OrgPath.depth(of: p.orgUnitPath)
        let rows: [[String: Any]] = Self.treeOrder(units).map { u in
            ["id": u.id, "name": u.name, "code": u.code, "kind": u.unitKind?.label ?? u.kind, "active": u.active,
             "indent": (q == nil && kind == nil) ? max(0, u.depth - baseDepth) * 18 : 0, "nested": q == nil && kind == nil && u.depth > baseDepth, "address": u.address]
        }
        return pages.render("org/index", title: "Network", data: [
            "units": rows, "empty": rows.isEmpty, "q": q ?? "", "includeInactive": inactive, "canWrite": p.can(.orgWrite),
            "kinds": OrgUnitKind.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0 == kind] as [String: Any] },
        ], context: context, request: request)
    }

    /// Siblings by name rather than by id, keeping each unit under its parent.
    static func treeOrder(_ units: [OrgUnit]) -> [OrgUnit] {
        let names = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.name.lowercased() + "\u{1}\($0.id)") })
        func key(_ u: OrgUnit) -> [String] { OrgPath.ids(in: u.path).map { names[$0] ?? "" } }
        return units.sorted { key($0).lexicographicallyPrecedes(key($1)) }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.orgRead)
        let unit = try await services.orgUnits.get(try context.id(), scope: p.scope)
        let children = try await services.orgUnits.list(scope: p.scope, filter: .init(includeInactive: true, parentId: unit.id), limit: 500)
        let parentName = try await services.orgUnits.names(ids: unit.parentId.map { [$0] } ?? [])[unit.parentId ?? 0]
        let people = try await services.users.list(scope: p.scope, filter: .init(orgUnitId: unit.id), limit: 100)
        let history = p.can(.auditRead) ? try await services.audit.history(recordType: "org_unit", recordID: unit.id, scope: p.scope, limit: 20).items : []
        return pages.render("org/show", title: unit.name, data: [
            "unit": Self.view(unit), "parentName": parentName ?? "", "parentId": unit.parentId ?? 0, "parentVisible": unit.parentId.map { _ in unit.path != p.orgUnitPath } ?? false,
            "children": children.map(Self.view), "hasChildren": !children.isEmpty,
            "people": people.items.map { ["id": $0.id, "name": $0.name, "login": $0.login, "roles": $0.roles.joined(separator: ", ")] as [String: Any] },
            "hasPeople": !people.items.isEmpty, "canWrite": p.can(.orgWrite), "canSeeUsers": p.can(.usersRead),
            "history": AuditView.rows(history, timeZone: p.timeZone), "hasHistory": !history.isEmpty, "canAudit": p.can(.auditRead),
            "childKinds": (unit.unitKind?.allowedChildren ?? []).sorted { $0.rawValue < $1.rawValue }.map { ["value": $0.rawValue, "label": $0.label] },
        ], context: context, request: request)
    }

    static func view(_ u: OrgUnit) -> [String: Any] {
        ["id": u.id, "name": u.name, "code": u.code, "kind": u.unitKind?.label ?? u.kind, "address": u.address,
         "latitude": u.latitude.map { String($0) } ?? "", "longitude": u.longitude.map { String($0) } ?? "",
         "hasGeo": u.latitude != nil, "timeZone": u.timeZone, "country": u.country, "workingHours": u.workingHours, "active": u.active, "isRoot": u.parentId == nil]
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.orgWrite)
        var fields = OrgUnitFields(timeZone: "Europe/Rome")
        fields.parentId = request.query("parent_id").flatMap(Int.init)
        fields.kind = request.query("kind")
        return try await form(fields, errors: .init(), unitID: nil, principal: p, context: context, request: request)
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.orgWrite)
        let unit = try await services.orgUnits.get(try context.id(), scope: p.scope)
        return try await form(OrgUnitFields(unit), errors: .init(), unitID: unit.id, principal: p, context: context, request: request)
    }

    func form(_ f: OrgUnitFields, errors: ValidationErrors, unitID: Int?, principal p: Principal, context: AppRequestContext, request: Request) async throws -> Response {
        let parents = try await services.orgUnits.list(scope: p.scope, limit: 2000).filter { unitID == nil || !$0.path.contains("/\(unitID!)/") }
        let data: [String: Any] = [
            "isNew": unitID == nil, "id": unitID ?? 0,
            "action": unitID.map { "/admin/units/\($0)" } ?? "/admin/units",
            "name": f.name ?? "", "code": f.code ?? "", "address": f.address ?? "",
            "latitude": f.latitude.map { String($0) } ?? "", "longitude": f.longitude.map { String($0) } ?? "",
            "timeZone": f.timeZone ?? "", "workingHours": f.workingHours ?? "", "country": f.country ?? "IT",
            "kinds": OrgUnitKind.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == f.kind] as [String: Any] },
            "parents": parents.map { ["id": $0.id, "label": String(repeating: "· ", count: max(0, $0.depth - OrgPath.depth(of: p.orgUnitPath))) + $0.name + " (" + $0.code + ")", "selected": $0.id == f.parentId] as [String: Any] },
            "errors": errors.fields, "hasErrors": !errors.isEmpty,
        ]
        return pages.render("org/form", title: unitID == nil ? "New unit" : "Edit unit", data: data, context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Form values the store rejected are shown again with the message beside the field.
    func save(_ request: Request, context: AppRequestContext, unitID: Int?) async throws -> Response {
        let p = try context.require(.orgWrite)
        if let unitID { _ = try await services.orgUnits.get(unitID, scope: p.scope) }
        let formData = try await FormData.read(request, context: context)
        var errors = ValidationErrors()
        let fields = OrgUnitFields(form: formData, errors: &errors)
        if unitID == nil, fields.parentId == nil { errors.add("parent_id", "is required") }
        guard let input = fields.validated(errors: &errors), errors.isEmpty else {
            return try await form(fields, errors: errors, unitID: unitID, principal: p, context: context, request: request)
        }
        do {
            let unit = unitID == nil
                ? try await services.orgUnits.create(input, scope: p.scope, actor: p.actor)
                : try await services.orgUnits.update(unitID!, input, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/admin/units/\(unit.id)", flash: unitID == nil ? "Unit created." : "Unit saved.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await form(fields, errors: ValidationErrors(AppError.from(e)!.fields), unitID: unitID, principal: p, context: context, request: request)
        }
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await save(request, context: context, unitID: nil)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await save(request, context: context, unitID: try context.id())
    }

    @Sendable func deactivate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.orgWrite)
        let unit = try await services.orgUnits.setActive(try context.id(), false, scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/admin/units/\(unit.id)", flash: "\(unit.name) is deactivated.")
    }

    @Sendable func reactivate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.orgWrite)
        let unit = try await services.orgUnits.setActive(try context.id(), true, scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/admin/units/\(unit.id)", flash: "\(unit.name) is active again.")
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.orgWrite)
        let id = try context.id()
        let unit = try await services.orgUnits.get(id, scope: p.scope)
        do {
            try await services.orgUnits.delete(id, scope: p.scope, actor: p.actor)
        } catch StoreError.conflict(_, let message) {
            return PageRenderer.redirect(to: "/admin/units/\(id)", flash: "Not deleted: \(message).")
        }
        return PageRenderer.redirect(to: "/admin/units/\(unit.parentId ?? 0)", flash: "\(unit.name) is deleted.")
    }
}
