enum Migration0003Audit {
    static let migration = Migration(version: 3, name: "audit events") { _ in [
        """
        CREATE TABLE audit_events (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          actor_user_id BIGINT,
          actor_label TEXT NOT NULL,
          at TEXT NOT NULL,
          action TEXT NOT NULL,
          record_type TEXT NOT NULL,
          record_id BIGINT NOT NULL,
          before_json TEXT,
          after_json TEXT
        )
        """,
        "CREATE INDEX audit_events_record ON audit_events (record_type, record_id, id)",
        "CREATE INDEX audit_events_org_unit ON audit_events (org_unit_id, id)",
    ] }
}
