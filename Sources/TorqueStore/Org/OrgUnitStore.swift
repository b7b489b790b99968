import SQLKit
import TorqueDomain

/// Org units: the tree of the network. Reads are limited to the caller's scope.
public struct OrgUnitStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public struct Filter: Sendable {
        public var kind: OrgUnitKind?
        public var query: String?
        public var includeInactive = false
        public var parentId: Int?
        public init(kind: OrgUnitKind? = nil, query: String? = nil, includeInactive: Bool = false, parentId: Int? = nil) {
            self.kind = kind; self.query = query; self.includeInactive = includeInactive; self.parentId = parentId
        }
    }

    static func decode(_ row: any SQLRow) throws -> OrgUnit {
        try row.decode(model: OrgUnit.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Units in scope, in tree order (by path), keyset-paginated on path order via id cursor.
    public func list(scope: Scope, filter: Filter = Filter(), limit: Int = 500, afterPath: String? = nil) async throws -> [OrgUnit] {
        var sql: SQLQueryString = "SELECT * FROM org_units WHERE path LIKE \(bind: scope.path + "%")"
        if !filter.includeInactive { sql = sql + " AND active = \(bind: true)" }
        if let kind = filter.kind { sql = sql + " AND kind = \(bind: kind.rawValue)" }
        if let parent = filter.parentId { sql = sql + " AND parent_id = \(bind: parent)" }
        if let q = filter.query?.lowercased(), !q.isEmpty {
            sql = sql + " AND (LOWER(name) LIKE \(bind: "%" + q + "%") OR LOWER(code) LIKE \(bind: "%" + q + "%"))"
        }
        if let afterPath { sql = sql + " AND path > \(bind: afterPath)" }
        sql = sql + " ORDER BY path LIMIT \(bind: limit)"
        return try await db.sql.raw(sql).all().map(Self.decode)
    }

    public func get(_ id: Int, scope: Scope) async throws -> OrgUnit {
        try await Self.get(id, scope: scope, on: db.sql)
    }

    static func get(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> OrgUnit {
        guard let row = try await sql.raw("SELECT * FROM org_units WHERE id = \(bind: id) AND path LIKE \(bind: scope.path + "%")").first() else {
            throw StoreError.notFound
        }
        return try decode(row)
    }

    /// Units by id regardless of scope: for labels of units a caller may reference (their own unit).
    public func names(ids: [Int]) async throws -> [Int: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.sql.select().columns("id", "name").from("org_units")
            .where(SQLIdentifier("id"), .in, SQLBind.group(ids)).all()
        var result: [Int: String] = [:]
        for row in rows { result[try row.decode(column: "id", as: Int.self)] = try row.decode(column: "name", as: String.self) }
        return result
    }

    /// The root (OEM) unit, if the network has one.
    public func root() async throws -> OrgUnit? {
        try await db.sql.raw("SELECT * FROM org_units WHERE parent_id IS NULL ORDER BY id LIMIT 1").first().map(Self.decode)
    }

    public func count() async throws -> Int {
        try await db.sql.raw("SELECT COUNT(*) AS n FROM org_units").first()!.decode(column: "n", as: Int.self)
    }

    public func findByCode(_ code: String) async throws -> OrgUnit? {
        try await db.sql.raw("SELECT * FROM org_units WHERE code = \(bind: code.uppercased())").first().map(Self.decode)
    }

    /// Creates a unit under a parent the caller can see; only an empty network takes a root.
    public func create(_ input: OrgUnitInput, scope: Scope, actor: Actor) async throws -> OrgUnit {
        try await db.transaction { tx in
            let now = Clock.nowString()
            var parentPath: String?
            if let parentID = input.parentId {
                let parent = try await Self.getOrInvalid(parentID, field: "parent_id", scope: scope, on: tx)
                guard let parentKind = parent.unitKind, parentKind.allowedChildren.contains(input.kind) else {
                    throw StoreError.invalid(ValidationErrors(["kind": "a \(parent.unitKind?.label.lowercased() ?? parent.kind) cannot contain a \(input.kind.label.lowercased())"]))
                }
                guard parent.active else { throw StoreError.invalid(ValidationErrors(["parent_id": "is deactivated"])) }
                parentPath = parent.path
            } else {
                let existing = try await tx.raw("SELECT COUNT(*) AS n FROM org_units").first()!.decode(column: "n", as: Int.self)
                guard existing == 0 else {
                    throw StoreError.invalid(ValidationErrors(["parent_id": "is required"]))
                }
            }
            try await Self.ensureCodeFree(input.code, except: nil, on: tx)
            let row = try await tx.raw("""
                INSERT INTO org_units (parent_id, path, kind, code, name, address, latitude, longitude, time_zone, working_hours, country, active, created_at, updated_at)
                VALUES (\(bind: input.parentId), '', \(bind: input.kind.rawValue), \(bind: input.code), \(bind: input.name), \(bind: input.address),
                        \(bind: input.latitude), \(bind: input.longitude), \(bind: input.timeZone), \(bind: input.workingHours), \(bind: input.country), \(bind: true), \(bind: now), \(bind: now))
                RETURNING id
                """).first()!
            let id = try row.decode(column: "id", as: Int.self)
            let path = OrgPath.path(forID: id, underParentPath: parentPath)
            try await tx.raw("UPDATE org_units SET path = \(bind: path) WHERE id = \(bind: id)").run()
            let unit = try await Self.get(id, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "org_unit", recordID: id, orgUnitID: id, before: nil, after: unit)
            return unit
        }
    }

    static func ensureCodeFree(_ code: String, except id: Int?, on tx: any SQLDatabase) async throws {
        if let row = try await tx.raw("SELECT id FROM org_units WHERE code = \(bind: code)").first(),
           try row.decode(column: "id", as: Int.self) != id {
            throw StoreError.conflict(field: "code", message: "is already used by another unit")
        }
    }

    /// Edits a unit's fields and, when the parent changes, moves it with its whole subtree.
    public func update(_ id: Int, _ input: OrgUnitInput, scope: Scope, actor: Actor) async throws -> OrgUnit {
        try await db.transaction { tx in
            let before = try await Self.get(id, scope: scope, on: tx)
            try await Self.ensureCodeFree(input.code, except: id, on: tx)
            var newPath = before.path
            if input.parentId != before.parentId {
                guard let parentID = input.parentId else {
                    throw StoreError.invalid(ValidationErrors(["parent_id": "the network root cannot be changed"]))
                }
                guard before.parentId != nil else {
                    throw StoreError.invalid(ValidationErrors(["parent_id": "the network root cannot be moved"]))
                }
                // The target must be visible, and the caller must keep seeing the unit after the move.
                let parent = try await Self.getOrInvalid(parentID, field: "parent_id", scope: scope, on: tx)
                if let problem = OrgPath.moveProblem(unitPath: before.path, unitKind: input.kind, newParentPath: parent.path, newParentKind: parent.unitKind ?? .workshop) {
                    throw StoreError.invalid(ValidationErrors(["parent_id": problem]))
                }
                newPath = OrgPath.path(forID: id, underParentPath: parent.path)
            } else if let parentID = before.parentId, input.kind.rawValue != before.kind {
                let parent = try await Self.get(parentID, scope: .everything, on: tx)
                if !(parent.unitKind?.allowedChildren.contains(input.kind) ?? false) {
                    throw StoreError.invalid(ValidationErrors(["kind": "a \(parent.unitKind?.label.lowercased() ?? parent.kind) cannot contain a \(input.kind.label.lowercased())"]))
                }
            }
            if input.kind.rawValue != before.kind {
                let children = try await tx.raw("SELECT kind FROM org_units WHERE parent_id = \(bind: id)").all().map { try $0.decode(column: "kind", as: String.self) }
                if let bad = children.compactMap(OrgUnitKind.init(rawValue:)).first(where: { !input.kind.allowedChildren.contains($0) }) {
                    throw StoreError.invalid(ValidationErrors(["kind": "this unit contains a \(bad.label.lowercased()), which a \(input.kind.label.lowercased()) cannot"]))
                }
            }
            try await tx.raw("""
                UPDATE org_units SET parent_id = \(bind: input.parentId), kind = \(bind: input.kind.rawValue), code = \(bind: input.code), name = \(bind: input.name),
                  address = \(bind: input.address), latitude = \(bind: input.latitude), longitude = \(bind: input.longitude), time_zone = \(bind: input.timeZone),
                  working_hours = \(bind: input.workingHours), country = \(bind: input.country), updated_at = \(bind: Clock.nowString())
                WHERE id = \(bind: id)
                """).run()
            if newPath != before.path {
                // Rewrites the prefix of every descendant's path in one statement.
                try await tx.raw("""
                    UPDATE org_units SET path = \(bind: newPath) || SUBSTR(path, \(unsafeRaw: String(before.path.count + 1)))
                    WHERE path LIKE \(bind: before.path + "%")
                    """).run()
            }
            let after = try await Self.get(id, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: newPath != before.path ? "move" : "update", recordType: "org_unit", recordID: id, orgUnitID: id, before: before, after: after)
            return after
        }
    }

    /// Deactivates or reactivates a unit. Deactivation cascades to nothing: children stay as they are.
    public func setActive(_ id: Int, _ active: Bool, scope: Scope, actor: Actor) async throws -> OrgUnit {
        try await db.transaction { tx in
            let before = try await Self.get(id, scope: scope, on: tx)
            if before.parentId == nil && !active {
                throw StoreError.invalid(ValidationErrors(["active": "the network root cannot be deactivated"]))
            }
            try await tx.raw("UPDATE org_units SET active = \(bind: active), updated_at = \(bind: Clock.nowString()) WHERE id = \(bind: id)").run()
            let after = try await Self.get(id, scope: .everything, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: active ? "reactivate" : "deactivate", recordType: "org_unit", recordID: id, orgUnitID: id, before: before, after: after)
            return after
        }
    }

    /// Deletes a unit that has no children and no records; anything else must be deactivated.
    public func delete(_ id: Int, scope: Scope, actor: Actor) async throws {
        try await db.transaction { tx in
            let before = try await Self.get(id, scope: scope, on: tx)
            var uses = 0
            for (table, column) in Self.records {
                uses += try await tx.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: column) = \(bind: id)").first()!.decode(column: "n", as: Int.self)
                if uses > 0 { break }
            }
            if uses > 0 || before.parentId == nil {
                throw StoreError.conflict(field: "id", message: "this unit has sub-units or records; deactivate it instead")
            }
            // Audit rows of the unit itself reference it; they move to the parent so history survives.
            try await tx.raw("UPDATE audit_events SET org_unit_id = \(bind: before.parentId!) WHERE org_unit_id = \(bind: id)").run()
            try await AuditStore.record(on: tx, actor: actor, action: "delete", recordType: "org_unit", recordID: id, orgUnitID: before.parentId!, before: before, after: nil)
            for (table, column) in Self.settings {
                try await tx.raw("DELETE FROM \(unsafeRaw: table) WHERE \(unsafeRaw: column) = \(bind: id)").run()
            }
            try await tx.raw("DELETE FROM org_units WHERE id = \(bind: id)").run()
        }
    }

    /// A unit's own row of a settings table (keyed by `org_unit_id`), else its nearest
    /// ancestor's; nil when none of them set anything.
    static func nearestSettings(_ table: String, forUnit unitID: Int, on sql: any SQLDatabase) async throws -> (any SQLRow)? {
        try await sql.raw("""
            SELECT s.* FROM \(unsafeRaw: table) s JOIN org_units o ON o.id = s.org_unit_id
            WHERE (SELECT path FROM org_units WHERE id = \(bind: unitID)) LIKE o.path || '%'
            ORDER BY LENGTH(o.path) DESC LIMIT 1
            """).first()
    }

    /// Every column that points at a unit and holds business records: a unit with any is kept
    /// (deactivate it instead). A module that adds such a column adds it here; a test checks.
    public static let records: [(table: String, column: String)] = [
        ("org_units", "parent_id"), ("users", "org_unit_id"), ("api_keys", "org_unit_id"), ("outbox_messages", "org_unit_id"),
        ("customers", "org_unit_id"), ("customer_units", "org_unit_id"), ("contacts", "org_unit_id"), ("tasks", "org_unit_id"),
        ("timeline_events", "org_unit_id"), ("leads", "org_unit_id"), ("opportunities", "org_unit_id"), ("imports", "org_unit_id"),
        ("exports", "org_unit_id"), ("catalog_models", "org_unit_id"), ("price_lists", "org_unit_id"), ("configurations", "org_unit_id"),
        ("vehicles", "org_unit_id"), ("parts", "org_unit_id"), ("part_movements", "org_unit_id"), ("appointments", "org_unit_id"),
        ("appraisals", "org_unit_id"), ("quotes", "org_unit_id"), ("contracts", "org_unit_id"), ("accounts", "org_unit_id"),
        ("quote_templates", "org_unit_id"), ("workshop_bays", "org_unit_id"), ("technicians", "org_unit_id"), ("labour_operations", "org_unit_id"),
        ("service_bookings", "org_unit_id"), ("repair_orders", "org_unit_id"), ("maintenance_items", "org_unit_id"), ("part_orders", "org_unit_id"),
        ("vehicle_orders", "org_unit_id"), ("vehicle_orders", "hub_id"), ("vehicle_order_lines", "org_unit_id"), ("vehicle_order_lines", "hub_id"),
        ("allocations", "org_unit_id"), ("allocations", "hub_id"), ("shipments", "org_unit_id"), ("shipments", "from_unit_id"),
        ("settlement_entries", "org_unit_id"), ("warning_flags", "org_unit_id"), ("production_days", "org_unit_id"), ("vehicle_builds", "org_unit_id"),
        ("qa_inspections", "org_unit_id"), ("defect_alerts", "org_unit_id"),
    ]

    /// The unit's own configuration, deleted with it. (Audit rows move to the parent, above.)
    public static let settings: [(table: String, column: String)] = [("lead_brand_rules", "org_unit_id"), ("lead_settings", "org_unit_id"), ("stock_counts", "org_unit_id"), ("sales_stages", "org_unit_id"), ("opportunity_counts", "org_unit_id"), ("opportunity_close_counts", "org_unit_id"), ("quote_settings", "org_unit_id"), ("sales_targets", "org_unit_id"), ("workshop_settings", "org_unit_id"), ("workshop_kpi_days", "org_unit_id"), ("workshop_kpi_items", "org_unit_id"), ("model_sales_months", "org_unit_id")]
}

extension OrgUnitStore {
    /// Like `get`, but a unit named in the caller's input that they cannot see is a field error.
    static func getOrInvalid(_ id: Int, field: String, scope: Scope, on tx: any SQLDatabase) async throws -> OrgUnit {
        do { return try await get(id, scope: scope, on: tx) } catch StoreError.notFound {
            throw StoreError.invalid(ValidationErrors([field: "is not a unit you can see"]))
        }
    }
}
