enum Migration0001Org {
    static let migration = Migration(version: 1, name: "org units") { d in [
        """
        CREATE TABLE org_units (
          id {ID},
          parent_id BIGINT REFERENCES org_units(id),
          path TEXT NOT NULL,
          kind TEXT NOT NULL,
          code TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          address TEXT NOT NULL DEFAULT '',
          latitude {FLOAT},
          longitude {FLOAT},
          time_zone TEXT NOT NULL,
          working_hours TEXT NOT NULL DEFAULT '',
          active BOOLEAN NOT NULL DEFAULT TRUE,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )
        """,
        d.prefixIndex(name: "org_units_path", table: "org_units", column: "path"),
        "CREATE INDEX org_units_parent ON org_units (parent_id)",
        "CREATE INDEX org_units_name ON org_units (name)",
    ] }
}
