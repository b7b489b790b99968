import Foundation
import TorqueDomain

/// How orders, shipments and settlements read on pages.
enum DistributionView {
    /// An order as a list row: its progress by step and the next expected arrival.
    static func orderRow(_ o: VehicleOrder) -> [String: Any] {
        let live = o.lines.filter { $0.status != .cancelled }
        let steps: [(String, Int, String)] = [
            ("waiting", o.count(.pending), "waiting"), ("factory", o.count(.factory), "at the factory"), ("allocated", o.count(.allocated), "allocated"),
            ("transit", o.count(.inTransit), "in transit"), ("delivered", o.count(.delivered), "delivered"),
        ]
        let eta = o.lines.filter { $0.status == .inTransit }.compactMap(\.eta).min()
        let done = live.isEmpty ? 0 : live.reduce(0) { $0 + $1.status.step } * 100 / (live.count * 3)
        return ["id": o.id, "number": o.number, "dealer": o.unitName ?? "", "model": o.modelTitle, "build": buildText(o), "quantity": o.quantity, "wanted": o.wantedOn,
                "status": o.status.label, "open": o.status == .open, "flags": o.flags.map(\.reason), "flagged": !o.flags.isEmpty,
                "progress": steps.filter { $0.1 > 0 }.map { ["key": $0.0, "n": $0.1, "label": $0.2] }, "percent": done, "eta": eta ?? "", "hasEta": eta != nil,
                "created": String(o.createdAt.prefix(10))]
    }

    static func buildText(_ o: VehicleOrder) -> String {
        ([o.trim, o.engine, o.colour] + o.options.split(separator: ",").map(String.init)).filter { !$0.isEmpty }.joined(separator: " · ")
    }

    static func lineRow(_ l: VehicleOrderLine) -> [String: Any] {
        ["id": l.id, "no": l.lineNo, "status": l.status.label, "key": l.status.rawValue, "vin": l.vin ?? "", "hub": l.hubName ?? "", "eta": l.eta ?? "",
         "explanation": l.explanation ?? "", "allocated": l.status == .allocated, "movable": [.pending, .allocated, .factory].contains(l.status),
         "shipment": l.shipmentId ?? 0, "shipped": l.shipmentId != nil]
    }

    static func entryRow(_ e: SettlementEntry) -> [String: Any] {
        ["id": e.id, "order": e.orderId, "dealer": e.unitName ?? "", "kind": e.kind.label, "amount": CatalogView.money(e.signedMinor, e.currency),
         "reference": e.reference, "status": e.status.label, "open": e.status == .open, "paid": e.status == .paid, "by": e.createdByName, "at": String(e.createdAt.prefix(10)),
         "paidAt": e.paidAt.map { String($0.prefix(10)) } ?? ""]
    }

    static func balances(_ b: [String: Int]) -> String {
        b.isEmpty ? "nothing open" : b.sorted { $0.key < $1.key }.map { CatalogView.money($0.value, $0.key) }.joined(separator: ", ")
    }
}
