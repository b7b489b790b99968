import Hummingbird
import TorqueDomain
import TorqueStore

/// `/service/setup` (SVC-1, SVC-2, ORG-4): the workshop manager's page for bays, technicians
/// (skills as "brakes 2, alignment 1", weekly hours), absences and labour operations.
struct WorkshopSetupRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/service/setup", use: show)
        router.post("/service/setup/bays", use: addBay)
        router.post("/service/setup/technicians", use: addTechnician)
        router.post("/service/setup/absences", use: addAbsence)
        router.post("/service/setup/operations", use: addOperation)
        router.post("/service/setup/operations/import", use: importOperations)
        router.post("/service/setup/settings", use: saveSettings)
    }

    /// "brakes 2, alignment 1" → skills; a bad part is named.
    static func skills(_ text: String) -> Result<[String: Int], FieldProblem> {
        var out: [String: Int] = [:]
        for part in text.split(separator: ",") {
            let words = part.split(separator: " ").map(String.init)
            guard !words.isEmpty else { continue }
            guard words.count <= 2, let level = words.count == 2 ? Int(words[1]) : 1 else { return .failure(FieldProblem("write skills like “brakes 2, alignment 1”")) }
            out[words[0].lowercased()] = level
        }
        return .success(out)
    }

    func workshop(_ id: Int?, principal p: Principal) async throws -> OrgUnit {
        let (w, _) = try await ServiceRoutes(services: services).workshopOrFirst(id, principal: p)
        return w
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSetup)
        let w = try await workshop(try request.positiveID("workshop_id"), principal: p)
        return try await page(w, form: nil, errors: [:], principal: p, request: request, context: context)
    }

    func page(_ w: OrgUnit, form: FormData?, errors: [String: String], importRows: [ImportRowError] = [], principal p: Principal, request: Request, context: AppRequestContext) async throws -> Response {
        let settings = try await services.workshopSettings.settings(forUnit: w.id)
        let bays = try await services.workshops.bays(workshopID: w.id, scope: p.scope)
        let techs = try await services.workshops.technicians(workshopID: w.id, scope: p.scope)
        let ops = try await services.labourOperations.usable(byUnit: w.id)
        var typed: [String: String] = [:]
        for (k, v) in form?.values ?? [:] { typed[k] = v.last ?? "" }
        return pages.render("service/setup", title: "Set-up · \(w.name)", data: [
            "w": ["id": w.id, "name": w.name],
            "bays": bays.map { ["name": $0.name, "caps": $0.capabilities.joined(separator: ", ")] as [String: Any] }, "hasBays": !bays.isEmpty,
            "techs": techs.map { t in
                ["id": t.id, "name": t.name, "hours": t.hours, "skills": t.skills.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "),
                 "away": t.absences.map { "\($0.kind.label) \($0.fromDay) – \($0.toDay)" }.joined(separator: "; ")] as [String: Any]
            }, "hasTechs": !techs.isEmpty,
            "techOptions": techs.map { ["value": String($0.id), "label": $0.name, "selected": typed["technician_id"] == String($0.id)] as [String: Any] },
            "kinds": AbsenceKind.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": typed["kind"] == $0.rawValue] as [String: Any] },
            "ops": ops.map { o in ["code": o.code, "name": o.name, "minutes": o.minutes, "skill": "\(o.skill) \(o.skillLevel)", "bay": o.bayCapability, "family": o.modelFamily,
                                   "kit": KitPart.text(o.parts)] as [String: Any] },
            "hasOps": !ops.isEmpty, "t": typed, "errors": errors, "hasErrors": !errors.isEmpty,
            "importRows": importRows.prefix(200).map { ["row": $0.rowNo, "field": $0.field, "message": $0.message, "value": $0.value] as [String: Any] },
            "hasImportRows": !importRows.isEmpty, "importRowCount": importRows.count, "hasImportErrors": !importRows.isEmpty || errors["import_csv"] != nil,
            "s": ["labour_rate": typed["labour_rate"] ?? Money.exact(settings.labourRateMinor), "simple_job_minutes": typed["simple_job_minutes"] ?? String(settings.simpleJobMinutes),
                  "simple_job_level": typed["simple_job_level"] ?? String(settings.simpleJobLevel)],
            "script": "textfile.js",
        ], context: context, request: request, status: errors.isEmpty && importRows.isEmpty ? .ok : .unprocessableContent)
    }

    /// Runs a change; its field errors come back beside the form that was sent, input kept.
    func act(_ request: Request, context: AppRequestContext, prefix: String, _ body: (Principal, OrgUnit, FormData) async throws -> String) async throws -> Response {
        let p = try context.require(.serviceSetup)
        let form = try await FormData.read(request, context: context)
        let w = try await workshop(form["workshop_id"].flatMap(Int.init), principal: p)
        do {
            let flash = try await body(p, w, form)
            return PageRenderer.redirect(to: "/service/setup?workshop_id=\(w.id)", flash: flash)
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            var errors: [String: String] = [:]
            for (k, m) in AppError.from(e)!.fields { errors[prefix + k.replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: " ", with: "_")] = m }
            errors[prefix + "any"] = AppError.from(e)!.fields.sorted { $0.key < $1.key }.map { "\($0.key.replacingOccurrences(of: "_", with: " ")) \($0.value)" }.joined(separator: "; ")
            return try await page(w, form: form, errors: errors, principal: p, request: request, context: context)
        }
    }

    @Sendable func addBay(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context: context, prefix: "bay_") { p, w, form in
            let caps = (form["capabilities"] ?? "").split(separator: ",").map(String.init)
            let b = try await services.workshops.addBay(workshopID: w.id, name: form["bay_name"] ?? "", capabilities: caps, scope: p.scope, actor: p.actor)
            return "Bay “\(b.name)” added."
        }
    }

    @Sendable func addTechnician(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context: context, prefix: "tech_") { p, w, form in
            let skills: [String: Int]
            switch Self.skills(form["skills"] ?? "") {
            case .success(let s): skills = s
            case .failure(let f): throw AppError.invalid(.init(["skills": f.message]))
            }
            let t = try await services.workshops.addTechnician(workshopID: w.id, TechnicianInput(name: form["tech_name"] ?? "", hours: form["hours"] ?? "", skills: skills),
                                                              scope: p.scope, actor: p.actor)
            return "\(t.name) added."
        }
    }

    @Sendable func addAbsence(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context: context, prefix: "abs_") { p, _, form in
            guard let id = form["technician_id"].flatMap(Int.init) else { throw AppError.invalid(.init(["technician_id": "is required"])) }
            let (t, clashes) = try await services.workshops.addAbsence(technicianID: id, from: form["from_day"] ?? "", to: (form["to_day"] ?? "").isEmpty ? (form["from_day"] ?? "") : form["to_day"]!,
                                                                       kind: AbsenceKind(rawValue: form["kind"] ?? "") ?? .other, note: form["note"] ?? "", scope: p.scope, actor: p.actor)
            return "\(t.name) is away then." + (clashes.isEmpty ? "" : " \(clashes.count) booking\(clashes.count == 1 ? "" : "s") to move: " + clashes.map { $0.startsAt.replacingOccurrences(of: "T", with: " ") }.joined(separator: ", ") + ".")
        }
    }

    @Sendable func addOperation(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context: context, prefix: "op_") { p, w, form in
            let input = LabourOperationInput(code: form["code"] ?? "", name: form["op_name"] ?? "", modelFamily: (form["model_family"] ?? "").trimmed,
                                             minutes: Int((form["minutes"] ?? "").trimmed) ?? 0, skill: (form["skill"] ?? "").trimmed.lowercased(),
                                             skillLevel: Int((form["skill_level"] ?? "1").trimmed) ?? 0, bayCapability: (form["bay_capability"] ?? "").trimmed.lowercased(),
                                             parts: try KitPart.parse(form["parts"] ?? "").mapError { AppError.invalid(.init(["parts": $0.message])) }.get())
            let o = try await services.labourOperations.create(input, unitID: w.id, scope: p.scope, actor: p.actor)
            return "\(o.code) \(o.name) added."
        }
    }
}

extension WorkshopSetupRoutes {
    /// A labour-operation CSV: applied whole, or the rows that are wrong listed under the form.
    @Sendable func importOperations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.serviceSetup)
        let form = try await FormData.read(request, context: context)
        let w = try await workshop(form["workshop_id"].flatMap(Int.init), principal: p)
        let csv = form["csv"] ?? ""
        guard !csv.trimmed.isEmpty else { return try await page(w, form: form, errors: ["import_csv": "is required: paste the file or choose it"], principal: p, request: request, context: context) }
        do {
            let (added, replaced) = try await LabourOperationImportFile(services: services).run(csv: csv, unitID: w.id, principal: p)
            return PageRenderer.redirect(to: "/service/setup?workshop_id=\(w.id)#op-import", flash: "\(added) operation\(added == 1 ? "" : "s") added, \(replaced) replaced.")
        } catch let problem as ImportFile.Problem {
            return try await page(w, form: form, errors: ["import_csv": problem.message], principal: p, request: request, context: context)
        } catch let rows as FileRowErrors {
            return try await page(w, form: form, errors: [:], importRows: rows.rows, principal: p, request: request, context: context)
        }
    }

    @Sendable func saveSettings(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context: context, prefix: "set_") { p, w, form in
            guard let rate = Money.minorUnits((form["labour_rate"] ?? "").trimmed) else { throw AppError.invalid(.init(["labour_rate": "must be an amount like 65.00"])) }
            guard let minutes = Int((form["simple_job_minutes"] ?? "").trimmed) else { throw AppError.invalid(.init(["simple_job_minutes": "must be a whole number"])) }
            guard let level = Int((form["simple_job_level"] ?? "").trimmed) else { throw AppError.invalid(.init(["simple_job_level": "must be 1, 2 or 3"])) }
            let s = try await services.workshopSettings.save(unitID: w.id, WorkshopSettings(labourRateMinor: rate, simpleJobMinutes: minutes, simpleJobLevel: level), scope: p.scope, actor: p.actor)
            return "Saved: \(Money.exact(s.labourRateMinor)) an hour; the contact center books jobs up to \(s.simpleJobMinutes) minutes at level \(s.simpleJobLevel)."
        }
    }
}

extension ServiceRoutes {
    /// A workshop in scope by id, else the caller's own or the first; 404 when none.
    func workshopOrFirst(_ id: Int?, principal p: Principal) async throws -> (OrgUnit, [OrgUnit]) {
        // Only workshops, and all of them: a network has more units than the list's default page.
        let all = try await services.orgUnits.list(scope: p.scope, filter: .init(kind: .workshop), limit: 10_000)
        if let id { guard let w = all.first(where: { $0.id == id }) else { throw AppError.notFound }; return (w, all) }
        guard let w = all.first(where: { $0.id == p.orgUnitID }) ?? all.first else { throw AppError.notFound }
        return (w, all)
    }
}
