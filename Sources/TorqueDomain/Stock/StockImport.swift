/// A model a stock file may name, with its catalog to check the codes against.
public struct StockImportModel: Sendable {
    public var id: Int
    public var make: String
    public var name: String
    public var year: Int
    public var catalog: ModelCatalog
    public init(id: Int, make: String, name: String, year: Int, catalog: ModelCatalog) {
        self.id = id; self.make = make; self.name = name; self.year = year; self.catalog = catalog
    }
}

/// Reads a stock file from a dealer management system (INT-3): one vehicle per row, columns
/// named in English or Italian. Every row is checked; the file is taken whole or not at all.
public enum StockImport {
    /// Header (lower-cased, spaces as underscores) → field.
    public static let headers: [String: String] = [
        "vin": "vin", "telaio": "vin", "model": "model", "modello": "model", "trim": "trim", "allestimento": "trim",
        "engine": "engine", "motore": "engine", "colour": "colour", "color": "colour", "colore": "colour",
        "options": "options", "optional": "options", "status": "status", "stato": "status", "kind": "kind", "tipo": "kind",
        "location": "location", "ubicazione": "location", "price": "price", "prezzo": "price", "cost": "cost", "costo": "cost",
        "mileage_km": "mileage_km", "km": "mileage_km", "plate": "plate", "targa": "plate", "in_stock_since": "in_stock_since", "in_stock_dal": "in_stock_since",
    ]

    /// `rows` are the cells by field name with the row number as a spreadsheet shows it;
    /// `models` by model code; `known` VINs already in the network.
    public static func check(_ rows: [(rowNo: Int, cells: [String: String])], models: [String: StockImportModel], known: Set<String>,
                             ownWMIs: Set<String>, today: String) -> Result<[VehicleInput], FileRowErrors> {
        var errors: [ImportRowError] = []
        var out: [VehicleInput] = []
        var seen: [String: Int] = [:]
        if rows.isEmpty { errors.append(.init(rowNo: 1, field: "file", message: "has no vehicle rows")) }
        for (rowNo, cells) in rows {
            func cell(_ f: String) -> String { (cells[f] ?? "").trimmed }
            var bad = false
            func fail(_ field: String, _ message: String, _ value: String) { errors.append(.init(rowNo: rowNo, field: field, message: message, value: value)); bad = true }
            var vin = ""
            switch VIN.parse(cell("vin"), enforcedWMIs: ownWMIs) {
            case .failure(let p): fail("vin", p.message, cell("vin"))
            case .success(let v):
                vin = v.value
                if let earlier = seen[vin] { fail("vin", "appears twice in the file (also row \(earlier))", vin) }
                else if known.contains(vin) { fail("vin", "is already registered in the network", vin) }
                seen[vin] = rowNo
            }
            let code = cell("model").uppercased()
            let model = models[code]
            if model == nil { fail("model", code.isEmpty ? "is required" : "is not a model code of your catalog", code) }
            let options = Set(cell("options").split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "|" || $0 == "," }).map { $0.uppercased() })
            let build = Build(trim: cell("trim").uppercased(), engine: cell("engine").uppercased(), colour: cell("colour").uppercased(), options: options)
            if let model {
                for (field, value, kind) in [("trim", build.trim, CatalogItemKind.trim), ("engine", build.engine, .engine), ("colour", build.colour, .colour)] where !value.isEmpty {
                    if model.catalog.items[value]?.kind != kind { fail(field, "is not a \(kind.label) of \(model.name)", value) }
                }
                let unknown = options.filter { model.catalog.items[$0] == nil }.sorted()
                if !unknown.isEmpty { fail("options", "not options of \(model.name): " + unknown.joined(separator: " "), cell("options")) }
            }
            let status = VehicleStatus(rawValue: cell("status").isEmpty ? "in_stock" : cell("status").lowercased())
            if status == nil || status == .reserved || status == .delivered {
                fail("status", "must be one of ordered, in_transit, in_stock, sold (reservations and deliveries are made in Torque)", cell("status"))
            }
            let kind = VehicleKind(rawValue: cell("kind").isEmpty ? "new" : cell("kind").lowercased())
            if kind == nil { fail("kind", "must be one of: " + VehicleKind.allCases.map(\.rawValue).joined(separator: ", "), cell("kind")) }
            var money: [String: Int] = [:]
            for field in ["price", "cost"] where !cell(field).isEmpty {
                if let m = Money.minorUnits(cell(field)) { money[field] = m } else { fail(field, "must be an amount like 28900.00", cell(field)) }
            }
            var mileage = 0
            if !cell("mileage_km").isEmpty {
                if let m = Int(cell("mileage_km").filter { $0 != "." && $0 != "," && $0 != " " }), m >= 0 { mileage = m } else { fail("mileage_km", "must be a whole number of kilometres", cell("mileage_km")) }
            }
            var since: String? = cell("in_stock_since").isEmpty ? nil : cell("in_stock_since")
            if let s = since {
                if CalendarDay.parse(s) == nil { fail("in_stock_since", "must be a date like 2026-09-30", s) }
                else if s > today { fail("in_stock_since", "is in the future", s) }
            } else if status == .inStock { since = today }
            if cell("plate").count > 20 { fail("plate", "must be at most 20 characters", cell("plate")) }
            if cell("location").count > Validate.nameLimit { fail("location", "must be at most \(Validate.nameLimit) characters", "") }
            guard !bad, let model, let status, let kind else { continue }
            out.append(VehicleInput(vin: vin, modelId: model.id, make: model.make, modelName: model.name, modelYear: model.year, build: build,
                                    status: status, kind: kind, location: cell("location"), costMinor: money["cost"] ?? 0, priceMinor: money["price"] ?? 0,
                                    mileageKm: mileage, plate: cell("plate"), inStockSince: since))
        }
        return errors.isEmpty ? .success(out) : .failure(FileRowErrors(rows: errors.sorted { ($0.rowNo, $0.field) < ($1.rowNo, $1.field) }))
    }
}
