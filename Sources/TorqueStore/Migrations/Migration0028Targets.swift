enum Migration0028Targets {
    static let migration = Migration(version: 28, name: "monthly sales targets; opportunities by close date for the forecast") { _ in [
        // A unit's own target has no user; a salesperson's has the unit they sell for.
        """
        CREATE TABLE sales_targets (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
          month TEXT NOT NULL,
          units INTEGER NOT NULL,
          revenue_minor BIGINT NOT NULL,
          updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX sales_targets_unit ON sales_targets (org_unit_id, month)",
        // The forecast reads one month's open deals per unit from this index alone.
        "CREATE INDEX opportunities_close ON opportunities (org_unit_id, close_on, stage, owner_user_id, expected_value_minor)",
    ] }
}
