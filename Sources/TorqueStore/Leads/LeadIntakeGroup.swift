import Foundation
import SQLKit
import TorqueDomain

/// An inquiry waiting to be taken in with the others that arrive at the same moment.
struct PendingIntake: Sendable {
    var input: LeadInput
    var unitID: Int
    var assignTo: Int?
    var scope: Scope
    var actor: Actor
    /// The unit's round-robin turn when it was taken before the transaction (PostgreSQL).
    var turn: Int?

    var unitKey: String { "\(unitID) \(scope.path)" }
    var emailKey: String? { input.person.email.map(SearchKey.email) }
}

/// What a group's leads are decided on, read before anything is written.
private struct IntakeFacts: Sendable {
    /// Each item's unit, by `PendingIntake.unitKey` (checked against the caller's scope).
    var units: [String: OrgUnit] = [:]
    var open: [(id: Int, unitID: Int, phone: String?, emailKey: String?)] = []
    /// Each item's most probable customer in the network.
    var matches: [Customer?] = []
    var settings: [Int: LeadSettings] = [:]
    var salespeople: [Int: [Int]] = [:]
    /// The units of the users an item asked for (active ones only).
    var unitOfAsked: [Int: Int] = [:]
    var names: [Int: String] = [:]
}

extension LeadStore {
    /// Takes in `items` together, in a few statements whatever their number (one duplicate check
    /// for all their people, one insert each of leads, tasks and audit entries), the reads side
    /// by side: intake spent its time waiting on round trips to the database, one statement at a
    /// time, more than working. Repeats of an open lead, at the same dealer and by the same phone
    /// or e-mail, also one arriving in this very group, are added to it instead. Any invalid item
    /// fails the whole call (GroupCommit then takes each in alone); answers one intake per item,
    /// in their order.
    static func intake(_ items: [PendingIntake], on tx: any SQLDatabase) async throws -> [LeadIntake] {
        let now = Date()
        if tx.dialect.name != "sqlite" {
            // Two inquiries of one person at one dealer at the same moment (a web form sent twice)
            // would each miss the other's lead, not yet committed: they take turns on a lock of
            // their own. (On SQLite a group is the only writer, and sees its own items.)
            let keys = Set(items.flatMap { item in [item.input.person.phone, item.emailKey].compactMap { $0.map { "lead \(item.unitID) \($0)" } } }).sorted()
            if !keys.isEmpty { try await tx.raw("SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest(\(bind: keys)::text[]) AS k").run() }
        }
        let facts = try await readFacts(items, on: tx)
        // Which items repeat an open lead, stored or earlier in this group.
        enum Plan { case new(Int), repeatOf(Int), repeatOfNew(Int) }
        var plans: [Plan] = []
        var fresh: [Int] = []  // indexes of the items that become new leads
        for (i, item) in items.enumerated() {
            func same(_ unit: Int, _ phone: String?, _ emailKey: String?) -> Bool {
                unit == item.unitID && ((item.input.person.phone != nil && phone == item.input.person.phone) || (item.emailKey != nil && emailKey == item.emailKey))
            }
            if let stored = facts.open.filter({ same($0.unitID, $0.phone, $0.emailKey) }).map(\.id).max() {
                plans.append(.repeatOf(stored))
            } else if let earlier = fresh.firstIndex(where: { same(items[$0].unitID, items[$0].input.person.phone, items[$0].emailKey) }) {
                plans.append(.repeatOfNew(earlier))
            } else {
                plans.append(.new(fresh.count))
                fresh.append(i)
            }
        }
        let created = try await insertNew(fresh.map { (items[$0], facts.matches[$0]) }, facts: facts, now: now, on: tx)
        try await recordNew(zip(fresh.map { items[$0] }, created).map { ($0, $1) }, settings: facts.settings, stamp: Clock.string(now), on: tx)
        var intakes: [LeadIntake] = []
        for (i, plan) in plans.enumerated() {
            switch plan {
            case .new(let k): intakes.append(LeadIntake(lead: created[k], isRepeat: false))
            case .repeatOf(let id): intakes.append(LeadIntake(lead: try await addRepeat(items[i], to: id, now: now, on: tx), isRepeat: true))
            case .repeatOfNew(let k): intakes.append(LeadIntake(lead: try await addRepeat(items[i], to: created[k].id, now: now, on: tx), isRepeat: true))
            }
        }
        return intakes
    }

    /// The units, open leads, probable customers, rules and salespeople of `items`, read side by side.
    private static func readFacts(_ items: [PendingIntake], on tx: any SQLDatabase) async throws -> IntakeFacts {
        let unitIDs = Array(Set(items.map(\.unitID)))
        async let units = readUnits(items, on: tx)
        async let open = openLeads(items, on: tx)
        async let matches = CustomerStore.bestMatches(of: items.map(\.input.person), on: tx)
        async let settings = readSettings(unitIDs, on: tx)
        async let people = readPeople(unitIDs, asked: Array(Set(items.compactMap(\.assignTo))), on: tx)
        var facts = IntakeFacts()
        (facts.units, facts.open, facts.matches, facts.settings) = try await (units, open, matches, settings)
        (facts.salespeople, facts.unitOfAsked, facts.names) = try await people
        return facts
    }

    private static func readUnits(_ items: [PendingIntake], on tx: any SQLDatabase) async throws -> [String: OrgUnit] {
        var units: [String: OrgUnit] = [:]
        for item in items where units[item.unitKey] == nil {
            units[item.unitKey] = try await OrgUnitStore.getOrInvalid(item.unitID, field: "org_unit_id", scope: item.scope, on: tx)
        }
        return units
    }

    private static func readSettings(_ unitIDs: [Int], on tx: any SQLDatabase) async throws -> [Int: LeadSettings] {
        var settings: [Int: LeadSettings] = [:]
        for unitID in unitIDs { settings[unitID] = try await LeadSettingsStore.get(unitID: unitID, on: tx) }
        return settings
    }

    /// Each unit's salespeople, the units of the users asked for, and everyone's names.
    private static func readPeople(_ unitIDs: [Int], asked: [Int], on tx: any SQLDatabase) async throws -> ([Int: [Int]], [Int: Int], [Int: String]) {
        var salespeople: [Int: [Int]] = [:]
        var unitOf: [Int: Int] = [:]
        var names: [Int: String] = [:]
        for person in try await members(of: unitIDs, roles: ["salesperson"], on: tx) {
            salespeople[person.unitID, default: []].append(person.id)
            names[person.id] = person.name
        }
        if !asked.isEmpty {
            for row in try await tx.raw("SELECT id, org_unit_id, name FROM users WHERE id IN \(SQLBind.group(asked)) AND active = \(bind: true)").all() {
                let id = try row.decode(column: "id", as: Int.self)
                unitOf[id] = try row.decode(column: "org_unit_id", as: Int?.self)
                names[id] = try row.decode(column: "name", as: String.self)
            }
        }
        return (salespeople, unitOf, names)
    }

    /// The open leads at the items' units with one of their phones or e-mails.
    private static func openLeads(_ items: [PendingIntake], on tx: any SQLDatabase) async throws -> [(id: Int, unitID: Int, phone: String?, emailKey: String?)] {
        let phones = Set(items.compactMap(\.input.person.phone))
        let emails = Set(items.compactMap(\.emailKey))
        var keys: [SQLQueryString] = []
        if !phones.isEmpty { keys.append("phone IN \(SQLBind.group(Array(phones)))") }
        if !emails.isEmpty { keys.append("email_key IN \(SQLBind.group(Array(emails)))") }
        guard !keys.isEmpty else { return [] }
        let any = keys.dropFirst().reduce(keys[0]) { $0 + " OR " + $1 }
        return try await tx.raw("""
            SELECT id, org_unit_id, phone, email_key FROM leads
            WHERE org_unit_id IN \(SQLBind.group(Array(Set(items.map(\.unitID))))) AND status IN ('new', 'contacted', 'qualified') AND (\(any))
            """).all().map {
            (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "org_unit_id", as: Int.self),
             try $0.decode(column: "phone", as: String?.self), try $0.decode(column: "email_key", as: String?.self))
        }
    }

    /// Scores, assigns and inserts new leads (each with its probable customer); answers them in
    /// the items' order.
    private static func insertNew(_ items: [(item: PendingIntake, match: Customer?)], facts: IntakeFacts, now: Date, on tx: any SQLDatabase) async throws -> [Lead] {
        guard !items.isEmpty else { return [] }
        let assignees = try await assign(items.map(\.item), facts: facts, on: tx)
        let stamp = Clock.string(now)
        let rows: [[JSONRows.Cell]] = items.enumerated().map { i, pair in
            let (item, matched) = pair
            let (input, person, q) = (item.input, item.input.person, item.input.qualification)
            let unit = facts.units[item.unitKey]!
            // The promise counts the dealer's opening hours: a lead at 21:00 is due after the next opening.
            let hours = (try? WorkingHours.parse(unit.workingHours).get()) ?? (try! WorkingHours.parse("").get())
            let due = hours.deadline(from: now, addingMinutes: facts.settings[item.unitID]!.slaMinutes, timeZone: TimeZone(identifier: unit.timeZone) ?? TimeZone(identifier: "UTC")!)
            let score = LeadScore.score(.init(source: input.source, hasPhone: person.phone != nil, hasEmail: person.email != nil, qualification: q, knownCustomer: matched != nil))
            return [
                .int(item.unitID), .text("new"), .text(input.source.rawValue), .text(input.campaign), .text(person.kind.rawValue), .init(person.firstName), .init(person.lastName),
                .init(person.companyName), .text(person.displayName), .text(SearchKey.name(person.displayName)), .init(person.email), .init(item.emailKey),
                .init(person.phone), .init(person.postcode), .init(person.city), .text(person.country), .bool(person.consentMarketing), .text(input.message),
                .text(q.interestBrand), .text(q.interestModel), .text(q.timeframe.rawValue), .text(q.payment.rawValue), .bool(q.tradeIn), .init(q.budget), .int(score.points),
                .init(assignees[i]), .init(matched?.id), .text(Clock.string(due)), .text(stamp), .text(stamp),
            ]
        }
        let leads = JSONRows(table: "leads", columns: [
            ("org_unit_id", .bigint), ("status", .text), ("source", .text), ("campaign", .text), ("kind", .text), ("first_name", .text), ("last_name", .text),
            ("company_name", .text), ("display_name", .text), ("name_key", .text), ("email", .text), ("email_key", .text), ("phone", .text),
            ("postcode", .text), ("city", .text), ("country", .text), ("consent_marketing", .boolean), ("message", .text),
            ("interest_brand", .text), ("interest_model", .text), ("timeframe", .text), ("payment", .text), ("trade_in", .boolean), ("budget", .bigint), ("score", .bigint),
            ("assigned_user_id", .bigint), ("matched_customer_id", .bigint), ("sla_due_at", .text), ("created_at", .text), ("updated_at", .text),
        ])
        // One statement numbers its rows in the order it inserts them: by id, they are the items'.
        var inserted = try await tx.raw(leads.insert(rows, tail: "RETURNING *", on: tx)).all().map(decode).sorted { $0.id < $1.id }
        precondition(inserted.count == items.count)
        for i in inserted.indices { inserted[i].assignedUserName = inserted[i].assignedUserId.flatMap { facts.names[$0] } }
        return inserted
    }

    /// Each item's salesperson: the one asked for (who must be an active user of the lead's unit),
    /// else the unit's rule, taking turns in the items' order (or the turn taken beforehand).
    private static func assign(_ items: [PendingIntake], facts: IntakeFacts, on tx: any SQLDatabase) async throws -> [Int?] {
        // The turns of each unit's round robin, taken at once for all its leads here.
        var ruled: [Int: Int] = [:]
        for item in items where item.assignTo == nil && item.turn == nil && facts.settings[item.unitID]!.rule != .manual { ruled[item.unitID, default: 0] += 1 }
        var nextTurn: [Int: Int] = [:]
        for (unitID, count) in ruled {
            let last = try await tx.raw("UPDATE lead_settings SET turn = turn + \(bind: count) WHERE org_unit_id = \(bind: unitID) RETURNING turn").first()!.decode(column: "turn", as: Int.self)
            nextTurn[unitID] = last - count
        }
        return try items.map { (item: PendingIntake) -> Int? in
            if let asked = item.assignTo {
                guard facts.unitOfAsked[asked] == item.unitID else { throw StoreError.invalid(ValidationErrors(["assigned_user_id": "is not an active user of the lead's unit"])) }
                return asked
            }
            let rules = facts.settings[item.unitID]!
            guard rules.rule != .manual else { return nil }
            if let turn = item.turn {
                return LeadAssignment.choose(rule: rules.rule, salespeople: facts.salespeople[item.unitID] ?? [], brand: item.input.qualification.interestBrand,
                                             brandRules: rules.brandRules, turn: turn)
            }
            defer { nextTurn[item.unitID]! += 1 }
            return LeadAssignment.choose(rule: rules.rule, salespeople: facts.salespeople[item.unitID] ?? [], brand: item.input.qualification.interestBrand,
                                         brandRules: rules.brandRules, turn: nextTurn[item.unitID]!)
        }
    }

    /// The new leads' first-response tasks, customer timelines and audit entries, written side by side.
    private static func recordNew(_ created: [(item: PendingIntake, lead: Lead)], settings: [Int: LeadSettings], stamp: String, on tx: any SQLDatabase) async throws {
        guard !created.isEmpty else { return }
        let tasks: [[JSONRows.Cell]] = created.compactMap { _, lead in
            guard let assignee = lead.assignedUserId else { return nil }
            return [.int(lead.orgUnitId), .int(assignee), .init(lead.matchedCustomerId), .int(lead.id),
                    .text("Answer new lead \(lead.number) \(lead.displayName) within \(settings[lead.orgUnitId]!.slaMinutes) min"), .text(String(stamp.prefix(10))), .text(stamp)]
        }
        try await withThrowingTaskGroup(of: Void.self) { writes in
            writes.addTask {
                try await JSONRows(table: "tasks", columns: [("org_unit_id", .bigint), ("assignee_user_id", .bigint), ("customer_id", .bigint), ("lead_id", .bigint),
                                                             ("title", .text), ("due_on", .text), ("created_at", .text)]).run(tasks, on: tx)
            }
            for (item, lead) in created {
                guard let customerID = lead.matchedCustomerId else { continue }
                writes.addTask {
                    _ = try await TimelineStore.append(Self.timelineEntry(lead, "New lead"), customerID: customerID, unitID: lead.orgUnitId, userName: item.actor.label, at: stamp, on: tx)
                }
            }
            for actor in Set(created.map(\.item.actor.label)) {
                let mine = created.filter { $0.item.actor.label == actor }
                writes.addTask {
                    try await AuditStore.recordMany(on: tx, actor: mine[0].item.actor, action: "create", recordType: "lead",
                                                    entries: mine.map { (recordID: $0.lead.id, orgUnitID: $0.lead.orgUnitId, after: $0.lead) })
                }
            }
            try await writes.waitForAll()
        }
    }

    /// Adds a repeated inquiry to the open lead `id` (its message keeps every one).
    private static func addRepeat(_ item: PendingIntake, to id: Int, now: Date, on tx: any SQLDatabase) async throws -> Lead {
        let lead = try await get(id, scope: .everything, on: tx)
        let input = item.input
        let note = "[\(Clock.string(now)) \(input.source.label)] " + (input.message.isEmpty ? "asked again" : input.message)
        try await tx.raw("UPDATE leads SET message = \(bind: lead.message.isEmpty ? note : lead.message + "\n" + note), updated_at = \(bind: Clock.string(now)) WHERE id = \(bind: id)").run()
        try await AuditStore.record(on: tx, actor: item.actor, action: "repeat_inquiry", recordType: "lead", recordID: id, orgUnitID: item.unitID, before: nil, after: ["message": input.message])
        return try await get(id, scope: .everything, on: tx)
    }

    /// Takes the unit's next round-robin turn in a statement of its own, outside the intake's
    /// transaction; nil when the unit has no lead rules yet or is not in `scope` (whose check
    /// then refuses the intake without having moved another dealer's turn). On PostgreSQL intakes run side by
    /// side, and the counter's row lock, taken inside the transaction, was held until its commit:
    /// a dealer's intakes queued one behind the other (measured: 390/s). An intake that then
    /// fails or turns out to repeat an open lead leaves its turn unused.
    static func takeTurn(unitID: Int, scope: Scope, on sql: any SQLDatabase) async throws -> Int? {
        guard let row = try await sql.raw("""
            UPDATE lead_settings SET turn = turn + CASE WHEN rule = 'manual' THEN 0 ELSE 1 END
            WHERE org_unit_id = \(bind: unitID) AND \(scope.condition("org_unit_id")) RETURNING turn
            """).first() else { return nil }
        return try row.decode(column: "turn", as: Int.self) - 1
    }
}
