import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/vin`: check and decode a VIN typed at the counter (CAT-4).
struct VinRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/vin", use: check)
    }

    @Sendable func check(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogRead)
        let raw = request.query("vin") ?? ""
        var data: [String: Any] = ["vin": raw, "asked": !raw.isEmpty]
        if !raw.isEmpty {
            switch services.vinDecoder.decode(raw, currentYear: VinAPI.currentYear()) {
            case .failure(let problem):
                data["error"] = problem.message
            case .success(let d):
                data["d"] = ["vin": d.vin, "manufacturer": d.manufacturer ?? "not in the table of major makes", "country": d.country ?? "unknown", "region": d.region ?? "unknown",
                             "year": d.modelYear.map(String.init) ?? "not encoded", "plant": d.plantName.map { "\($0) (\(d.plantCode))" } ?? d.plantCode,
                             "serial": d.serial, "descriptor": d.descriptor, "verified": d.checkDigit == .valid]
                data["notes"] = d.notes
                var filter = VehicleFilter()
                filter.query = d.vin
                if p.can(.stockRead), let v = try await services.vehicles.list(filter, today: "9999-12-31", scope: p.scope, limit: 1).items.first(where: { $0.vin == d.vin }) {
                    data["vehicle"] = ["id": v.id, "title": v.title, "status": v.status.label, "unit": v.unitName ?? ""]
                }
                data["canRegister"] = p.can(.stockWrite) && data["vehicle"] == nil
            }
        }
        return pages.render("catalog/vin", title: "Check a VIN", data: data, context: context, request: request, status: data["error"] == nil ? .ok : .unprocessableContent)
    }
}
