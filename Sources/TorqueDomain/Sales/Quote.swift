/// Where a quote stands (QUOTE-1). An open quote past its validity date is shown as expired but
/// keeps its status, so a new version can bring it back.
public enum QuoteStatus: String, Sendable, Codable, CaseIterable {
    case open
    /// The current version's discount is above what its author may give; a manager must approve.
    case awaitingApproval = "awaiting_approval"
    case accepted, declined

    public var label: String {
        switch self {
        case .open: "Open"
        case .awaitingApproval: "Awaiting approval"
        case .accepted: "Accepted"
        case .declined: "Declined"
        }
    }
}

/// The finance or lease offer printed on a quote (QUOTE-2), with the payment it gives.
public struct QuoteFinance: Sendable, Equatable, Codable {
    public var kind: FinanceKind
    public var rate: Percentage
    public var termMonths: Int
    public var downPaymentMinor: Int
    public var balloonMinor: Int
    public var residualMinor: Int
    public var kmPerYear: Int
    public var monthlyPaymentMinor: Int

    public init(kind: FinanceKind, rate: Percentage, termMonths: Int, downPaymentMinor: Int = 0, balloonMinor: Int = 0, residualMinor: Int = 0,
                kmPerYear: Int = 0, monthlyPaymentMinor: Int = 0) {
        self.kind = kind; self.rate = rate; self.termMonths = termMonths; self.downPaymentMinor = downPaymentMinor; self.balloonMinor = balloonMinor
        self.residualMinor = residualMinor; self.kmPerYear = kmPerYear; self.monthlyPaymentMinor = monthlyPaymentMinor
    }

    /// The calculator's terms for a quote whose total and trade-in equity are known. Negative
    /// equity (more owed than the old car is worth) is financed with the car, as dealers do.
    public func terms(totalMinor: Int, tradeInEquityMinor: Int) -> FinanceTerms {
        FinanceTerms(kind: kind, priceMinor: totalMinor, downPaymentMinor: downPaymentMinor, tradeInMinor: max(0, tradeInEquityMinor),
                     feesMinor: max(0, -tradeInEquityMinor), rate: rate, termMonths: termMonths, balloonMinor: kind == .loan ? balloonMinor : 0,
                     residualMinor: kind == .lease ? residualMinor : 0, kmPerYear: kind == .lease ? kmPerYear : 0)
    }
}

/// One saved state of a quote's content; every edit adds a version and the old ones stay readable.
public struct QuoteVersion: Sendable, Equatable, Codable {
    public var version: Int
    public var lines: [QuoteLine]
    /// "none", "percent" or "amount".
    public var discountKind: String
    public var discountPercent: Percentage?
    public var discountMinor: Int?
    public var taxStyle: String
    public var taxRate: Percentage
    public var tradeInCredit: Bool
    public var appraisalId: Int?
    public var tradeInAllowanceMinor: Int
    public var tradeInPayoffMinor: Int
    public var totals: QuoteTotals
    public var finance: QuoteFinance?
    public var needsApproval: Bool
    public var approvedBy: Int?
    public var approvedByName: String?
    public var approvedAt: String?
    public var note: String
    public var createdBy: Int?
    public var createdByName: String?
    public var createdAt: String
    /// The fleet tier included in the discount (company accounts), given without approval.
    public var fleetDiscount = Percentage(perMillion: 0)

    public init(version: Int, lines: [QuoteLine], discountKind: String, discountPercent: Percentage?, discountMinor: Int?, taxStyle: String, taxRate: Percentage,
                tradeInCredit: Bool, appraisalId: Int?, tradeInAllowanceMinor: Int, tradeInPayoffMinor: Int, totals: QuoteTotals, finance: QuoteFinance?,
                needsApproval: Bool, approvedBy: Int?, approvedByName: String?, approvedAt: String?, note: String, createdBy: Int?, createdByName: String?, createdAt: String) {
        self.version = version; self.lines = lines; self.discountKind = discountKind; self.discountPercent = discountPercent; self.discountMinor = discountMinor
        self.taxStyle = taxStyle; self.taxRate = taxRate; self.tradeInCredit = tradeInCredit; self.appraisalId = appraisalId
        self.tradeInAllowanceMinor = tradeInAllowanceMinor; self.tradeInPayoffMinor = tradeInPayoffMinor; self.totals = totals; self.finance = finance
        self.needsApproval = needsApproval; self.approvedBy = approvedBy; self.approvedByName = approvedByName; self.approvedAt = approvedAt
        self.note = note; self.createdBy = createdBy; self.createdByName = createdByName; self.createdAt = createdAt
    }

    public var discount: QuoteDiscount {
        switch discountKind {
        case "percent": discountPercent.map(QuoteDiscount.percent) ?? .none
        case "amount": discountMinor.map(QuoteDiscount.amount) ?? .none
        default: .none
        }
    }
}

/// A priced offer to a customer, from a configuration or a stock unit (QUOTE-1).
public struct Quote: Sendable, Equatable, Codable {
    public var id: Int
    public var orgUnitId: Int
    public var unitName: String?
    public var customerId: Int
    public var customerName: String?
    public var opportunityId: Int?
    public var vehicleId: Int?
    public var configurationId: Int?
    public var title: String
    public var status: QuoteStatus
    public var currency: String
    public var validUntil: String
    public var currentVersion: Int
    public var current: QuoteVersion
    public var contractId: Int?
    public var acceptedAt: String?
    public var createdAt: String
    public var updatedAt: String

    public var number: String { "Q-\(id)" }

    public init(id: Int, orgUnitId: Int, unitName: String?, customerId: Int, customerName: String?, opportunityId: Int?, vehicleId: Int?, configurationId: Int?,
                title: String, status: QuoteStatus, currency: String, validUntil: String, currentVersion: Int, current: QuoteVersion, contractId: Int?,
                acceptedAt: String?, createdAt: String, updatedAt: String) {
        self.id = id; self.orgUnitId = orgUnitId; self.unitName = unitName; self.customerId = customerId; self.customerName = customerName
        self.opportunityId = opportunityId; self.vehicleId = vehicleId; self.configurationId = configurationId; self.title = title; self.status = status
        self.currency = currency; self.validUntil = validUntil; self.currentVersion = currentVersion; self.current = current; self.contractId = contractId
        self.acceptedAt = acceptedAt; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    public func isExpired(today: String) -> Bool { status == .open && validUntil < today }
}

/// The rules of a quote's life: who may give which discount, when it may be accepted.
public enum QuoteRules {
    /// Why this quote cannot be accepted today, or nil. `vehicle` is the stock unit it offers
    /// (its status now, and the opportunity it is reserved for, if any).
    public static func acceptProblem(_ q: Quote, today: String, vehicleStatus: VehicleStatus?, reservedFor: Int?) -> (field: String, message: String)? {
        switch q.status {
        case .accepted: return ("status", "was already accepted")
        case .declined: return ("status", "was declined; save a new version to offer it again")
        case .awaitingApproval: return ("status", "is waiting for a manager to approve the discount of version \(q.currentVersion)")
        case .open: break
        }
        if q.validUntil < today { return ("valid_until", "the quote expired on \(q.validUntil); save a new version with a new date") }
        if let s = vehicleStatus {
            switch s {
            case .sold, .delivered: return ("vehicle_id", "the stock unit was sold meanwhile; quote another unit")
            case .reserved where reservedFor != nil && reservedFor != q.opportunityId:
                return ("vehicle_id", "the stock unit is reserved for another deal (opportunity \(reservedFor!))")
            case .ordered, .inTransit, .inStock, .reserved: break
            }
        }
        return nil
    }

    /// The validity date a new quote gets when none is typed.
    public static func defaultValidUntil(today: String, days: Int) -> String { CalendarDay.adding(days, to: today) }
}
