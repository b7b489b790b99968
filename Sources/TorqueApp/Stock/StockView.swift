import Foundation
import TorqueDomain
import TorqueStore

/// Formatting shared by the stock pages.
enum StockView {
    /// Whole days between an ISO day (or timestamp) and today.
    static func days(since: String?, today: String) -> Int? {
        guard let since, let a = CalendarDay.ordinal(since), let b = CalendarDay.ordinal(today) else { return nil }
        return b - a
    }

    static func row(_ v: Vehicle, today: String) -> [String: Any] {
        var row: [String: Any] = [
            "id": v.id, "vin": v.vin, "vinHead": String(v.vin.prefix(9)), "vinTail": String(v.vin.suffix(8)), "title": v.title,
            "build": [v.trim, v.engine, v.colour].filter { !$0.isEmpty }.joined(separator: " · "),
            "status": v.status.label, "statusKey": v.status.rawValue, "kind": v.kind.label, "unit": v.unitName ?? "", "location": v.location,
            "price": CatalogView.money(v.priceMinor, v.currency), "plate": v.plate, "reserved": v.status == .reserved,
            "reservedBy": v.reservedByName ?? "", "mileage": v.mileageKm > 0 ? "\(Money.whole(v.mileageKm * 100)) km" : "",
        ]
        if v.status == .inStock || v.status == .reserved, let d = days(since: v.inStockSince, today: today) {
            let band = StockAging.band(days: d)
            row["days"] = d
            row["age"] = band.rawValue
            row["ageLabel"] = band.label
        }
        return row
    }

}
