import Foundation
import SQLKit
import TorqueDomain

extension QuoteStore {
    /// Opens a quote at `unitID` with its first version. A discount above what the author's
    /// `roles` may give leaves the quote awaiting approval; it is never silently applied.
    public func create(_ header: QuoteHeader, content typed: QuoteContent, unitID: Int, today: String, roles: [String], scope: Scope, actor: Actor) async throws -> Quote {
        try await db.transaction { tx in
            var content = typed
            let unit = try await OrgUnitStore.getOrInvalid(unitID, field: "org_unit_id", scope: scope, on: tx)
            let (tax, settings) = try await QuoteSettingsStore.taxStyle(forUnit: unitID, on: tx)
            content.fleetDiscount = try await Self.fleetDiscount(customerID: header.customerId, lines: content.lines, settings: settings, on: tx)
            var errors = try await Self.check(header, content: content, tax: tax, scope: scope, on: tx)
            let validUntil = header.validUntil ?? QuoteRules.defaultValidUntil(today: today, days: settings.validDays)
            if validUntil < today { errors.add("valid_until", "must be today or later") }
            if !errors.isEmpty { throw StoreError.invalid(errors) }
            let now = Clock.nowString()
            let needs = content.needsApproval(content.priced(tax: tax).totals, roleLimit: settings.limit(roles: roles))
            let id = try await tx.raw("""
                INSERT INTO quotes (org_unit_id, customer_id, opportunity_id, vehicle_id, configuration_id, title, status, currency, valid_until, current_version,
                                    created_by, created_at, updated_at)
                VALUES (\(bind: unitID), \(bind: header.customerId), \(bind: header.opportunityId), \(bind: header.vehicleId), \(bind: header.configurationId),
                        \(bind: header.title), \(bind: (needs ? QuoteStatus.awaitingApproval : .open).rawValue), \(bind: Money.currency(forCountry: unit.country)),
                        \(bind: validUntil), \(bind: 1), \(bind: actor.userID), \(bind: now), \(bind: now))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            try await Self.insertVersion(quoteID: id, version: 1, content: content, tax: tax, needsApproval: needs, actor: actor, at: now, on: tx)
            let created = try await Self.get(id, scope: .everything, on: tx)
            try await Self.log(created, "Quote \(created.number) made: \(created.title)", actor: actor, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "quote", recordID: id, orgUnitID: unitID, before: nil, after: created)
            return created
        }
    }

    /// Saves new content as the next version (the earlier ones stay readable). An accepted quote
    /// is frozen; a declined one comes back open.
    public func revise(_ id: Int, content typed: QuoteContent, validUntil: String?, today: String, roles: [String], scope: Scope, actor: Actor) async throws -> Quote {
        try await db.transaction { tx in
            var content = typed
            let before = try await Self.lock(id, scope: scope, on: tx)
            if before.status == .accepted { throw StoreError.conflict(field: "status", message: "was accepted and became contract C-\(before.contractId ?? 0); it cannot change") }
            let (tax, settings) = try await QuoteSettingsStore.taxStyle(forUnit: before.orgUnitId, on: tx)
            content.fleetDiscount = try await Self.fleetDiscount(customerID: before.customerId, lines: content.lines, settings: settings, on: tx)
            let header = QuoteHeader(customerId: before.customerId, opportunityId: before.opportunityId, vehicleId: before.vehicleId,
                                     configurationId: before.configurationId, title: before.title, validUntil: validUntil)
            var errors = try await Self.check(header, content: content, tax: tax, scope: scope, on: tx)
            let until = validUntil ?? max(before.validUntil, QuoteRules.defaultValidUntil(today: today, days: settings.validDays))
            if until < today { errors.add("valid_until", "must be today or later") }
            if !errors.isEmpty { throw StoreError.invalid(errors) }
            let now = Clock.nowString()
            let needs = content.needsApproval(content.priced(tax: tax).totals, roleLimit: settings.limit(roles: roles))
            let version = before.currentVersion + 1
            try await Self.insertVersion(quoteID: id, version: version, content: content, tax: tax, needsApproval: needs, actor: actor, at: now, on: tx)
            try await tx.raw("""
                UPDATE quotes SET current_version = \(bind: version), status = \(bind: (needs ? QuoteStatus.awaitingApproval : .open).rawValue),
                  valid_until = \(bind: until), updated_at = \(bind: now) WHERE id = \(bind: id)
                """).run()
            let after = try await Self.get(id, scope: .everything, on: tx)
            try await Self.log(after, "Quote \(after.number) version \(version)", actor: actor, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "revise", recordType: "quote", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
            return after
        }
    }

    /// A manager approves the current version's discount, within their own limit.
    public func approve(_ id: Int, roles: [String], scope: Scope, actor: Actor) async throws -> Quote {
        try await db.transaction { tx in
            let before = try await Self.lock(id, scope: scope, on: tx)
            guard before.status == .awaitingApproval else {
                throw StoreError.conflict(field: "status", message: "is \(before.status.label.lowercased()); only a quote awaiting approval can be approved")
            }
            let limit = try await QuoteSettingsStore.settings(forUnit: before.orgUnitId, on: tx).limit(roles: roles)
            if QuotePricing.needsApproval(before.current.totals, roleLimit: limit, preApproved: before.current.fleetDiscount) {
                throw StoreError.conflict(field: "discount", message: "of \(before.current.totals.discountShare.percentText) % is above your own limit of \(limit.percentText) %; ask someone with a higher limit")
            }
            let now = Clock.nowString()
            try await tx.raw("UPDATE quote_versions SET approved_by = \(bind: actor.userID), approved_at = \(bind: now) WHERE quote_id = \(bind: id) AND version = \(bind: before.currentVersion)").run()
            try await tx.raw("UPDATE quotes SET status = \(bind: QuoteStatus.open.rawValue), updated_at = \(bind: now) WHERE id = \(bind: id)").run()
            let after = try await Self.get(id, scope: .everything, on: tx)
            try await Self.log(after, "Quote \(after.number): discount of \(after.current.totals.discountShare.percentText) % approved", actor: actor, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "approve", recordType: "quote", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
            return after
        }
    }

    /// The customer said no; a new version reopens it.
    public func decline(_ id: Int, reason: String, scope: Scope, actor: Actor) async throws -> Quote {
        try await db.transaction { tx in
            let before = try await Self.lock(id, scope: scope, on: tx)
            guard before.status != .accepted else { throw StoreError.conflict(field: "status", message: "was accepted; it cannot be declined") }
            try await tx.raw("UPDATE quotes SET status = \(bind: QuoteStatus.declined.rawValue), updated_at = \(bind: Clock.nowString()) WHERE id = \(bind: id)").run()
            let after = try await Self.get(id, scope: .everything, on: tx)
            try await Self.log(after, "Quote \(after.number) declined", detail: reason, actor: actor, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "decline", recordType: "quote", recordID: id, orgUnitID: before.orgUnitId, before: before, after: after)
            return after
        }
    }

    /// Reads the quote after writing its row, so two managers approving, or an edit racing an
    /// acceptance, wait for each other (PostgreSQL locks the row; SQLite writes one at a time).
    static func lock(_ id: Int, scope: Scope, on tx: any SQLDatabase) async throws -> Quote {
        guard try await tx.raw("UPDATE quotes SET updated_at = updated_at WHERE id = \(bind: id) AND \(scope.condition("org_unit_id")) RETURNING id").first() != nil
        else { throw StoreError.notFound }
        return try await get(id, scope: scope, on: tx)
    }

    static func log(_ q: Quote, _ title: String, detail: String = "", actor: Actor, on tx: any SQLDatabase) async throws {
        try await TimelineStore.append(TimelineEntry(kind: .quote, title: title, detail: detail.isEmpty ? "\(q.currency) \(Money.exact(q.current.totals.totalMinor))" : detail,
                                                     refType: "quote", refId: q.id),
                                       customerID: q.customerId, unitID: q.orgUnitId, userName: actor.label, on: tx)
    }

    static func insertVersion(quoteID: Int, version: Int, content: QuoteContent, tax: SalesTaxStyle, needsApproval: Bool, actor: Actor, at now: String, on tx: any SQLDatabase) async throws {
        let (t, finance) = content.priced(tax: tax)
        let stored = SalesTaxRules.stored(tax)
        let lines = String(decoding: try JSONEncoder().encode(content.lines), as: UTF8.self)
        let financeJSON = try finance.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        var kind = "none", ppm: Int? = nil, amount: Int? = nil
        switch content.discount {
        case .none: break
        case .percent(let p): kind = "percent"; ppm = p.perMillion
        case .amount(let a): kind = "amount"; amount = a
        }
        try await tx.raw("""
            INSERT INTO quote_versions (quote_id, version, lines_json, discount_kind, discount_ppm, discount_minor, tax_style, tax_rate_ppm, trade_in_credit, appraisal_id,
                                        trade_in_allowance_minor, trade_in_payoff_minor, goods_minor, discount_total_minor, discount_share_ppm, fees_minor, tax_added_minor,
                                        vat_included_minor, total_minor, due_minor, finance_json, needs_approval, note, created_by, created_at, fleet_discount_ppm)
            VALUES (\(bind: quoteID), \(bind: version), \(bind: lines), \(bind: kind), \(bind: ppm), \(bind: amount), \(bind: stored.style), \(bind: stored.rate.perMillion),
                    \(bind: stored.tradeInCredit), \(bind: content.appraisalId), \(bind: content.tradeIn?.allowanceMinor ?? 0), \(bind: content.tradeIn?.payoffMinor ?? 0),
                    \(bind: t.goodsMinor), \(bind: t.discountMinor), \(bind: t.discountShare.perMillion), \(bind: t.feesMinor), \(bind: t.taxAddedMinor),
                    \(bind: t.vatIncludedMinor), \(bind: t.totalMinor), \(bind: t.dueMinor), \(bind: financeJSON), \(bind: needsApproval), \(bind: content.note),
                    \(bind: actor.userID), \(bind: now), \(bind: content.fleetDiscount.perMillion))
            """).run()
    }

    /// The fleet tier a company account's quote reaches (none for anyone else).
    static func fleetDiscount(customerID: Int, lines: [QuoteLine], settings: QuoteSettings, on tx: any SQLDatabase) async throws -> Percentage {
        guard try await tx.raw("SELECT 1 AS x FROM accounts WHERE customer_id = \(bind: customerID)").first() != nil else { return Percentage(perMillion: 0) }
        return FleetPricing.discount(quantity: FleetPricing.vehicles(lines), tiers: settings.fleetTiers)
    }

    /// Field errors of the content and of every reference (each must be visible to the caller
    /// and belong to the quote's customer).
    static func check(_ h: QuoteHeader, content: QuoteContent, tax: SalesTaxStyle, scope: Scope, on tx: any SQLDatabase) async throws -> ValidationErrors {
        var errors = ValidationErrors(content.problems(tax: tax))
        let title = h.title.trimmingCharacters(in: .whitespaces)
        if title.isEmpty { errors.add("title", "is required") } else if title.count > 200 { errors.add("title", "must be at most 200 characters") }
        do { _ = try await CustomerStore.get(h.customerId, scope: scope, on: tx) } catch StoreError.notFound { errors.add("customer_id", "is not a customer you can see") }
        if let o = h.opportunityId {
            do {
                let opp = try await OpportunityStore.get(o, scope: scope, on: tx)
                if opp.customerId != h.customerId { errors.add("opportunity_id", "belongs to another customer") }
            } catch StoreError.notFound { errors.add("opportunity_id", "is not an opportunity you can see") }
        }
        if let v = h.vehicleId {
            do {
                let car = try await VehicleStore.get(v, scope: scope, on: tx)
                if car.status == .sold || car.status == .delivered { errors.add("vehicle_id", "is \(car.status.label.lowercased()), not for sale") }
            } catch StoreError.notFound { errors.add("vehicle_id", "is not a vehicle you can see") }
        }
        if let c = h.configurationId,
           try await tx.raw("SELECT 1 AS x FROM configurations WHERE id = \(bind: c) AND \(scope.condition("org_unit_id"))").first() == nil {
            errors.add("configuration_id", "is not a configuration you can see")
        }
        if let a = content.appraisalId {
            do {
                let appraisal = try await AppraisalStore.get(a, scope: scope, on: tx)
                if appraisal.customerId != h.customerId { errors.add("trade_in.appraisal_id", "is the appraisal of another customer's car") }
                else if appraisal.status != .open { errors.add("trade_in.appraisal_id", "was already taken into stock") }
            } catch StoreError.notFound { errors.add("trade_in.appraisal_id", "is not an appraisal you can see") }
        }
        return errors
    }
}
