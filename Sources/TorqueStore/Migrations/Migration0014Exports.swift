enum Migration0014Exports {
    static let migration = Migration(version: 14, name: "exports") { _ in [
        """
        CREATE TABLE exports (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          user_id BIGINT REFERENCES users(id),
          user_name TEXT NOT NULL,
          status TEXT NOT NULL,
          filename TEXT NOT NULL DEFAULT '',
          bytes BIGINT NOT NULL DEFAULT 0,
          counts_json TEXT NOT NULL DEFAULT '{}',
          message TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          finished_at TEXT
        )
        """,
        "CREATE INDEX exports_org_unit ON exports (org_unit_id, id)",
    ] }
}
