import SQLKit
import TorqueDomain

/// Contacts with customers (CUS-5) and the follow-up tasks they create on the work list.
public struct ContactStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// Logs a contact with a visible customer; a follow-up day puts a task on the logger's work list.
    public func log(customerID: Int, _ input: ContactInput, unitID: Int, userID: Int?, userName: String, scope: Scope, actor: Actor) async throws -> Contact {
        try await db.transaction { tx in
            let customer = try await CustomerStore.get(customerID, scope: scope, on: tx)
            let now = Clock.nowString()
            let id = try await tx.raw("""
                INSERT INTO contacts (customer_id, org_unit_id, user_id, user_name, at, channel, direction, outcome, note)
                VALUES (\(bind: customerID), \(bind: unitID), \(bind: userID), \(bind: userName), \(bind: now), \(bind: input.channel.rawValue), \(bind: input.direction.rawValue), \(bind: input.outcome), \(bind: input.note))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            if let day = input.followUpOn, let userID {
                try await tx.raw("""
                    INSERT INTO tasks (org_unit_id, assignee_user_id, customer_id, title, due_on, created_at)
                    VALUES (\(bind: unitID), \(bind: userID), \(bind: customerID), \(bind: "Follow up with \(customer.displayName)" + (input.outcome.isEmpty ? "" : ": \(input.outcome)")), \(bind: day), \(bind: now))
                    """).run()
            }
            let contact = try Self.decode(try await tx.raw("SELECT * FROM contacts WHERE id = \(bind: id)").first()!)
            try await TimelineStore.append(.contact(contact), customerID: customerID, unitID: unitID, userName: userName, at: now, on: tx)
            try await AuditStore.record(on: tx, actor: actor, action: "contact", recordType: "customer", recordID: customerID, orgUnitID: unitID, before: nil, after: contact)
            return contact
        }
    }

    static func decode(_ row: any SQLRow) throws -> Contact {
        try row.decode(model: Contact.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// A visible customer's contacts, newest first.
    public func timeline(customerID: Int, scope: Scope, limit: Int = 50, afterID: Int? = nil) async throws -> Page<Contact> {
        _ = try await CustomerStore.get(customerID, scope: scope, on: db.sql)
        var sql: SQLQueryString = "SELECT * FROM contacts WHERE customer_id = \(bind: customerID)"
        if let afterID { sql = sql + " AND id < \(bind: afterID)" }
        sql = sql + " ORDER BY id DESC LIMIT \(bind: limit + 1)"
        return Page(fetched: try await db.sql.raw(sql).all().map(Self.decode), limit: limit, id: \.id)
    }

    /// Open tasks of one person due on or before `day`, oldest first.
    public func openTasks(userID: Int, dueBy day: String, limit: Int = 100) async throws -> [WorkTask] {
        try await db.sql.raw("""
            SELECT t.*, c.display_name AS customer_name FROM tasks t LEFT JOIN customers c ON c.id = t.customer_id
            WHERE t.assignee_user_id = \(bind: userID) AND t.done_at IS NULL AND t.due_on <= \(bind: day)
            ORDER BY t.due_on, t.id LIMIT \(bind: limit)
            """).all().map { try $0.decode(model: WorkTask.self, keyDecodingStrategy: .convertFromSnakeCase) }
    }

    /// Ticks off one's own task; someone else's is "not found".
    public func complete(taskID: Int, userID: Int) async throws {
        let row = try await db.sql.raw("SELECT id FROM tasks WHERE id = \(bind: taskID) AND assignee_user_id = \(bind: userID)").first()
        guard row != nil else { throw StoreError.notFound }
        try await db.sql.raw("UPDATE tasks SET done_at = \(bind: Clock.nowString()) WHERE id = \(bind: taskID) AND done_at IS NULL").run()
    }
}
