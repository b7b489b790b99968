import Hummingbird
import TorqueDomain
import TorqueStore

/// `/sales/stages`: a sales manager sets the dealer's pipeline stages (SALES-1).
struct StageSettingsRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/sales/stages", use: form)
        router.post("/sales/stages", use: save)
    }

    /// Empty rows offered for new stages.
    static let spareRows = 3

    func render(_ rows: [[String: String]], errors: ValidationErrors, principal p: Principal, request: Request, context: AppRequestContext) -> Response {
        let outcomes = StageOutcome.allCases.map(\.rawValue)
        let shown = rows + Array(repeating: ["code": "", "label": "", "probability": "", "outcome": "open"], count: Self.spareRows)
        return pages.render("sales/stages", title: "Pipeline stages", data: [
            "rows": shown.enumerated().map { i, r in
                ["n": i + 1, "code": r["code"] ?? "", "label": r["label"] ?? "", "probability": r["probability"] ?? "",
                 "outcomes": outcomes.map { ["value": $0, "selected": $0 == (r["outcome"] ?? "open")] }] as [String: Any]
            },
            "errors": errors.fields.sorted { $0.key < $1.key }.map { ["field": $0.key, "message": $0.value] }, "hasErrors": !errors.isEmpty,
            "unit": p.orgUnitName,
        ], context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.quotesApprove)
        let stages = try await services.salesStages.stages(forUnit: p.orgUnitID)
        return render(stages.map { ["code": $0.code, "label": $0.label, "probability": String($0.probability), "outcome": $0.outcome.rawValue] },
                      errors: .init(), principal: p, request: request, context: context)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.quotesApprove)
        let form = try await FormData.read(request, context: context)
        let codes = form.all("code"), labels = form.all("label"), chances = form.all("probability"), outcomes = form.all("outcome")
        var rows: [[String: String]] = []
        for i in 0..<codes.count {
            let row = ["code": codes[i].trimmed.lowercased(), "label": i < labels.count ? labels[i].trimmed : "",
                       "probability": i < chances.count ? chances[i].trimmed : "", "outcome": i < outcomes.count ? outcomes[i] : "open"]
            if row["code"]!.isEmpty && row["label"]!.isEmpty { continue }
            rows.append(row)
        }
        var errors = ValidationErrors()
        var stages: [PipelineStage] = []
        for (i, r) in rows.enumerated() {
            let chance = Int(r["probability"]!)
            if chance == nil { errors.add("stages[\(i)].probability", "must be a whole number from 0 to 100") }
            stages.append(PipelineStage(code: r["code"]!, label: r["label"]!, probability: chance ?? 0, outcome: StageOutcome(rawValue: r["outcome"]!) ?? .open))
        }
        do {
            guard errors.isEmpty else { throw AppError.invalid(errors) }
            _ = try await services.salesStages.save(unitID: p.orgUnitID, stages: stages, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/sales/pipeline", flash: "Pipeline stages saved.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return render(rows, errors: ValidationErrors(AppError.from(e)!.fields), principal: p, request: request, context: context)
        }
    }
}
