enum Migration0035WorkshopKPICounts {
    static let migration = Migration(version: 35, name: "workshop figures kept per workshop, day and technician, so the network's read in a few grouped queries") { dialect in [
        // technician_id 0 holds the order-level counts (orders, comebacks) and labour billed
        // without a technician.
        """
        CREATE TABLE workshop_kpi_days (
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          day TEXT NOT NULL,
          technician_id BIGINT NOT NULL,
          billed_minutes BIGINT NOT NULL,
          clocked_minutes BIGINT NOT NULL,
          orders INTEGER NOT NULL,
          comebacks INTEGER NOT NULL,
          PRIMARY KEY (org_unit_id, day, technician_id)
        )
        """,
        """
        CREATE TABLE workshop_kpi_items (
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          day TEXT NOT NULL,
          kind TEXT NOT NULL,
          label TEXT NOT NULL,
          count INTEGER NOT NULL,
          PRIMARY KEY (org_unit_id, day, kind, label)
        )
        """,
        // The network's figures read a period across every workshop: day first, and every column
        // the sums need, so PostgreSQL answers from the index alone.
        "CREATE INDEX workshop_kpi_days_day ON workshop_kpi_days (day, org_unit_id, technician_id, billed_minutes, clocked_minutes, orders, comebacks)",
        "CREATE INDEX workshop_kpi_items_day ON workshop_kpi_items (day, kind, label, org_unit_id, count)",
        "CREATE INDEX repair_orders_closed ON repair_orders (vehicle_id, org_unit_id, closed_at)",
    ] + WorkshopKPICounts.rebuild(dialect) }
}
