enum Migration0008Contacts {
    static let migration = Migration(version: 8, name: "contacts and work-list tasks") { _ in [
        """
        CREATE TABLE contacts (
          id {ID},
          customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          user_id BIGINT REFERENCES users(id),
          user_name TEXT NOT NULL,
          at TEXT NOT NULL,
          channel TEXT NOT NULL,
          direction TEXT NOT NULL,
          outcome TEXT NOT NULL DEFAULT '',
          note TEXT NOT NULL DEFAULT ''
        )
        """,
        "CREATE INDEX contacts_customer ON contacts (customer_id, id)",
        "CREATE INDEX contacts_org_unit ON contacts (org_unit_id, id)",
        """
        CREATE TABLE tasks (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          assignee_user_id BIGINT NOT NULL REFERENCES users(id),
          customer_id BIGINT REFERENCES customers(id) ON DELETE CASCADE,
          title TEXT NOT NULL,
          due_on TEXT NOT NULL,
          done_at TEXT,
          created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX tasks_assignee ON tasks (assignee_user_id, done_at, due_on)",
    ] }
}
