/// A work order from the dealer's previous system (INT-3): a closed repair order with its
/// labour and part lines, for a car known by its VIN.
public struct ImportedWorkOrder: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var rowNo: Int
        public var kind: RepairOrderLine.Kind
        public var code: String
        public var description: String
        public var minutes: Int
        public var quantity: Int
        /// Nil: labour at the workshop's rate, a part at 0.
        public var unitPriceMinor: Int?
        public var technician: String
    }
    /// The number in the previous system; importing it twice is refused.
    public var number: String
    public var rowNo: Int
    public var vin: String
    public var day: String
    public var mileageKm: Int
    public var lines: [Line]
}

/// Checks a work-order file row by row (pure): one row per line, the lines of an order sharing
/// its number, VIN, day and mileage. Columns: number, vin, day, mileage_km, kind (labour or
/// part), code, description, minutes, quantity, unit_price, technician.
public enum WorkOrderImport {
    public static let columns = ["number", "vin", "day", "mileage_km", "kind", "code", "description", "minutes", "quantity", "unit_price", "technician"]
    /// Headers as Italian dealer systems export them.
    public static let aliases = ["numero": "number", "ordine": "number", "telaio": "vin", "data": "day", "date": "day", "km": "mileage_km", "chilometri": "mileage_km",
                                 "mileage": "mileage_km", "tipo": "kind", "codice": "code", "descrizione": "description", "minuti": "minutes",
                                 "quantita": "quantity", "quantità": "quantity", "prezzo": "unit_price", "price": "unit_price", "tecnico": "technician"]

    public static func check(_ rows: [(rowNo: Int, cells: [String: String])], today: String) -> Result<[ImportedWorkOrder], FileRowErrors> {
        var errors: [ImportRowError] = []
        var orders: [ImportedWorkOrder] = []
        var index: [String: Int] = [:]
        if rows.isEmpty { errors.append(.init(rowNo: 1, field: "file", message: "has no work-order rows")) }
        for (rowNo, cells) in rows {
            func cell(_ f: String) -> String { (cells[f] ?? "").trimmed }
            var bad = false
            func fail(_ field: String, _ message: String) { errors.append(.init(rowNo: rowNo, field: field, message: message, value: cell(field))); bad = true }
            let number = cell("number")
            if number.isEmpty || number.count > 40 { fail("number", "is required (the order's number in your previous system), at most 40 characters") }
            var vin = ""
            switch VIN.parse(cell("vin")) {
            case .failure(let p): fail("vin", p.message)
            case .success(let v): vin = v.value
            }
            let day = cell("day")
            if CalendarDay.parse(day) == nil { fail("day", "must be a day like 2025-03-14") } else if day > today { fail("day", "is in the future") }
            let km = Int(cell("mileage_km").replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: ""))
            if km == nil || !(0...2_000_000).contains(km!) { fail("mileage_km", "must be a whole number of km from 0 to 2,000,000") }
            let kindText = cell("kind").lowercased()
            let kind: RepairOrderLine.Kind? = kindText.isEmpty || ["labour", "labor", "manodopera"].contains(kindText) ? .labour : ["part", "ricambio"].contains(kindText) ? .part : nil
            if kind == nil { fail("kind", "must be labour or part") }
            let code = cell("code").uppercased(), description = cell("description")
            if code.isEmpty && description.isEmpty { fail("description", "is required when there is no code") }
            if code.count > 40 { fail("code", "must be at most 40 characters") }
            if description.count > 300 { fail("description", "must be at most 300 characters") }
            var minutes = 0
            if kind == .labour {
                if let m = Int(cell("minutes")), (1...10_080).contains(m) { minutes = m } else { fail("minutes", "must be from 1 to 10,080 for labour") }
            }
            let quantityText = cell("quantity")
            let quantity = quantityText.isEmpty ? 1 : Int(quantityText)
            if quantity == nil || !(1...1_000).contains(quantity!) { fail("quantity", "must be from 1 to 1,000") }
            var price: Int?
            if !cell("unit_price").isEmpty {
                price = Money.minorUnits(cell("unit_price"))
                if price == nil { fail("unit_price", "must be an amount like 12.50") }
            }
            if bad { continue }
            let line = ImportedWorkOrder.Line(rowNo: rowNo, kind: kind!, code: code, description: description.isEmpty ? code : description, minutes: minutes,
                                              quantity: quantity!, unitPriceMinor: price, technician: cell("technician"))
            if let i = index[number] {
                let o = orders[i]
                if o.vin != vin || o.day != day || o.mileageKm != km! {
                    fail("number", "was used on row \(o.rowNo) with another VIN, day or mileage: one number, one car visit")
                    continue
                }
                orders[i].lines.append(line)
            } else {
                index[number] = orders.count
                orders.append(ImportedWorkOrder(number: number, rowNo: rowNo, vin: vin, day: day, mileageKm: km!, lines: [line]))
            }
        }
        return errors.isEmpty ? .success(orders) : .failure(FileRowErrors(rows: errors))
    }
}
