import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/production`: a plant's output and QA inspections (PROD-1), the defect alerts with their
/// chart (PROD-2), the defect catalogue and the production-rate advice (PROD-3).
struct ProductionRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/production", use: index)
        router.post("/production/days", use: record)
        router.post("/production/inspections", use: inspect)
        router.get("/production/alerts/:id", use: alert)
        router.post("/production/alerts/:id/close", use: close)
        router.get("/production/codes", use: codes)
        router.post("/production/codes", use: addCode)
        router.get("/production/plan", use: plan)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.productionRead)
        return try await indexPage(principal: p, form: "", f: [:], errors: .init(), request: request, context: context)
    }

    func indexPage(principal p: Principal, form: String, f: [String: String], errors: ValidationErrors, request: Request, context: AppRequestContext) async throws -> Response {
        let plants = try await services.production.plants(scope: p.scope)
        let chosen = request.query("plant_id").flatMap(Int.init) ?? Int(f["plant_id"] ?? "") ?? plants.first?.id
        let today = Clock.today()
        var data: [String: Any] = ["hasPlants": !plants.isEmpty, "form": [form: true], "f": f, "errors": errors.fields, "hasErrors": !errors.isEmpty,
                                   "plants": plants.map { ["id": $0.id, "name": $0.name, "selected": $0.id == chosen] as [String: Any] }, "today": today,
                                   "canWrite": p.can(.qualityWrite)]
        if let plant = chosen, plants.contains(where: { $0.id == plant }) {
            let days = try await services.production.days(plantID: plant, from: CalendarDay.adding(-13, to: today), to: today, scope: p.scope)
            data["plantId"] = plant
            data["plantName"] = plants.first { $0.id == plant }?.name ?? ""
            data["days"] = days.map { ["day": $0.day, "model": $0.modelTitle, "units": $0.units, "by": $0.recordedByName] as [String: Any] }
            data["hasDays"] = !days.isEmpty
            let inspections = try await services.production.inspections(scope: p.scope, plantID: plant, limit: 10)
            data["inspections"] = inspections.items.map { ["vin": $0.vin, "on": $0.inspectedOn, "passed": $0.passed, "defects": $0.defects.joined(separator: ", "), "by": $0.inspector] as [String: Any] }
            data["hasInspections"] = !inspections.items.isEmpty
        }
        let alerts = try await services.defectAlerts.list(scope: p.scope, limit: 20)
        data["alerts"] = alerts.items.map(Self.alertRow)
        data["hasAlerts"] = !alerts.items.isEmpty
        data["models"] = try await services.catalog.models(scope: p.scope).map { m in ["id": m.id, "label": m.title, "selected": f["model_id"] == String(m.id)] as [String: Any] }
        let selected = Set((f["defects_list"] ?? "").split(separator: ",").map(String.init))
        data["codes"] = try await services.production.codes().map { ["code": $0.code, "label": "\($0.code) \($0.component): \($0.description)", "selected": selected.contains($0.code)] as [String: Any] }
        return pages.render("production/index", title: "Production", data: data, context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    static func alertRow(_ a: DefectAlert) -> [String: Any] {
        ["id": a.id, "plant": a.plantName ?? "", "model": a.modelTitle ?? "", "code": a.code, "component": a.component ?? "", "raised": a.raisedOn, "reason": a.reason,
         "open": a.status == "open", "recent": "\(a.recentDefects) in \(a.recentInspections)"]
    }

    func refusable(principal p: Principal, form: String, f: [String: String], request: Request, context: AppRequestContext, _ body: () async throws -> Response) async throws -> Response {
        do { return try await body() } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await indexPage(principal: p, form: form, f: f, errors: ValidationErrors(AppError.from(e)!.fields), request: request, context: context)
        } catch StoreError.notFound {
            return try await indexPage(principal: p, form: form, f: f, errors: ValidationErrors(["plant_id": "is not a plant you record for"]), request: request, context: context)
        }
    }

    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.qualityWrite)
        let form = try await FormData.read(request, context: context)
        let f = ["plant_id": form["plant_id"] ?? "", "model_id": form["model_id"] ?? "", "day": form["day"] ?? "", "units": form["units"] ?? "", "vins": form["vins"] ?? ""]
        return try await refusable(principal: p, form: "record", f: f, request: request, context: context) {
            var errors = ValidationErrors()
            let units = FormValue.int(f["units"], field: "units", into: &errors)
            if !errors.isEmpty { throw StoreError.invalid(errors) }
            let plant = Int(f["plant_id"]!) ?? p.orgUnitID
            let vins = f["vins"]!.split(whereSeparator: { $0.isNewline || $0 == "," }).map(String.init)
            let days = try await services.production.record(plantID: plant, modelID: Int(f["model_id"]!), day: f["day"]!.trimmed, units: units, vins: vins, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/production?plant_id=\(plant)", flash: "Recorded: \(days.first { String($0.modelId) == f["model_id"] }?.units ?? units ?? 0) built on \(f["day"]!.trimmed).")
        }
    }

    @Sendable func inspect(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.qualityWrite)
        let form = try await FormData.read(request, context: context)
        let defects = form.all("defects")
        let f = ["plant_id": form["plant_id"] ?? "", "vin": form["vin"] ?? "", "inspected_on": form["inspected_on"] ?? "", "passed": form["passed"] ?? "",
                 "note": form["note"] ?? "", "defects_list": defects.joined(separator: ",")]
        return try await refusable(principal: p, form: "inspect", f: f, request: request, context: context) {
            let plant = Int(f["plant_id"]!) ?? p.orgUnitID
            let saved = try await services.production.inspect(plantID: plant, vin: f["vin"]!, day: f["inspected_on"]!.trimmed, passed: f["passed"] == "on", defects: defects,
                                                              note: f["note"]!, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/production?plant_id=\(plant)", flash: "\(saved.vin) \(saved.passed ? "passed" : "failed: " + saved.defects.joined(separator: ", ")).")
        }
    }

    @Sendable func alert(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.productionRead)
        let a = try await services.defectAlerts.get(try context.id(), scope: p.scope)
        let trend = try await services.defectAlerts.trend(a)
        let baseline = a.baselineInspections > 0 ? Double(a.baselineDefects) / Double(a.baselineInspections) * 100 : 0
        let points = trend.map { (label: String($0.week.suffix(5)), value: $0.inspections > 0 ? Double($0.defects) / Double($0.inspections) * 100 : 0) }
        return pages.render("production/alert", title: "Defect alert \(a.code)", data: [
            "alert": Self.alertRow(a), "id": a.id, "canClose": p.can(.qualityWrite) && a.status == "open",
            "chart": SVGChart.trend(points, baseline: baseline, title: "\(a.code) per 100 inspections of \(a.modelTitle ?? "the model") at \(a.plantName ?? "the plant"), by week; dashed: the baseline"),
            "weeks": trend.map { ["week": $0.week, "inspections": $0.inspections, "defects": $0.defects] as [String: Any] },
            "baseline": String(format: "%.2f", baseline), "closedBy": a.closedByName ?? "",
        ], context: context, request: request)
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.qualityWrite)
        let id = try context.id()
        _ = try await services.defectAlerts.get(id, scope: p.scope)
        _ = try await FormData.read(request, context: context)
        let a = try await services.defectAlerts.close(id, scope: p.scope, actor: p.actor)
        return PageRenderer.redirect(to: "/production/alerts/\(id)", flash: "Alert \(a.code) closed; a new rise opens a new alert.")
    }

    @Sendable func codes(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.productionRead)
        return try await codesPage(principal: p, f: [:], errors: .init(), request: request, context: context)
    }

    func codesPage(principal p: Principal, f: [String: String], errors: ValidationErrors, request: Request, context: AppRequestContext) async throws -> Response {
        let codes = try await services.production.codes()
        return pages.render("production/codes", title: "Defect codes", data: [
            "codes": codes.map { ["code": $0.code, "component": $0.component, "description": $0.description] }, "empty": codes.isEmpty, "canWrite": p.can(.qualityWrite),
            "f": f, "errors": errors.fields, "hasErrors": !errors.isEmpty,
        ], context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func addCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.qualityWrite)
        let form = try await FormData.read(request, context: context)
        let f = ["code": form["code"] ?? "", "component": form["component"] ?? "", "description": form["description"] ?? ""]
        do {
            let saved = try await services.production.addCode(code: f["code"]!, component: f["component"]!, description: f["description"]!, unitID: p.orgUnitID, actor: p.actor)
            return PageRenderer.redirect(to: "/production/codes", flash: "\(saved.code) added to the catalogue.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await codesPage(principal: p, f: f, errors: ValidationErrors(AppError.from(e)!.fields), request: request, context: context)
        }
    }

    @Sendable func plan(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.productionRead)
        let plan = try await services.planning.productionPlan()
        return pages.render("production/plan", title: "Production plan", data: [
            "month": plan.month, "days": ProductionAdvice.targetDaysOfSupply, "workingDays": ProductionAdvice.workingDays, "empty": plan.models.isEmpty,
            "models": plan.models.map { m in
                ["model": m.modelTitle, "forecast": m.advice.forecast, "stock": m.advice.stock, "supply": m.advice.daysOfSupply.map { "\($0) days" } ?? "—",
                 "current": m.currentPerDay.map(String.init) ?? "—", "perDay": m.advice.perDay, "month": m.advice.monthUnits, "reason": m.advice.reason] as [String: Any]
            },
        ], context: context, request: request)
    }
}
