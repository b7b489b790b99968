import Hummingbird
import TorqueDomain
import TorqueStore

/// Sales contracts in the browser (QUOTE-4): the list and the contract, which prints as a clean
/// A4 or Letter document (the browser's "Save as PDF" makes the PDF).
struct ContractRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/sales/contracts", use: list)
        router.get("/sales/contracts/:id", use: show)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let (limit, after) = try request.pagination()
        let page = try await services.contracts.list(customerID: try request.positiveID("customer_id"), scope: p.scope, limit: limit, afterID: after)
        return pages.render("sales/contracts", title: "Contracts", data: [
            "rows": page.items.map(QuoteView.contract), "hasRows": !page.items.isEmpty,
            "next": page.nextCursor.map { "/sales/contracts?cursor=\($0)" } ?? "",
        ], context: context, request: request)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let k = try await services.contracts.get(try context.id(), scope: p.scope)
        // The contract repeats the accepted version word for word (its quote is in the same scope).
        let version = try await services.quotes.versions(k.quoteId, scope: p.scope).first { $0.version == k.quoteVersion }
        let customer = try await services.customers.get(k.customerId, scope: p.scope)
        var tradeIn: [String: Any] = [:]
        if let t = k.tradeInVehicleId, let car = try? await services.vehicles.get(t, scope: p.scope) {
            tradeIn = ["title": car.title, "vin": car.vin, "plate": car.plate, "km": car.mileageKm, "id": car.id]
        }
        return pages.render("sales/contract", title: "Contract \(k.number)", data: [
            "k": QuoteView.contract(k), "v": version.map { QuoteView.version($0, currency: k.currency) } ?? [:],
            "buyer": ["name": customer.displayName, "address": [customer.address, customer.postcode, customer.city].filter { !$0.isEmpty }.joined(separator: ", "),
                      "phone": customer.phone ?? "", "email": customer.email ?? "", "number": customer.number],
            "tradeIn": tradeIn.isEmpty ? false : tradeIn as Any, "script": "print.js",
        ], context: context, request: request)
    }
}
