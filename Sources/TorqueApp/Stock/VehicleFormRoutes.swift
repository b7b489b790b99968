import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// Registering and editing a vehicle: choose the model first, then its trim, engine, colour and
/// options from that model's catalog (works without JavaScript).
struct VehicleFormRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/stock/vehicles/new", use: newForm)
        router.post("/stock/vehicles", use: create)
        router.get("/stock/vehicles/:id/edit", use: editForm)
        router.post("/stock/vehicles/:id", use: update)
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        var f = VehicleFields()
        f.modelId = request.query("model_id").flatMap(Int.init)
        f.vin = request.query("vin")
        return try await form(f, id: nil, errors: .init(), principal: p, request: request, context: context)
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        let v = try await services.vehicles.get(try context.id(), scope: p.scope)
        var f = VehicleFields(v)
        if let m = request.query("model_id").flatMap(Int.init) { f.modelId = m }
        return try await form(f, id: v.id, errors: .init(), principal: p, request: request, context: context)
    }

    func form(_ f: VehicleFields, id: Int?, errors: ValidationErrors, principal p: Principal, request: Request, context: AppRequestContext) async throws -> Response {
        let today = ContactFields.today(in: p.timeZone)
        let models = try await services.catalog.models(scope: p.scope)
        var priced: PricedModel?
        if let m = f.modelId { priced = try? await services.catalog.priced(m, on: today, scope: p.scope) }
        func choices(_ kind: CatalogItemKind, selected: Set<String>) -> [[String: Any]] {
            (priced?.catalog.items(of: kind) ?? []).map { ["code": $0.code, "name": $0.name, "selected": selected.contains($0.code)] }
        }
        let chosen = Set(f.options ?? [])
        let optionKinds: [CatalogItemKind] = [.package, .option, .accessory]
        let units = try await services.networkStock.holders(scope: p.scope).filter { $0.kind == OrgUnitKind.dealer.rawValue || $0.kind == OrgUnitKind.distributionCenter.rawValue }
        let values: [String: String] = [
            "vin": f.vin ?? "", "make": f.make ?? "", "modelName": f.modelName ?? "", "year": f.modelYear.map(String.init) ?? "", "description": f.description ?? "",
            "location": f.location ?? "", "price": f.priceMinor.map { String($0 / 100) } ?? "", "cost": f.costMinor.map { String($0 / 100) } ?? "",
            "mileage": f.mileageKm.map(String.init) ?? "", "plate": f.plate ?? "", "since": f.inStockSince ?? "", "customer": f.customerId.map(String.init) ?? "",
        ]
        let modelRows: [[String: Any]] = models.map { ["id": $0.id, "title": $0.title, "selected": $0.id == f.modelId] }
        let unitRows: [[String: Any]] = units.map { ["id": $0.id, "name": $0.name, "selected": $0.id == (f.orgUnitId ?? p.orgUnitID)] }
        let statuses = SelectOptions.of(VehicleStatus.allCases.filter { $0 != .reserved || f.status == "reserved" }, selected: f.status ?? "in_stock") { $0.label }
        var data: [String: Any] = ["id": id ?? 0, "editing": id != nil, "action": id.map { "/stock/vehicles/\($0)" } ?? "/stock/vehicles"]
        data["models"] = modelRows
        data["hasModel"] = priced != nil
        data["trims"] = choices(.trim, selected: [f.trim ?? ""])
        data["engines"] = choices(.engine, selected: [f.engine ?? ""])
        data["colours"] = choices(.colour, selected: [f.colour ?? ""])
        data["options"] = optionKinds.flatMap { choices($0, selected: chosen) }
        data["statuses"] = statuses
        data["kinds"] = SelectOptions.of(VehicleKind.allCases, selected: f.kind ?? "new") { $0.label }
        data["units"] = unitRows
        data["chooseUnit"] = id == nil && units.count > 1
        data["f"] = values
        data["errors"] = errors.fields
        data["hasErrors"] = !errors.isEmpty
        return pages.render("stock/form", title: id == nil ? "Register a vehicle" : "Edit vehicle", data: data, context: context, request: request,
                            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Reads the form: money in whole currency units, options as checkboxes.
    func fields(_ form: FormData, errors: inout ValidationErrors) -> VehicleFields {
        var f = VehicleFields()
        f.vin = form["vin"]; f.modelId = form["model_id"].flatMap(Int.init); f.make = form["make"].flatMap { $0.isEmpty ? nil : $0 }
        f.modelName = form["model_name"].flatMap { $0.isEmpty ? nil : $0 }; f.modelYear = FormValue.int(form["model_year"], field: "model_year", into: &errors)
        f.trim = form["trim"]; f.engine = form["engine"]; f.colour = form["colour"]; f.options = form.all("options")
        f.description = form["description"]; f.status = form["status"]; f.kind = form["kind"]; f.location = form["location"]
        f.priceMinor = FormValue.money(form["price"], field: "price_minor", into: &errors)
        f.costMinor = FormValue.money(form["cost"], field: "cost_minor", into: &errors)
        f.mileageKm = FormValue.int(form["mileage_km"], field: "mileage_km", into: &errors)
        f.plate = form["plate"]; f.inStockSince = form["in_stock_since"]
        // People type the customer number as shown ("C-1042") or just its digits.
        let customer = (form["customer_id"] ?? "").trimmed.uppercased()
        f.customerId = FormValue.int(customer.hasPrefix("C-") ? String(customer.dropFirst(2)) : customer, field: "customer_id", into: &errors)
        f.orgUnitId = form["org_unit_id"].flatMap(Int.init)
        return f
    }

    func input(_ f: VehicleFields, principal p: Principal, errors: inout ValidationErrors) async -> VehicleInput? {
        var model: PricedModel?
        if let m = f.modelId {
            model = try? await services.catalog.priced(m, on: ContactFields.today(in: p.timeZone), scope: p.scope)
            if model == nil { errors.add("model_id", "is not a model of your catalog") }
        }
        return f.validated(model: model, currentYear: VinAPI.currentYear(), decoder: services.vinDecoder, errors: &errors)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        var errors = ValidationErrors()
        let f = fields(try await FormData.read(request, context: context), errors: &errors)
        guard let input = await input(f, principal: p, errors: &errors), errors.isEmpty else {
            return try await form(f, id: nil, errors: errors, principal: p, request: request, context: context)
        }
        do {
            let v = try await services.vehicles.create(input, currency: Money.currency(forCountry: p.country), unitID: f.orgUnitId ?? p.orgUnitID, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/stock/vehicles/\(v.id)", flash: "\(v.title) registered.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await form(f, id: nil, errors: ValidationErrors(AppError.from(e)!.fields), principal: p, request: request, context: context)
        }
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.stockWrite)
        let current = try await services.vehicles.get(try context.id(), scope: p.scope)
        var errors = ValidationErrors()
        var f = fields(try await FormData.read(request, context: context), errors: &errors)
        f.vin = current.vin
        guard let input = await input(f, principal: p, errors: &errors), errors.isEmpty else {
            return try await form(f, id: current.id, errors: errors, principal: p, request: request, context: context)
        }
        do {
            let v = try await services.vehicles.update(current.id, input, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/stock/vehicles/\(v.id)", flash: "Saved.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await form(f, id: current.id, errors: ValidationErrors(AppError.from(e)!.fields), principal: p, request: request, context: context)
        }
    }
}
