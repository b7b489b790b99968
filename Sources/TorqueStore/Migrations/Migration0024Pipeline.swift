enum Migration0024Pipeline {
    static let migration = Migration(version: 24, name: "pipeline stages per unit; opportunity stage history, vehicle and lost reason") { _ in [
        // A unit's own stage list; units without one use the nearest ancestor's (SalesStageStore).
        """
        CREATE TABLE sales_stages (
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          code TEXT NOT NULL,
          label TEXT NOT NULL,
          position INTEGER NOT NULL,
          probability INTEGER NOT NULL,
          outcome TEXT NOT NULL,
          PRIMARY KEY (org_unit_id, code)
        )
        """,
        "ALTER TABLE opportunities ADD COLUMN lost_reason TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE opportunities ADD COLUMN stage_changed_at TEXT",
        "UPDATE opportunities SET stage_changed_at = updated_at",
        "ALTER TABLE opportunities ADD COLUMN vehicle_id BIGINT REFERENCES vehicles(id) ON DELETE SET NULL",
        "ALTER TABLE opportunities ADD COLUMN configuration_id BIGINT REFERENCES configurations(id) ON DELETE SET NULL",
        // The board counts and sums each stage from this index alone and reads its latest cards.
        "CREATE INDEX opportunities_stage ON opportunities (org_unit_id, stage, stage_changed_at, expected_value_minor)",
        "CREATE INDEX opportunities_owner ON opportunities (owner_user_id, stage, id)",
    ] }
}
