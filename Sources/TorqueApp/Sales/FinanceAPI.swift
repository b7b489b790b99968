import Hummingbird
import TorqueDomain

/// `POST /api/v1/finance/calculate`: loan and lease payments with their schedule (QUOTE-2).
/// Pure arithmetic: nothing is stored, and nothing of anyone's data is read.
struct FinanceAPI {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/api/v1/finance/calculate", use: calculate)
    }

    struct Body: APIInput {
        var kind: String?
        var priceMinor: Int?
        var downPaymentMinor: Int?
        var tradeInMinor: Int?
        var feesMinor: Int?
        var rate: PercentValue?
        var termMonths: Int?
        var balloonMinor: Int?
        var residualMinor: Int?
        var residualPercent: PercentValue?
        var kmPerYear: Int?
        var excessKmChargeMinor: Int?
        var paymentTax: PercentValue?
        var schedule: Bool?
        static let fields: Set<String> = ["kind", "price_minor", "down_payment_minor", "trade_in_minor", "fees_minor", "rate", "term_months", "balloon_minor",
                                          "residual_minor", "residual_percent", "km_per_year", "excess_km_charge_minor", "payment_tax", "schedule"]
    }

    @Sendable func calculate(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.salesRead)
        let body = try await JSONBody.decode(Body.self, from: request, context: context)
        var errors = ValidationErrors()
        guard let terms = FinanceFields(body).terms(errors: &errors) else { throw AppError.invalid(errors) }
        return try APIResponse.json(Finance.calculate(terms, schedule: body.schedule ?? true))
    }
}
