import TorqueDomain
import XCTest

/// Loan and lease arithmetic against worked examples (QUOTE-2).
final class FinanceTests: XCTestCase {
    func rate(_ text: String) -> Percentage { Percentage(percent: text)! }

    func testRatesAreReadAsPeopleTypeThem() {
        XCTAssertEqual(Percentage(percent: "5.99")?.perMillion, 59_900)
        XCTAssertEqual(Percentage(percent: "5,99 %")?.perMillion, 59_900)
        XCTAssertEqual(Percentage(percent: "0")?.perMillion, 0)
        XCTAssertEqual(Percentage(percent: ".5")?.perMillion, 5_000)
        XCTAssertEqual(Percentage(percent: "3.1415")?.perMillion, 31_415)
        for bad in ["", "abc", "-1", "5.99999", "1.2.3", "1e3", "5.", "1000"] { XCTAssertNil(Percentage(percent: bad), bad) }
        XCTAssertEqual(rate("5.99").percentText, "5.99")
        XCTAssertEqual(rate("0.5").percentText, "0.50")
        XCTAssertEqual(rate("3.1415").percentText, "3.1415")
        XCTAssertEqual(rate("3").moneyFactor, 0.00125, accuracy: 1e-12)
    }

    /// $25,000 at 5 % for 60 months: the textbook $471.78 a month.
    func testLoanPaymentAndScheduleSumExactly() {
        let q = Finance.calculate(FinanceTerms(kind: .loan, priceMinor: 2_500_000, rate: rate("5"), termMonths: 60))
        XCTAssertEqual(q.monthlyPaymentMinor, 47_178)
        XCTAssertEqual(q.schedule.count, 60)
        XCTAssertEqual(q.schedule.first?.interestMinor, 10_417, "25,000 × 5 % ÷ 12 = 104.1666…")
        XCTAssertEqual(q.schedule.last?.balanceMinor, 0)
        XCTAssertEqual(q.schedule.last?.paymentMinor, 47_186, "the last payment absorbs the rounding")
        XCTAssertEqual(q.schedule.reduce(0) { $0 + $1.principalMinor }, 2_500_000)
        XCTAssertEqual(q.totalOfPaymentsMinor, 2_830_688)
        XCTAssertEqual(q.financeChargeMinor, q.totalOfPaymentsMinor - q.amountFinancedMinor)
        XCTAssertNil(q.finalPaymentMinor)
    }

    func testDownPaymentTradeInAndFeesChangeWhatIsFinanced() {
        let q = Finance.calculate(FinanceTerms(kind: .loan, priceMinor: 3_200_000, downPaymentMinor: 300_000, tradeInMinor: 450_000, feesMinor: 50_000,
                                               rate: rate("5"), termMonths: 60))
        XCTAssertEqual(q.amountFinancedMinor, 2_500_000)
        XCTAssertEqual(q.monthlyPaymentMinor, 47_178)
    }

    func testZeroRateSplitsThePriceEvenly() {
        let q = Finance.calculate(FinanceTerms(kind: .loan, priceMinor: 1_000_000, rate: rate("0"), termMonths: 3))
        XCTAssertEqual(q.monthlyPaymentMinor, 333_334)
        XCTAssertEqual(q.schedule.map(\.paymentMinor), [333_334, 333_334, 333_332])
        XCTAssertEqual(q.financeChargeMinor, 0)
    }

    /// $30,000 at 6.9 % over 48 months with a $10,000 balloon.
    func testBalloonLoanEndsWithTheBalloon() {
        let q = Finance.calculate(FinanceTerms(kind: .loan, priceMinor: 3_000_000, rate: rate("6.9"), termMonths: 48, balloonMinor: 1_000_000))
        XCTAssertEqual(q.monthlyPaymentMinor, 53_550)
        XCTAssertEqual(q.finalPaymentMinor, 1_053_536)
        XCTAssertEqual(q.schedule[46].balanceMinor, q.schedule[47].principalMinor, "the last payment repays what is left, balloon included")
        XCTAssertGreaterThan(q.schedule[46].balanceMinor, 1_000_000)
        XCTAssertEqual(q.schedule.last?.balanceMinor, 0)
        XCTAssertEqual(q.totalOfPaymentsMinor, 3_570_386)
    }

    /// Cap cost 30,000, residual 18,000 (60 %), money factor 0.00125 (3 %), 36 months:
    /// depreciation 333.33 + rent 60.00 = 393.33 a month.
    func testLeasePaymentIsDepreciationPlusRent() {
        let q = Finance.calculate(FinanceTerms(kind: .lease, priceMinor: 3_000_000, rate: rate("3"), termMonths: 36, residualMinor: 1_800_000, kmPerYear: 15_000))
        XCTAssertEqual(q.depreciationMinor, 33_333)
        XCTAssertEqual(q.rentChargeMinor, 6_000)
        XCTAssertEqual(q.monthlyPaymentMinor, 39_333)
        XCTAssertEqual(q.schedule.last?.balanceMinor, 1_800_000, "the car is worth the residual at the end")
        XCTAssertEqual(q.schedule.last?.principalMinor, 33_345)
        XCTAssertEqual(q.totalOfPaymentsMinor, 1_200_000 + 6_000 * 36)
        XCTAssertEqual(q.kmAllowance, 45_000)
    }

    func testLeaseTaxIsChargedOnEachPayment() {
        let q = Finance.calculate(FinanceTerms(kind: .lease, priceMinor: 3_000_000, rate: rate("3"), termMonths: 36, residualMinor: 1_800_000, paymentTax: rate("8.25")))
        XCTAssertEqual(q.taxPerPaymentMinor, 3_245, "393.33 × 8.25 % = 32.449…")
        XCTAssertEqual(q.monthlyPaymentMinor, 42_578)
    }

    func testBadTermsNameTheirField() {
        let base = FinanceTerms(kind: .lease, priceMinor: 3_000_000, rate: rate("3"), termMonths: 36, residualMinor: 1_800_000)
        var t = base; t.residualMinor = 3_100_000
        XCTAssertEqual(Finance.validate(t)["residual_minor"], "must be less than the price")
        t = base; t.residualMinor = 0
        XCTAssertEqual(Finance.validate(t)["residual_minor"], "is required for a lease")
        t = base; t.rate = Percentage(perMillion: 310_000)
        XCTAssertEqual(Finance.validate(t)["rate"], "must be from 0 to 30 %")
        t = base; t.termMonths = 0
        XCTAssertNotNil(Finance.validate(t)["term_months"])
        t = base; t.priceMinor = -5
        XCTAssertEqual(Finance.validate(t)["price_minor"], "must not be negative")
        t = base; t.downPaymentMinor = 3_000_000
        XCTAssertEqual(Finance.validate(t)["down_payment_minor"], "down payment and trade-in leave nothing to finance")
        t = base; t.kind = .loan; t.balloonMinor = 3_000_000
        XCTAssertEqual(Finance.validate(t)["balloon_minor"], "must be less than the amount financed")
        XCTAssertEqual(Finance.validate(base), [:])
        XCTAssertEqual(Finance.calculate(t).monthlyPaymentMinor, 0, "invalid terms give no payment")
    }

    func testLargestAmountsDoNotOverflow() {
        let q = Finance.calculate(FinanceTerms(kind: .loan, priceMinor: 100_000_000_00, rate: Finance.maxRate, termMonths: 120))
        XCTAssertEqual(q.schedule.last?.balanceMinor, 0)
        let l = Finance.calculate(FinanceTerms(kind: .lease, priceMinor: 100_000_000_00, feesMinor: 100_000_000_00, rate: Finance.maxRate, termMonths: 1,
                                               residualMinor: 99_999_999_99, paymentTax: Finance.maxRate))
        XCTAssertGreaterThan(l.monthlyPaymentMinor, 0)
    }
}
