enum Migration0026OpportunityCounts {
    static let migration = Migration(version: 26, name: "opportunity counts per unit, stage and day of the last stage change") { _ in [
        // The board's totals read these (a few thousand rows) instead of every opportunity of a
        // region; moved in the same transaction as each write (OpportunityCounts).
        """
        CREATE TABLE opportunity_counts (
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          stage TEXT NOT NULL,
          day TEXT NOT NULL,
          n INTEGER NOT NULL,
          value_minor BIGINT NOT NULL,
          PRIMARY KEY (org_unit_id, stage, day)
        )
        """,
        """
        INSERT INTO opportunity_counts (org_unit_id, stage, day, n, value_minor)
        SELECT org_unit_id, stage, SUBSTR(COALESCE(stage_changed_at, updated_at), 1, 10), COUNT(*), COALESCE(SUM(expected_value_minor), 0)
        FROM opportunities GROUP BY org_unit_id, stage, SUBSTR(COALESCE(stage_changed_at, updated_at), 1, 10)
        """,
        // The board's cards: a stage's most recently moved, across the units of a scope.
        "CREATE INDEX opportunities_stage_moved ON opportunities (stage, stage_changed_at)",
    ] }
}
