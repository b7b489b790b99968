import Hummingbird
import TorqueDomain
import TorqueStore

/// The used-car appraisal sheet in the browser (QUOTE-3): appraise a trade-in, see and print its
/// condition at quote, delivery and resale, record it again. From a new quote, saving goes back
/// to the quote with the appraisal chosen.
struct AppraisalRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/sales/appraisals", use: list)
        router.get("/sales/appraisals/new", use: newForm)
        router.post("/sales/appraisals", use: create)
        router.get("/sales/appraisals/:id", use: show)
        router.post("/sales/appraisals/:id/reports", use: record)
    }

    /// What a new quote was opened from, carried through the appraisal and back.
    static let quoteKeys = ["opportunity_id", "vehicle_id", "configuration_id"]

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let (limit, after) = try request.pagination()
        let page = try await services.appraisals.list(customerID: try request.positiveID("customer_id"), scope: p.scope, limit: limit, afterID: after)
        return pages.render("sales/appraisals", title: "Trade-in appraisals", data: [
            "rows": page.items.map { a in
                ["id": a.id, "number": a.number, "title": a.title, "vin": a.vin, "customer": a.customerName ?? "", "customerId": a.customerId, "km": a.mileageKm,
                 "value": QuoteView.amount(a.estimatedValueMinor, a.currency), "takenIn": a.status == .takenIn] as [String: Any]
            },
            "hasRows": !page.items.isEmpty, "next": page.nextCursor.map { "/sales/appraisals?cursor=\($0)" } ?? "",
        ], context: context, request: request)
    }

    static func gradeRows(_ grades: [String: String], errors: [String: String]) -> [[String: Any]] {
        AppraisalItem.allCases.map { item in
            let chosen = grades[item.rawValue] ?? ConditionGrade.unchecked.rawValue
            var row: [String: Any] = ["item": item.rawValue, "label": item.label,
                                      "grades": ConditionGrade.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == chosen] }]
            if let e = errors["grades.\(item.rawValue)"] { row["error"] = e }
            return row
        }
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        var values = ["customer_id": request.query("customer_id") ?? ""]
        for k in Self.quoteKeys { values[k] = request.query(k) ?? "" }
        return try await form(values, grades: [:], errors: [:], principal: p, request: request, context: context)
    }

    func form(_ values: [String: String], grades: [String: String], errors: [String: String], principal p: Principal, request: Request, context: AppRequestContext) async throws -> Response {
        var name = ""
        if let c = Int(values["customer_id"] ?? "") { name = (try? await services.customers.get(c, scope: p.scope))?.displayName ?? "" }
        var shownErrors: [String: String] = [:]
        for (k, v) in errors { shownErrors[k.replacingOccurrences(of: "_minor", with: "")] = v }
        return pages.render("sales/appraisal_new", title: "Appraise a trade-in", data: [
            "v": values, "customerName": name, "hasCustomer": !name.isEmpty, "grades": Self.gradeRows(grades, errors: errors),
            "errors": shownErrors, "hasErrors": !errors.isEmpty, "currency": Money.currency(forCountry: p.country),
        ], context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    static func grades(_ form: FormData) -> [String: String] {
        var out: [String: String] = [:]
        for item in AppraisalItem.allCases { if let g = form["grade_\(item.rawValue)"], !g.isEmpty { out[item.rawValue] = g } }
        return out
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let sent = try await FormData.read(request, context: context)
        var values: [String: String] = [:]
        for k in ["customer_id", "vin", "make", "model_name", "model_year", "colour", "plate", "mileage_km", "estimated_value", "payoff", "notes"] + Self.quoteKeys {
            values[k] = sent[k] ?? ""
        }
        let grades = Self.grades(sent)
        var errors = ValidationErrors()
        var f = AppraisalFields()
        f.customerId = FormValue.int(sent["customer_id"], field: "customer_id", into: &errors)
        f.vin = sent["vin"]; f.make = sent["make"]; f.modelName = sent["model_name"]; f.colour = sent["colour"]; f.plate = sent["plate"]; f.notes = sent["notes"]
        f.modelYear = FormValue.int(sent["model_year"], field: "model_year", into: &errors)
        f.mileageKm = FormValue.int(sent["mileage_km"]?.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ""), field: "mileage_km", into: &errors)
        for (name, field) in [("estimated_value", "estimated_value_minor"), ("payoff", "payoff_minor")] {
            guard let t = sent[name]?.trimmed, !t.isEmpty else { continue }
            if let m = Money.minorUnits(t), m <= 100_000_000_00 {
                if name == "payoff" { f.payoffMinor = m } else { f.estimatedValueMinor = m }
            } else { errors.add(field, "must be an amount like 8500 or 8,500.00") }
        }
        f.grades = grades
        do {
            guard errors.isEmpty else { throw AppError.invalid(errors) }
            let a = try await AppraisalAPI(services: services).appraise(f, principal: p)
            var back = "/sales/quotes/new?customer_id=\(a.customerId)&appraisal_id=\(a.id)"
            var fromQuote = false
            for k in Self.quoteKeys { if let v = Int(values[k] ?? "") { back += "&\(k)=\(v)"; fromQuote = true } }
            if sent["then"] == "quote" { fromQuote = true }
            return PageRenderer.redirect(to: fromQuote ? back : "/sales/appraisals/\(a.id)", flash: "Appraisal \(a.number) saved: \(a.title).")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await form(values, grades: grades, errors: AppError.from(e)!.fields, principal: p, request: request, context: context)
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let a = try await services.appraisals.get(try context.id(), scope: p.scope)
        return try await page(a, values: [:], grades: [:], errors: [:], principal: p, request: request, context: context)
    }

    func page(_ a: Appraisal, values: [String: String], grades: [String: String], errors: [String: String], principal p: Principal, request: Request,
              context: AppRequestContext) async throws -> Response {
        let stages = AppraisalStage.allCases
        let quote = a.report(.quote)
        let chosenStage = values["stage"] ?? (a.report(.delivery) == nil ? "delivery" : "resale")
        return pages.render("sales/appraisal", title: "\(a.number) · \(a.title)", data: [
            "a": ["id": a.id, "number": a.number, "title": a.title, "vin": a.vin, "plate": a.plate, "colour": a.colour, "km": a.mileageKm,
                  "customer": a.customerName ?? "", "customerId": a.customerId, "value": QuoteView.amount(a.estimatedValueMinor, a.currency),
                  "hasPayoff": a.payoffMinor > 0, "payoff": QuoteView.amount(a.payoffMinor, a.currency),
                  "status": a.status == .takenIn ? "Taken into stock" : (a.status == .open ? "Offered in part exchange" : "Not taken"),
                  "stockId": QuoteView.link(a.stockVehicleId)],
            "stages": stages.map { s in ["label": s.label, "recorded": a.report(s).map { "\($0.mileageKm) km, \(String($0.recordedAt.prefix(10)))\($0.recordedByName.map { ", " + $0 } ?? "")" } ?? "not yet"] },
            "items": AppraisalItem.allCases.map { item in
                ["label": item.label, "cells": stages.map { s -> [String: Any] in
                    guard let r = a.report(s) else { return ["text": "", "style": ""] }
                    let g = r.grade(item)
                    let worse = s != .quote && quote.map { AppraisalRules.worsened(from: $0, to: r).contains(item) } ?? false
                    return ["text": g.label, "style": g == .damaged ? "bad" : (g == .worn ? "warn" : ""), "worse": worse]
                }] as [String: Any]
            },
            "notes": stages.compactMap { s in a.report(s).flatMap { $0.notes.isEmpty ? nil : ["stage": s.label, "text": $0.notes] } },
            "canRecord": p.can(.salesWrite),
            "recordStages": [AppraisalStage.delivery, .resale].map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == chosenStage] },
            "grades": Self.gradeRows(grades.isEmpty ? (a.reports.last?.grades.mapValues(\.rawValue) ?? [:]) : grades, errors: errors),
            "r": ["mileage_km": values["mileage_km"] ?? "", "notes": values["notes"] ?? ""], "errors": errors, "hasErrors": !errors.isEmpty, "script": "print.js",
        ], context: context, request: request, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let a = try await services.appraisals.get(try context.id(), scope: p.scope)
        let form = try await FormData.read(request, context: context)
        let values = ["stage": form["stage"] ?? "", "mileage_km": form["mileage_km"] ?? "", "notes": form["notes"] ?? ""]
        let grades = Self.grades(form)
        var errors = ValidationErrors()
        let km = FormValue.int(form["mileage_km"]?.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ""), field: "mileage_km", into: &errors)
        do {
            guard errors.isEmpty else { throw AppError.invalid(errors) }
            let r = try ConditionReportFields(stage: form["stage"], mileageKm: km, grades: grades, notes: form["notes"]).validated(actor: p.actor)
            _ = try await services.appraisals.record(r, appraisalID: a.id, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/sales/appraisals/\(a.id)", flash: "Condition \(r.stage.label.lowercased()) recorded.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await page(a, values: values, grades: grades, errors: AppError.from(e)!.fields, principal: p, request: request, context: context)
        }
    }
}
