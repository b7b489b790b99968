import TorqueDomain
import XCTest

/// Quote life rules (QUOTE-1), the tax of a dealer's country, discount limits per role, and the
/// used-car sheet's checks (QUOTE-3), with plain values.
final class QuoteRulesTests: XCTestCase {
    func quote(status: QuoteStatus = .open, validUntil: String = "2026-12-10", opportunity: Int? = 7) -> Quote {
        let totals = QuotePricing.totals(lines: [QuoteLine(kind: .vehicle, description: "Car", unitMinor: 3_000_000)], discount: .none, tax: .vatIncluded(Percentage(perMillion: 220_000)), tradeIn: nil)
        let v = QuoteVersion(version: 2, lines: [], discountKind: "none", discountPercent: nil, discountMinor: nil, taxStyle: "vat_included", taxRate: Percentage(perMillion: 220_000),
                             tradeInCredit: false, appraisalId: nil, tradeInAllowanceMinor: 0, tradeInPayoffMinor: 0, totals: totals, finance: nil, needsApproval: false,
                             approvedBy: nil, approvedByName: nil, approvedAt: nil, note: "", createdBy: nil, createdByName: nil, createdAt: "")
        return Quote(id: 1, orgUnitId: 1, unitName: nil, customerId: 1, customerName: nil, opportunityId: opportunity, vehicleId: 3, configurationId: nil, title: "Car",
                     status: status, currency: "EUR", validUntil: validUntil, currentVersion: 2, current: v, contractId: nil, acceptedAt: nil, createdAt: "", updatedAt: "")
    }

    func testAcceptanceIsRefusedWithAReason() {
        let today = "2026-11-25"
        XCTAssertNil(QuoteRules.acceptProblem(quote(), today: today, vehicleStatus: .inStock, reservedFor: nil))
        XCTAssertNil(QuoteRules.acceptProblem(quote(validUntil: today), today: today, vehicleStatus: .inStock, reservedFor: nil), "valid through its last day")
        XCTAssertEqual(QuoteRules.acceptProblem(quote(validUntil: "2026-11-24"), today: today, vehicleStatus: .inStock, reservedFor: nil)?.field, "valid_until")
        XCTAssertEqual(QuoteRules.acceptProblem(quote(status: .awaitingApproval), today: today, vehicleStatus: .inStock, reservedFor: nil)?.message,
                       "is waiting for a manager to approve the discount of version 2")
        XCTAssertEqual(QuoteRules.acceptProblem(quote(status: .accepted), today: today, vehicleStatus: .sold, reservedFor: nil)?.message, "was already accepted")
        XCTAssertEqual(QuoteRules.acceptProblem(quote(), today: today, vehicleStatus: .sold, reservedFor: nil)?.message, "the stock unit was sold meanwhile; quote another unit")
        XCTAssertEqual(QuoteRules.acceptProblem(quote(), today: today, vehicleStatus: .delivered, reservedFor: nil)?.field, "vehicle_id")
        XCTAssertNil(QuoteRules.acceptProblem(quote(), today: today, vehicleStatus: .reserved, reservedFor: 7), "reserved for this very deal")
        XCTAssertEqual(QuoteRules.acceptProblem(quote(), today: today, vehicleStatus: .reserved, reservedFor: 9)?.message, "the stock unit is reserved for another deal (opportunity 9)")
        XCTAssertNil(QuoteRules.acceptProblem(quote(), today: today, vehicleStatus: nil, reservedFor: nil), "a configuration to order has no unit to sell")
    }

    func testCountryTaxStyles() {
        XCTAssertEqual(SalesTaxRules.style(country: "it", rate: nil, tradeInCredit: true), .vatIncluded(Percentage(perMillion: 220_000)))
        XCTAssertEqual(SalesTaxRules.style(country: "CH", rate: nil, tradeInCredit: true), .vatIncluded(Percentage(perMillion: 81_000)))
        XCTAssertEqual(SalesTaxRules.style(country: "DE", rate: Percentage(perMillion: 160_000), tradeInCredit: true), .vatIncluded(Percentage(perMillion: 160_000)), "the unit's own rate wins")
        XCTAssertEqual(SalesTaxRules.style(country: "US", rate: Percentage(perMillion: 82_500), tradeInCredit: false), .salesTax(Percentage(perMillion: 82_500), tradeInCredit: false))
        let stored = SalesTaxRules.stored(.salesTax(Percentage(perMillion: 82_500), tradeInCredit: true))
        XCTAssertEqual(SalesTaxRules.style(stored: stored.style, rate: stored.rate, tradeInCredit: stored.tradeInCredit), .salesTax(Percentage(perMillion: 82_500), tradeInCredit: true))
    }

    func testDiscountLimitsTakeTheHighestRole() {
        XCTAssertEqual(DiscountPolicy.limit(roles: ["salesperson"], configured: [:]), Percentage(perMillion: 30_000))
        XCTAssertEqual(DiscountPolicy.limit(roles: ["salesperson", "sales_manager"], configured: [:]), Percentage(perMillion: 100_000))
        XCTAssertEqual(DiscountPolicy.limit(roles: ["salesperson"], configured: ["salesperson": Percentage(perMillion: 50_000)]), Percentage(perMillion: 50_000))
        XCTAssertEqual(DiscountPolicy.limit(roles: ["technician"], configured: [:]), Percentage(perMillion: 0), "a role without a limit gives no discount alone")
        XCTAssertEqual(QuoteSettings(validDays: 0, discountLimits: ["nobody": Percentage(perMillion: 1)]).problems(knownRoles: ["salesperson"]),
                       ["valid_days": "must be from 1 to 365 days", "discount_limits.nobody": "is not a role of this installation"])
    }

    /// €30,000 car, 2 % off, €500 taxable fee, Italian VAT 22 %, trade-in 8,000 with 2,000 owed,
    /// leased 36 months at 3.9 % with a €15,000 residual.
    func testAPricedQuoteWithTradeInAndLease() {
        let content = QuoteContent(lines: [QuoteLine(kind: .vehicle, description: "Dama", unitMinor: 3_000_000), QuoteLine(kind: .fee, description: "Registration", unitMinor: 50_000)],
                                   discount: .percent(Percentage(perMillion: 20_000)), tradeIn: TradeIn(allowanceMinor: 800_000, payoffMinor: 200_000),
                                   finance: QuoteFinance(kind: .lease, rate: Percentage(perMillion: 39_000), termMonths: 36, residualMinor: 1_500_000))
        let tax = SalesTaxStyle.vatIncluded(Percentage(perMillion: 220_000))
        XCTAssertEqual(content.problems(tax: tax), [:])
        let (t, f) = content.priced(tax: tax)
        XCTAssertEqual(t.discountMinor, 60_000)
        XCTAssertEqual(t.totalMinor, 2_990_000)
        XCTAssertEqual(t.vatIncludedMinor, 539_180, "2,990,000 × 22/122")
        XCTAssertEqual(t.dueMinor, 2_390_000)
        // depreciation (2,990,000 − 600,000 − 1,500,000) / 36 = 24,722.22; rent (2,390,000 + 1,500,000) × 0.001625 = 6,321.25
        XCTAssertEqual(f?.monthlyPaymentMinor, 2_472_222 / 100 + 6_321)
        let tooHigh = QuoteContent(lines: content.lines, finance: QuoteFinance(kind: .lease, rate: Percentage(perMillion: 39_000), termMonths: 36, residualMinor: 4_000_000))
        XCTAssertEqual(tooHigh.problems(tax: tax)["finance.residual_minor"], "must be less than the price")
    }

    func testNegativeEquityIsFinancedWithTheCar() {
        let f = QuoteFinance(kind: .loan, rate: Percentage(perMillion: 50_000), termMonths: 60)
        let terms = f.terms(totalMinor: 2_500_000, tradeInEquityMinor: -300_000)
        XCTAssertEqual(terms.tradeInMinor, 0)
        XCTAssertEqual(terms.feesMinor, 300_000)
    }

    func testTheAppraisalSheetRefusesAnOdometerGoingBack() {
        let atQuote = ConditionReport(stage: .quote, mileageKm: 84_000, grades: ["tyres": .worn, "paint": .good], notes: "", recordedBy: nil, recordedByName: nil, recordedAt: "")
        var atDelivery = ConditionReport(stage: .delivery, mileageKm: 83_000, grades: ["tyres": .worn, "paint": .damaged, "fins": .good], notes: "", recordedBy: nil,
                                         recordedByName: nil, recordedAt: "")
        let problems = AppraisalRules.problems(atDelivery, earlier: [atQuote])
        XCTAssertEqual(problems["mileage_km"], "is lower than the 84000 km recorded before; check the odometer")
        XCTAssertEqual(problems["grades.fins"], "is not an item of the checklist")
        atDelivery.mileageKm = 84_120
        atDelivery.grades["fins"] = nil
        XCTAssertEqual(AppraisalRules.problems(atDelivery, earlier: [atQuote]), [:])
        XCTAssertEqual(AppraisalRules.worsened(from: atQuote, to: atDelivery), [.paint])
    }
}
