import Foundation
import Hummingbird
import TorqueDomain
import TorqueStore

/// `/api/v1/vins/{vin}`: validate and decode a VIN (CAT-4), naming the model when it is one of
/// the catalog's and the unit when the network holds it.
struct VinAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/vins/:vin", use: decode)
    }

    struct DecodedJSON: Encodable {
        var vin: String
        var wmi: String
        var manufacturer: String?
        var country: String?
        var region: String?
        var descriptor: String
        var modelYear: Int?
        var plantCode: String
        var plantName: String?
        var serial: String
        var checkDigit: String
        var notes: [String]
        var catalogModelId: Int?
        var vehicleId: Int?
    }

    static func currentYear() -> Int { Calendar(identifier: .gregorian).component(.year, from: Date()) }

    @Sendable func decode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.catalogRead)
        let raw = context.parameters.get("vin") ?? ""
        let d: VINDecoding
        switch services.vinDecoder.decode(raw.removingPercentEncoding ?? raw, currentYear: Self.currentYear()) {
        case .failure(let problem): throw AppError.invalid(.init(["vin": problem.message]))
        case .success(let ok): d = ok
        }
        let model = try await services.catalog.models(scope: p.scope).first { !$0.vinDescriptor.isEmpty && d.descriptor.hasPrefix($0.vinDescriptor) && d.modelYear == $0.modelYear && d.manufacturer == $0.make }
        var filter = VehicleFilter()
        filter.query = d.vin
        let vehicle = try await services.vehicles.list(filter, today: "9999-12-31", scope: p.scope, limit: 1).items.first { $0.vin == d.vin }
        return try APIResponse.json(DecodedJSON(vin: d.vin, wmi: d.wmi, manufacturer: d.manufacturer, country: d.country, region: d.region, descriptor: d.descriptor,
                                                modelYear: d.modelYear, plantCode: d.plantCode, plantName: d.plantName, serial: d.serial,
                                                checkDigit: d.checkDigit.rawValue, notes: d.notes, catalogModelId: model?.id, vehicleId: vehicle?.id))
    }
}
