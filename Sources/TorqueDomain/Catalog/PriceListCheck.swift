/// A period a price list is in force: ISO days, `to` exclusive, empty `to` = until replaced.
public struct PricePeriod: Sendable, Hashable, Comparable {
    public var from: String
    public var to: String
    public init(from: String, to: String) { self.from = from; self.to = to }
    public static func < (a: PricePeriod, b: PricePeriod) -> Bool { (a.from, a.to) < (b.from, b.to) }
    public var label: String { to.isEmpty ? "from \(from)" : "\(from) to \(to)" }
}

/// One row of a price-list file (CAT-5): model code, item code, price, validity.
public struct PriceListRow: Sendable, Equatable {
    public var rowNo: Int
    public var model: String
    public var code: String
    public var price: String
    public var validFrom: String
    public var validTo: String

    public init(rowNo: Int, model: String, code: String, price: String, validFrom: String, validTo: String) {
        self.rowNo = rowNo; self.model = model; self.code = code; self.price = price; self.validFrom = validFrom; self.validTo = validTo
    }
}

/// A price-list file that passed every check: its prices grouped by period.
public struct CheckedPriceList: Sendable, Equatable {
    public struct Price: Sendable, Equatable {
        public var model: String
        public var code: String
        public var minor: Int
    }
    public var periods: [PricePeriod: [Price]]
}

/// Everything wrong with an imported file (a price list, a stock list), row by row.
public struct FileRowErrors: Error, Sendable, Equatable {
    public var rows: [ImportRowError]
    public init(rows: [ImportRowError]) { self.rows = rows }
}

/// Validates a price-list file against the catalog and the lists already stored: the file's
/// periods must follow each other without gap or overlap, and start where the stored ones end
/// (an open-ended stored list is closed by the new one).
public enum PriceListCheck {
    /// `known` holds "MODEL/CODE" of every catalog item; `stored` the periods already in force.
    public static func check(_ rows: [PriceListRow], known: Set<String>, stored: [PricePeriod]) -> Result<CheckedPriceList, FileRowErrors> {
        var errors: [ImportRowError] = []
        var periods: [PricePeriod: [CheckedPriceList.Price]] = [:]
        var firstRow: [PricePeriod: Int] = [:]
        var seen: [String: Int] = [:]
        for row in rows {
            let model = row.model.trimmed.uppercased(), code = row.code.trimmed.uppercased()
            let from = row.validFrom.trimmed, to = row.validTo.trimmed
            var ok = true
            if model.isEmpty { errors.append(.init(rowNo: row.rowNo, field: "model", message: "is required")); ok = false }
            if code.isEmpty { errors.append(.init(rowNo: row.rowNo, field: "code", message: "is required")); ok = false }
            if ok, !known.contains(model + "/" + code) {
                errors.append(.init(rowNo: row.rowNo, field: "code", message: "is not an item of model \(model) in the catalog", value: code)); ok = false
            }
            let minor = Money.minorUnits(row.price)
            if minor == nil { errors.append(.init(rowNo: row.rowNo, field: "price", message: "must be an amount of at least 0, like 32500.00", value: row.price)); ok = false }
            if CalendarDay.parse(from) == nil { errors.append(.init(rowNo: row.rowNo, field: "valid_from", message: "must be a date like 2027-01-01", value: from)); ok = false }
            if !to.isEmpty, CalendarDay.parse(to) == nil { errors.append(.init(rowNo: row.rowNo, field: "valid_to", message: "must be a date like 2027-07-01, or empty for 'until replaced'", value: to)); ok = false }
            else if !to.isEmpty, to <= from { errors.append(.init(rowNo: row.rowNo, field: "valid_to", message: "must be after valid_from (\(from))", value: to)); ok = false }
            guard ok, let minor else { continue }
            let period = PricePeriod(from: from, to: to)
            let key = "\(model)/\(code)@\(from)"
            if let earlier = seen[key] {
                errors.append(.init(rowNo: row.rowNo, field: "code", message: "is priced twice for the list \(period.label) (also row \(earlier))", value: code))
                continue
            }
            seen[key] = row.rowNo
            periods[period, default: []].append(.init(model: model, code: code, minor: minor))
            if firstRow[period] == nil { firstRow[period] = row.rowNo }
        }
        if rows.isEmpty { errors.append(.init(rowNo: 1, field: "file", message: "has no price rows")) }
        let ordered = periods.keys.sorted()
        for (a, b) in zip(ordered, ordered.dropFirst()) {
            let row = firstRow[b] ?? 0
            if a.from == b.from { errors.append(.init(rowNo: row, field: "valid_to", message: "two lists start on \(a.from) with different ends (\(a.label), \(b.label))", value: b.to)) }
            else if a.to.isEmpty || a.to > b.from { errors.append(.init(rowNo: row, field: "valid_from", message: "the list \(b.label) overlaps the list \(a.label)", value: b.from)) }
            else if a.to < b.from { errors.append(.init(rowNo: row, field: "valid_from", message: "leaves a gap after the list \(a.label): nothing would be priced from \(a.to) to \(b.from)", value: b.from)) }
        }
        if let first = ordered.first {
            let row = firstRow[first] ?? 0
            if let clash = stored.first(where: { $0.from >= first.from }) {
                errors.append(.init(rowNo: row, field: "valid_from", message: "the stored list \(clash.label) already covers \(first.from); a new list must start after \(clash.from)", value: first.from))
            } else if let last = stored.max(), !last.to.isEmpty, last.to < first.from {
                errors.append(.init(rowNo: row, field: "valid_from", message: "leaves a gap after the stored list \(last.label): nothing would be priced from \(last.to) to \(first.from)", value: first.from))
            }
        }
        return errors.isEmpty ? .success(CheckedPriceList(periods: periods)) : .failure(FileRowErrors(rows: errors.sorted { ($0.rowNo, $0.field) < ($1.rowNo, $1.field) }))
    }
}
