enum Migration0033Maintenance {
    static let migration = Migration(version: 33, name: "maintenance plans: each car's schedule items, when they are due and were reminded") { _ in [
        """
        CREATE TABLE maintenance_items (
          vehicle_id BIGINT NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          code TEXT NOT NULL,
          name TEXT NOT NULL,
          every_months INTEGER NOT NULL,
          every_km INTEGER NOT NULL,
          start_day TEXT NOT NULL,
          start_km INTEGER NOT NULL,
          last_day TEXT NOT NULL,
          last_km INTEGER NOT NULL,
          next_due_day TEXT NOT NULL,
          reminded_for_day TEXT,
          PRIMARY KEY (vehicle_id, code)
        )
        """,
        // The daily reminders read what falls due soon.
        "CREATE INDEX maintenance_items_due ON maintenance_items (next_due_day)",
    ] }
}
