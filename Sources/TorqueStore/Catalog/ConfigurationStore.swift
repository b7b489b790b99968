import Foundation
import SQLKit
import TorqueDomain

/// A build that breaks the catalog: nothing was saved; the failures say why.
public struct BuildRefused: Error, Sendable {
    public var failures: [RuleFailure]
}

/// Saved configurations (CAT-3): validated and priced by the list in force when saved.
public struct ConfigurationStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    static let select = """
        SELECT c.*, m.make || ' ' || m.name || ' ' || m.model_year AS model_title, cu.display_name AS customer_name
        FROM configurations c JOIN catalog_models m ON m.id = c.model_id LEFT JOIN customers cu ON cu.id = c.customer_id
        """

    static func decode(_ row: any SQLRow) throws -> Configuration {
        let options = try row.decode(column: "options", as: String.self)
        let lines = try JSONDecoder().decode([PriceLine].self, from: Data(try row.decode(column: "lines_json", as: String.self).utf8))
        return Configuration(
            id: try row.decode(column: "id", as: Int.self), orgUnitId: try row.decode(column: "org_unit_id", as: Int.self),
            modelId: try row.decode(column: "model_id", as: Int.self), modelTitle: try row.decode(column: "model_title", as: String.self),
            build: Build(trim: try row.decode(column: "trim", as: String.self), engine: try row.decode(column: "engine", as: String.self),
                         colour: try row.decode(column: "colour", as: String.self), options: Set(options.split(separator: ",").map(String.init))),
            priceMinor: try row.decode(column: "price_minor", as: Int.self), currency: try row.decode(column: "currency", as: String.self),
            priceListId: try row.decode(column: "price_list_id", as: Int?.self), lines: lines,
            customerId: try row.decode(column: "customer_id", as: Int?.self), customerName: try row.decode(column: "customer_name", as: String?.self),
            shareToken: try row.decode(column: "share_token", as: String.self), createdBy: try row.decode(column: "created_by", as: Int?.self),
            createdAt: try row.decode(column: "created_at", as: String.self))
    }

    public func get(_ id: Int, scope: Scope) async throws -> Configuration { try await Self.get(id, scope: scope, on: db.sql) }

    static func get(_ id: Int, scope: Scope, on sql: any SQLDatabase) async throws -> Configuration {
        guard let row = try await sql.raw("\(unsafeRaw: Self.select) WHERE c.id = \(bind: id) AND \(scope.condition("c.org_unit_id"))").first() else { throw StoreError.notFound }
        return try Self.decode(row)
    }

    /// The configuration behind a share link, for the customer (no login).
    public func shared(token: String) async throws -> Configuration {
        guard token.count == 32, let row = try await db.sql.raw("\(unsafeRaw: Self.select) WHERE c.share_token = \(bind: token)").first() else { throw StoreError.notFound }
        return try Self.decode(row)
    }

    /// The caller's unit's configurations, newest first.
    public func list(scope: Scope, customerID: Int? = nil, limit: Int = 50, after cursor: Int? = nil) async throws -> Page<Configuration> {
        var sql: SQLQueryString = "\(unsafeRaw: Self.select) WHERE \(scope.condition("c.org_unit_id"))"
        if let customerID { sql += " AND c.customer_id = \(bind: customerID)" }
        if let cursor { sql += " AND c.id < \(bind: cursor)" }
        sql += " ORDER BY c.id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }

    /// Validates `build` against the model on `day` and saves it priced; throws `BuildRefused`.
    public func save(_ build: Build, modelID: Int, customerID: Int?, day: String, unitID: Int, scope: Scope, actor: Actor) async throws -> Configuration {
        try await db.transaction { tx in
            let priced = try await CatalogStore.priced(modelID, on: day, scope: scope, sql: tx)
            let failures = priced.catalog.validate(build, on: day)
            if !failures.isEmpty { throw BuildRefused(failures: failures) }
            if let customerID { _ = try await CustomerStore.get(customerID, scope: scope, on: tx) }
            let price = priced.catalog.price(build)
            let lines = String(decoding: try JSONEncoder().encode(price.lines), as: UTF8.self)
            let now = Clock.nowString()
            let id = try await tx.raw("""
                INSERT INTO configurations (org_unit_id, model_id, trim, engine, colour, options, price_minor, currency, price_list_id, lines_json, customer_id, share_token, created_by, created_at, updated_at)
                VALUES (\(bind: unitID), \(bind: modelID), \(bind: build.trim), \(bind: build.engine), \(bind: build.colour), \(bind: build.options.sorted().joined(separator: ",")),
                        \(bind: price.total), \(bind: priced.model.currency), \(bind: priced.priceList?.id), \(bind: lines), \(bind: customerID), \(bind: Self.newToken()),
                        \(bind: actor.userID), \(bind: now), \(bind: now))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            let saved = try Self.decode(try await tx.raw("\(unsafeRaw: Self.select) WHERE c.id = \(bind: id)").first()!)
            if let customerID {
                let equipment = price.lines.filter { !$0.included }.map(\.name).joined(separator: ", ")
                _ = try await TimelineStore.append(TimelineEntry(kind: .configuration, title: "\(saved.number) \(saved.modelTitle), \(saved.currency) \(Money.whole(saved.priceMinor))",
                                                                 detail: equipment, refType: "configuration", refId: id),
                                                   customerID: customerID, unitID: unitID, userName: actor.label, on: tx)
            }
            try await AuditStore.record(on: tx, actor: actor, action: "create", recordType: "configuration", recordID: id, orgUnitID: unitID, before: nil, after: saved)
            return saved
        }
    }

    static func newToken() -> String {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        return String((0..<32).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
    }
}
