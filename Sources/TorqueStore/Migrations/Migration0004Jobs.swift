enum Migration0004Jobs {
    static let migration = Migration(version: 4, name: "background jobs") { _ in [
        """
        CREATE TABLE jobs (
          id {ID},
          kind TEXT NOT NULL,
          payload TEXT NOT NULL DEFAULT '{}',
          state TEXT NOT NULL,
          run_at TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          max_attempts INTEGER NOT NULL DEFAULT 5,
          last_error TEXT,
          locked_by TEXT,
          locked_at TEXT,
          unique_key TEXT UNIQUE,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX jobs_due ON jobs (state, run_at)",
    ] }
}
