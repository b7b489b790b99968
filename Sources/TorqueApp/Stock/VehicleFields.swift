import TorqueDomain
import TorqueStore

/// A vehicle as typed in the form or sent to the API; money in minor units in the API, whole
/// currency units in the form.
struct VehicleFields: APIInput {
    var vin: String?
    var modelId: Int?
    var make: String?
    var modelName: String?
    var modelYear: Int?
    var trim: String?
    var engine: String?
    var colour: String?
    var options: [String]?
    var description: String?
    var status: String?
    var kind: String?
    var location: String?
    var costMinor: Int?
    var priceMinor: Int?
    var mileageKm: Int?
    var plate: String?
    var inStockSince: String?
    var customerId: Int?
    var orgUnitId: Int?
    static let fields: Set<String> = ["vin", "model_id", "make", "model_name", "model_year", "trim", "engine", "colour", "options", "description", "status", "kind",
                                      "location", "cost_minor", "price_minor", "mileage_km", "plate", "in_stock_since", "customer_id", "org_unit_id"]

    init() {}

    init(_ v: Vehicle) {
        vin = v.vin; modelId = v.modelId; make = v.make; modelName = v.modelName; modelYear = v.modelYear; trim = v.trim; engine = v.engine; colour = v.colour
        options = v.optionCodes.sorted(); description = v.description; status = v.status.rawValue; kind = v.kind.rawValue; location = v.location
        costMinor = v.costMinor; priceMinor = v.priceMinor; mileageKm = v.mileageKm; plate = v.plate; inStockSince = v.inStockSince; customerId = v.customerId
    }

    /// Checks every field; `model` is the catalog model named by model_id (its make, name and
    /// year fill what was left empty, its codes check the build).
    func validated(model: PricedModel?, currentYear: Int, decoder: VINDecoder, errors: inout ValidationErrors) -> VehicleInput? {
        var vin = ""
        switch VIN.parse(self.vin ?? "", enforcedWMIs: Set(decoder.ownMakes.keys)) {
        case .failure(let problem): errors.add("vin", problem.message)
        case .success(let ok): vin = ok.value
        }
        let make = Validate.text(self.make ?? model?.model.make, field: "make", into: &errors) ?? ""
        let modelName = Validate.text(self.modelName ?? model?.model.name, field: "model_name", into: &errors) ?? ""
        let year = modelYear ?? model?.model.modelYear
        if let y = year, !(1950...(currentYear + 2)).contains(y) { errors.add("model_year", "must be between 1950 and \(currentYear + 2)") }
        let build = Build(trim: (trim ?? "").trimmed.uppercased(), engine: (engine ?? "").trimmed.uppercased(), colour: (colour ?? "").trimmed.uppercased(),
                          options: Set((options ?? []).map { $0.trimmed.uppercased() }.filter { !$0.isEmpty }))
        if let model {
            for (field, code, kind) in [("trim", build.trim, CatalogItemKind.trim), ("engine", build.engine, .engine), ("colour", build.colour, .colour)] where !code.isEmpty {
                if model.catalog.items[code]?.kind != kind { errors.add(field, "\(code) is not a \(kind.label) of \(model.model.title)") }
            }
            let unknown = build.options.filter { model.catalog.items[$0] == nil || model.catalog.items[$0]!.kind.isSingleChoice }.sorted()
            if !unknown.isEmpty { errors.add("options", "not options of \(model.model.title): " + unknown.joined(separator: ", ")) }
        } else if !build.codes.isEmpty, modelId == nil {
            errors.add("model_id", "is required to give trim, engine, colour or options codes")
        }
        let status = VehicleStatus(rawValue: self.status ?? "in_stock")
        if status == nil { errors.add("status", "must be one of: " + VehicleStatus.allCases.map(\.rawValue).joined(separator: ", ")) }
        let kind = VehicleKind(rawValue: self.kind ?? "new")
        if kind == nil { errors.add("kind", "must be one of: " + VehicleKind.allCases.map(\.rawValue).joined(separator: ", ")) }
        let description = Validate.text(self.description, field: "description", required: false, limit: Validate.textLimit, into: &errors) ?? ""
        let location = Validate.text(self.location, field: "location", required: false, into: &errors) ?? ""
        for (field, value) in [("cost_minor", costMinor), ("price_minor", priceMinor), ("mileage_km", mileageKm)] {
            if let v = value, v < 0 || v > 100_000_000_000 { errors.add(field, "must be 0 or more") }
        }
        let plate = Validate.text(self.plate, field: "plate", required: false, limit: 20, into: &errors) ?? ""
        var since = inStockSince?.trimmed
        if since?.isEmpty ?? false { since = nil }
        if let s = since, CalendarDay.parse(s) == nil { errors.add("in_stock_since", "must be a date like 2026-09-30") }
        if status == .delivered, customerId == nil { errors.add("customer_id", "is required for a delivered vehicle (who has it?)") }
        guard errors.isEmpty, let status, let kind else { return nil }
        if status == .inStock, since == nil { since = ContactFields.today(in: "UTC") }
        return VehicleInput(vin: vin, modelId: modelId, make: make, modelName: modelName, modelYear: year, build: build, description: description,
                            status: status, kind: kind, location: location, costMinor: costMinor ?? 0, priceMinor: priceMinor ?? 0,
                            mileageKm: mileageKm ?? 0, plate: plate, inStockSince: since, customerId: customerId)
    }
}
