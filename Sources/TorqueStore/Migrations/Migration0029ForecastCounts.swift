enum Migration0029ForecastCounts {
    static let migration = Migration(version: 29, name: "opportunity counts by expected close month; indexes for activity reports") { _ in [
        // A region's forecast reads these (units × stages × months) instead of every open deal;
        // moved in the same transaction as each write (OpportunityCounts).
        """
        CREATE TABLE opportunity_close_counts (
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          stage TEXT NOT NULL,
          close_month TEXT NOT NULL,
          n INTEGER NOT NULL,
          value_minor BIGINT NOT NULL,
          PRIMARY KEY (org_unit_id, stage, close_month)
        )
        """,
        """
        INSERT INTO opportunity_close_counts (org_unit_id, stage, close_month, n, value_minor)
        SELECT org_unit_id, stage, SUBSTR(close_on, 1, 7), COUNT(*), COALESCE(SUM(expected_value_minor), 0)
        FROM opportunities WHERE close_on IS NOT NULL GROUP BY org_unit_id, stage, SUBSTR(close_on, 1, 7)
        """,
        // SALES-4: a period's contacts, quotes and new deals of a unit.
        "CREATE INDEX contacts_unit_at ON contacts (org_unit_id, at)",
        "CREATE INDEX quotes_unit_created ON quotes (org_unit_id, created_at)",
        "CREATE INDEX opportunities_unit_created ON opportunities (org_unit_id, created_at)",
    ] }
}
