/// A sales contract (QUOTE-4): the accepted version of a quote, frozen, with the car it sells.
public struct Contract: Sendable, Equatable, Codable {
    public var id: Int
    public var orgUnitId: Int
    public var unitName: String?
    public var customerId: Int
    public var customerName: String?
    public var quoteId: Int
    public var quoteVersion: Int
    public var vehicleId: Int?
    public var vehicleTitle: String?
    public var vin: String?
    public var tradeInVehicleId: Int?
    public var currency: String
    public var totalMinor: Int
    public var dueMinor: Int
    public var monthlyPaymentMinor: Int?
    public var signedAt: String
    public var signedBy: Int?
    public var signedByName: String?

    public init(id: Int, orgUnitId: Int, unitName: String?, customerId: Int, customerName: String?, quoteId: Int, quoteVersion: Int, vehicleId: Int?,
                vehicleTitle: String?, vin: String?, tradeInVehicleId: Int?, currency: String, totalMinor: Int, dueMinor: Int, monthlyPaymentMinor: Int?,
                signedAt: String, signedBy: Int?, signedByName: String?) {
        self.id = id; self.orgUnitId = orgUnitId; self.unitName = unitName; self.customerId = customerId; self.customerName = customerName
        self.quoteId = quoteId; self.quoteVersion = quoteVersion; self.vehicleId = vehicleId; self.vehicleTitle = vehicleTitle; self.vin = vin
        self.tradeInVehicleId = tradeInVehicleId; self.currency = currency; self.totalMinor = totalMinor; self.dueMinor = dueMinor
        self.monthlyPaymentMinor = monthlyPaymentMinor; self.signedAt = signedAt; self.signedBy = signedBy; self.signedByName = signedByName
    }

    public var number: String { "C-\(id)" }
}
