enum Migration0012Imports {
    static let migration = Migration(version: 12, name: "imports") { _ in [
        """
        CREATE TABLE imports (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          user_id BIGINT REFERENCES users(id),
          user_name TEXT NOT NULL,
          format TEXT NOT NULL,
          filename TEXT NOT NULL,
          status TEXT NOT NULL,
          mode TEXT NOT NULL DEFAULT 'all_or_nothing',
          duplicates TEXT NOT NULL DEFAULT 'use_existing',
          mapping_json TEXT NOT NULL DEFAULT '[]',
          headers_json TEXT NOT NULL DEFAULT '[]',
          total_rows INTEGER NOT NULL DEFAULT 0,
          created_rows INTEGER NOT NULL DEFAULT 0,
          existing_rows INTEGER NOT NULL DEFAULT 0,
          error_rows INTEGER NOT NULL DEFAULT 0,
          message TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          started_at TEXT,
          finished_at TEXT
        )
        """,
        "CREATE INDEX imports_org_unit ON imports (org_unit_id, id)",
        // The uploaded bytes, base64: kept as sent so an encoding problem is reported, not guessed away.
        "CREATE TABLE import_files (import_id BIGINT PRIMARY KEY REFERENCES imports(id) ON DELETE CASCADE, content_base64 TEXT NOT NULL)",
        """
        CREATE TABLE import_errors (
          id {ID},
          import_id BIGINT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
          row_no INTEGER NOT NULL,
          field TEXT NOT NULL,
          message TEXT NOT NULL,
          value TEXT NOT NULL DEFAULT ''
        )
        """,
        "CREATE INDEX import_errors_import ON import_errors (import_id, row_no, id)",
    ] }
}
