enum Migration0005Outbox {
    static let migration = Migration(version: 5, name: "outbox") { _ in [
        """
        CREATE TABLE outbox_messages (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          channel TEXT NOT NULL,
          recipient TEXT NOT NULL,
          subject TEXT NOT NULL,
          body TEXT NOT NULL,
          state TEXT NOT NULL,
          error TEXT,
          attempts INTEGER NOT NULL DEFAULT 0,
          created_at TEXT NOT NULL,
          sent_at TEXT
        )
        """,
        "CREATE INDEX outbox_org_unit ON outbox_messages (org_unit_id, id)",
        "CREATE INDEX outbox_state ON outbox_messages (state, id)",
    ] }
}
