import Foundation
import SQLKit
import TorqueDomain

/// What opening a quote takes besides its content: who it is for and what it offers.
public struct QuoteHeader: Sendable, Equatable {
    public var customerId: Int
    public var opportunityId: Int?
    public var vehicleId: Int?
    public var configurationId: Int?
    public var title: String
    /// Nil: today plus the unit's validity days.
    public var validUntil: String?

    public init(customerId: Int, opportunityId: Int? = nil, vehicleId: Int? = nil, configurationId: Int? = nil, title: String, validUntil: String? = nil) {
        self.customerId = customerId; self.opportunityId = opportunityId; self.vehicleId = vehicleId; self.configurationId = configurationId
        self.title = title; self.validUntil = validUntil
    }
}

/// Which quotes a list shows.
public struct QuoteFilter: Sendable, Equatable {
    public var customerID: Int?
    public var opportunityID: Int?
    public var unitID: Int?
    public var status: QuoteStatus?
    public init(customerID: Int? = nil, opportunityID: Int? = nil, unitID: Int? = nil, status: QuoteStatus? = nil) {
        self.customerID = customerID; self.opportunityID = opportunityID; self.unitID = unitID; self.status = status
    }
}

/// Quotes (QUOTE-1) and their versions; writes are in QuoteWrites, acceptance in QuoteAcceptance.
public struct QuoteStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let versionSelect = """
        SELECT v.*, ua.name AS approved_by_name, uc.name AS created_by_name FROM quote_versions v
        LEFT JOIN users ua ON ua.id = v.approved_by LEFT JOIN users uc ON uc.id = v.created_by
        """

    static let select = """
        SELECT q.org_unit_id, q.customer_id, q.opportunity_id, q.vehicle_id, q.configuration_id, q.title, q.status, q.currency, q.valid_until,
               q.current_version, q.contract_id, q.accepted_at, q.created_at AS quote_created_at, q.updated_at,
               o.name AS unit_name, c.display_name AS customer_name, v.*, ua.name AS approved_by_name, uc.name AS created_by_name
        FROM quotes q JOIN org_units o ON o.id = q.org_unit_id JOIN customers c ON c.id = q.customer_id
        JOIN quote_versions v ON v.quote_id = q.id AND v.version = q.current_version
        LEFT JOIN users ua ON ua.id = v.approved_by LEFT JOIN users uc ON uc.id = v.created_by
        """

    static func decodeVersion(_ row: any SQLRow) throws -> QuoteVersion {
        let lines = try JSONDecoder().decode([QuoteLine].self, from: Data(try row.decode(column: "lines_json", as: String.self).utf8))
        let finance = try row.decode(column: "finance_json", as: String?.self).map { try JSONDecoder().decode(QuoteFinance.self, from: Data($0.utf8)) }
        let share = Percentage(perMillion: try row.decode(column: "discount_share_ppm", as: Int.self))
        let totals = QuoteTotals(goodsMinor: try row.decode(column: "goods_minor", as: Int.self), discountMinor: try row.decode(column: "discount_total_minor", as: Int.self),
                                 discountShare: share, feesMinor: try row.decode(column: "fees_minor", as: Int.self),
                                 taxAddedMinor: try row.decode(column: "tax_added_minor", as: Int.self), vatIncludedMinor: try row.decode(column: "vat_included_minor", as: Int.self),
                                 totalMinor: try row.decode(column: "total_minor", as: Int.self),
                                 tradeInEquityMinor: try row.decode(column: "trade_in_allowance_minor", as: Int.self) - (try row.decode(column: "trade_in_payoff_minor", as: Int.self)),
                                 dueMinor: try row.decode(column: "due_minor", as: Int.self))
        var version = QuoteVersion(
            version: try row.decode(column: "version", as: Int.self), lines: lines, discountKind: try row.decode(column: "discount_kind", as: String.self),
            discountPercent: try row.decode(column: "discount_ppm", as: Int?.self).map(Percentage.init(perMillion:)),
            discountMinor: try row.decode(column: "discount_minor", as: Int?.self), taxStyle: try row.decode(column: "tax_style", as: String.self),
            taxRate: Percentage(perMillion: try row.decode(column: "tax_rate_ppm", as: Int.self)), tradeInCredit: try row.decode(column: "trade_in_credit", as: Bool.self),
            appraisalId: try row.decode(column: "appraisal_id", as: Int?.self), tradeInAllowanceMinor: try row.decode(column: "trade_in_allowance_minor", as: Int.self),
            tradeInPayoffMinor: try row.decode(column: "trade_in_payoff_minor", as: Int.self), totals: totals, finance: finance,
            needsApproval: try row.decode(column: "needs_approval", as: Bool.self), approvedBy: try row.decode(column: "approved_by", as: Int?.self),
            approvedByName: try row.decode(column: "approved_by_name", as: String?.self), approvedAt: try row.decode(column: "approved_at", as: String?.self),
            note: try row.decode(column: "note", as: String.self), createdBy: try row.decode(column: "created_by", as: Int?.self),
            createdByName: try row.decode(column: "created_by_name", as: String?.self), createdAt: try row.decode(column: "created_at", as: String.self))
        version.fleetDiscount = Percentage(perMillion: try row.decode(column: "fleet_discount_ppm", as: Int.self))
        return version
    }

    static func decode(_ row: any SQLRow) throws -> Quote {
        Quote(id: try row.decode(column: "quote_id", as: Int.self), orgUnitId: try row.decode(column: "org_unit_id", as: Int.self),
              unitName: try row.decode(column: "unit_name", as: String?.self), customerId: try row.decode(column: "customer_id", as: Int.self),
              customerName: try row.decode(column: "customer_name", as: String?.self), opportunityId: try row.decode(column: "opportunity_id", as: Int?.self),
              vehicleId: try row.decode(column: "vehicle_id", as: Int?.self), configurationId: try row.decode(column: "configuration_id", as: Int?.self),
              title: try row.decode(column: "title", as: String.self), status: QuoteStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
              currency: try row.decode(column: "currency", as: String.self), validUntil: try row.decode(column: "valid_until", as: String.self),
              currentVersion: try row.decode(column: "current_version", as: Int.self), current: try decodeVersion(row),
              contractId: try row.decode(column: "contract_id", as: Int?.self), acceptedAt: try row.decode(column: "accepted_at", as: String?.self),
              createdAt: try row.decode(column: "quote_created_at", as: String.self), updatedAt: try row.decode(column: "updated_at", as: String.self))
    }

    public func get(_ id: Int, scope: Scope) async throws -> Quote { try await Self.get(id, scope: scope, on: db.sql) }

    static func get(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> Quote {
        guard let row = try await sql.raw("\(unsafeRaw: select) WHERE q.id = \(bind: id) AND \(scope.condition("q.org_unit_id"))").first() else { throw StoreError.notFound }
        return try decode(row)
    }

    /// Every version of a quote, newest first.
    public func versions(_ id: Int, scope: Scope) async throws -> [QuoteVersion] {
        _ = try await get(id, scope: scope)
        return try await db.sql.raw("\(unsafeRaw: Self.versionSelect) WHERE v.quote_id = \(bind: id) ORDER BY v.version DESC").all().map(Self.decodeVersion)
    }

    /// Newest first, one query for the page whatever its size.
    public func list(_ f: QuoteFilter, scope: Scope, limit: Int = 50, afterID: Int? = nil) async throws -> Page<Quote> {
        var sql: SQLQueryString = "\(unsafeRaw: Self.select) WHERE \(scope.condition("q.org_unit_id"))"
        if let c = f.customerID { sql += " AND q.customer_id = \(bind: c)" }
        if let o = f.opportunityID { sql += " AND q.opportunity_id = \(bind: o)" }
        if let u = f.unitID { sql += " AND q.org_unit_id = \(bind: u)" }
        if let s = f.status { sql += " AND q.status = \(bind: s.rawValue)" }
        if let afterID { sql += " AND q.id < \(bind: afterID)" }
        sql += " ORDER BY q.id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }
}
