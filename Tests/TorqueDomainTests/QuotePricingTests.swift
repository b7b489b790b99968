import TorqueDomain
import XCTest

/// Quote arithmetic against worked examples (QUOTE-1).
final class QuotePricingTests: XCTestCase {
    let car = [QuoteLine(kind: .vehicle, description: "Dama Lusso 1.6 Diesel", unitMinor: 2_990_000),
               QuoteLine(kind: .option, description: "Panoramic roof", unitMinor: 120_000),
               QuoteLine(kind: .accessory, description: "Floor mats", unitMinor: 12_000),
               QuoteLine(kind: .fee, description: "Registration", unitMinor: 45_000, taxable: false),
               QuoteLine(kind: .fee, description: "Delivery", unitMinor: 60_000)]

    /// Italy: prices include 22 % VAT. 31,220 goods − 5 % (1,561) + 1,050 fees = 30,709;
    /// VAT contained in 29,659 + 600 taxable = 30,259 × 22/122 = 5,456.54.
    func testVATInclusivePricesShowTheVATContained() {
        let t = QuotePricing.totals(lines: car, discount: .percent(Percentage(percent: "5")!), tax: .vatIncluded(Percentage(percent: "22")!), tradeIn: nil)
        XCTAssertEqual(t.goodsMinor, 3_122_000)
        XCTAssertEqual(t.discountMinor, 156_100)
        XCTAssertEqual(t.feesMinor, 105_000)
        XCTAssertEqual(t.totalMinor, 3_070_900)
        XCTAssertEqual(t.taxAddedMinor, 0)
        XCTAssertEqual(t.vatIncludedMinor, 545_654)
        XCTAssertEqual(t.dueMinor, t.totalMinor)
        XCTAssertEqual(t.discountShare.perMillion, 50_000)
    }

    /// US style: 6.25 % sales tax on the price after discount and taxable fees, less the trade-in
    /// allowance. Goods 31,220 − 1,000 = 30,220 + 600 delivery − 8,000 trade-in = 22,820 taxed →
    /// 1,426.25; total 30,220 + 1,050 + 1,426.25 = 32,696.25; due after equity 5,500 = 27,196.25.
    func testSalesTaxIsAddedNetOfTheTradeIn() {
        let t = QuotePricing.totals(lines: car, discount: .amount(100_000), tax: .salesTax(Percentage(percent: "6.25")!, tradeInCredit: true),
                                    tradeIn: TradeIn(allowanceMinor: 800_000, payoffMinor: 250_000))
        XCTAssertEqual(t.taxAddedMinor, 142_625)
        XCTAssertEqual(t.totalMinor, 3_269_625)
        XCTAssertEqual(t.tradeInEquityMinor, 550_000)
        XCTAssertEqual(t.dueMinor, 2_719_625)
        let noCredit = QuotePricing.totals(lines: car, discount: .amount(100_000), tax: .salesTax(Percentage(percent: "6.25")!, tradeInCredit: false),
                                           tradeIn: TradeIn(allowanceMinor: 800_000, payoffMinor: 250_000))
        XCTAssertEqual(noCredit.taxAddedMinor, 192_625, "30,820 × 6.25 %")
    }

    func testATradeInOwingMoreThanItsWorthRaisesWhatIsDue() {
        let t = QuotePricing.totals(lines: Array(car.prefix(1)), discount: .none, tax: .vatIncluded(Percentage(percent: "22")!),
                                    tradeIn: TradeIn(allowanceMinor: 500_000, payoffMinor: 700_000))
        XCTAssertEqual(t.tradeInEquityMinor, -200_000)
        XCTAssertEqual(t.dueMinor, 2_990_000 + 200_000)
    }

    func testDiscountsAboveTheRoleLimitNeedApproval() {
        let t = QuotePricing.totals(lines: car, discount: .percent(Percentage(percent: "8")!), tax: .vatIncluded(Percentage(percent: "22")!), tradeIn: nil)
        XCTAssertTrue(QuotePricing.needsApproval(t, roleLimit: Percentage(percent: "5")!))
        XCTAssertFalse(QuotePricing.needsApproval(t, roleLimit: Percentage(percent: "10")!))
        XCTAssertFalse(QuotePricing.needsApproval(t, roleLimit: Percentage(percent: "8")!), "exactly the limit is allowed")
    }

    func testBadQuotesAreNamed() {
        XCTAssertEqual(QuotePricing.validate(lines: [car[1]], discount: .none, tradeIn: nil)["lines"], "must include the vehicle")
        XCTAssertEqual(QuotePricing.validate(lines: car, discount: .amount(5_000_000), tradeIn: nil)["discount_minor"], "must be from 0 to the price of the goods")
        XCTAssertEqual(QuotePricing.validate(lines: car, discount: .percent(Percentage(perMillion: 1_500_000)), tradeIn: nil)["discount_percent"], "must be from 0 to 100 %")
        var bad = car
        bad[0].unitMinor = -1
        bad[1].quantity = 0
        let e = QuotePricing.validate(lines: bad, discount: .none, tradeIn: TradeIn(allowanceMinor: -5))
        XCTAssertEqual(e["lines[0].unit_minor"], "must be from 0 to 100,000,000.00")
        XCTAssertEqual(e["lines[1].quantity"], "must be from 1 to 1,000")
        XCTAssertEqual(e["trade_in.allowance_minor"], "must be from 0 to 100,000,000.00")
        XCTAssertEqual(QuotePricing.validate(lines: car, discount: .none, tradeIn: nil), [:])
    }
}
