import Foundation
import TorqueDomain

/// The fields of an org unit as submitted, before validation; shared by the form and the API.
struct OrgUnitFields: APIInput, Sendable {
    var parentId: Int?
    var kind: String?
    var code: String?
    var name: String?
    var address: String?
    var latitude: Double?
    var longitude: Double?
    var timeZone: String?
    var workingHours: String?
    var country: String?

    static let fields: Set<String> = ["parent_id", "kind", "code", "name", "address", "latitude", "longitude", "time_zone", "working_hours", "country"]

    init(parentId: Int? = nil, kind: String? = nil, code: String? = nil, name: String? = nil, address: String? = nil, latitude: Double? = nil, longitude: Double? = nil, timeZone: String? = nil, workingHours: String? = nil, country: String? = nil) {
        self.parentId = parentId; self.kind = kind; self.code = code; self.name = name; self.address = address
        self.latitude = latitude; self.longitude = longitude; self.timeZone = timeZone; self.workingHours = workingHours
        self.country = country
    }

    init(_ unit: OrgUnit) {
        self.init(parentId: unit.parentId, kind: unit.kind, code: unit.code, name: unit.name, address: unit.address, latitude: unit.latitude, longitude: unit.longitude, timeZone: unit.timeZone, workingHours: unit.workingHours, country: unit.country)
    }

    /// From an HTML form; number fields that are not numbers are reported in `errors`.
    init(form: FormData, errors: inout ValidationErrors) {
        self.init(parentId: FormValue.int(form["parent_id"], field: "parent_id", into: &errors), kind: form["kind"], code: form["code"], name: form["name"], address: form["address"],
                  latitude: FormValue.double(form["latitude"], field: "latitude", into: &errors), longitude: FormValue.double(form["longitude"], field: "longitude", into: &errors),
                  timeZone: form["time_zone"], workingHours: form["working_hours"], country: form["country"])
    }

    /// Fields present in a PATCH body replace those of the stored unit.
    static func merged(_ base: OrgUnit, patch: [String: Any], with input: OrgUnitFields) -> OrgUnitFields {
        var f = OrgUnitFields(base)
        if patch.keys.contains("parent_id") { f.parentId = input.parentId }
        if patch.keys.contains("kind") { f.kind = input.kind }
        if patch.keys.contains("code") { f.code = input.code }
        if patch.keys.contains("name") { f.name = input.name }
        if patch.keys.contains("address") { f.address = input.address }
        if patch.keys.contains("latitude") { f.latitude = input.latitude }
        if patch.keys.contains("longitude") { f.longitude = input.longitude }
        if patch.keys.contains("time_zone") { f.timeZone = input.timeZone }
        if patch.keys.contains("working_hours") { f.workingHours = input.workingHours }
        if patch.keys.contains("country") { f.country = input.country }
        return f
    }

    func validated(errors: inout ValidationErrors) -> OrgUnitInput? {
        let kind = self.kind.flatMap { OrgUnitKind(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
        if kind == nil { errors.add("kind", "must be one of: " + OrgUnitKind.allCases.map(\.rawValue).joined(separator: ", ")) }
        let code = Validate.code(code, into: &errors)
        let name = Validate.text(name, field: "name", into: &errors)
        let address = Validate.text(address, field: "address", required: false, limit: 500, into: &errors) ?? ""
        let lat = Validate.coordinate(latitude, field: "latitude", range: -90...90, into: &errors)
        let lon = Validate.coordinate(longitude, field: "longitude", range: -180...180, into: &errors)
        if (lat == nil) != (lon == nil) { errors.add(lat == nil ? "latitude" : "longitude", "give both coordinates or neither") }
        let tz = Validate.timeZone(timeZone ?? "Europe/Rome", into: &errors)
        let hoursText = Validate.text(workingHours, field: "working_hours", required: false, limit: 300, into: &errors) ?? ""
        if case let .failure(problem) = WorkingHours.parse(hoursText) { errors.add("working_hours", problem.message) }
        let country = (country ?? "IT").trimmingCharacters(in: .whitespaces).uppercased()
        if PhoneNumber.callingCodes[country] == nil { errors.add("country", "is not a country code we know (e.g. IT, DE, FR)") }
        guard errors.isEmpty, let kind, let code, let name, let tz else { return nil }
        return OrgUnitInput(parentId: parentId, kind: kind, code: code, name: name, address: address, latitude: lat, longitude: lon, timeZone: tz, workingHours: hoursText, country: country)
    }
}
