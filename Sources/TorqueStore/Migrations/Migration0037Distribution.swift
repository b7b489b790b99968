enum Migration0037Distribution {
    static let migration = Migration(version: 37, name: "manufacturer side: vehicle orders, allocations, shipments, settlements, flags, production and quality") { _ in [
        """
        CREATE TABLE distribution_settings (
          id INTEGER PRIMARY KEY,
          min_similarity INTEGER NOT NULL,
          max_distance_km INTEGER NOT NULL,
          km_per_point INTEGER NOT NULL,
          max_order_units INTEGER NOT NULL,
          max_times_average {FLOAT} NOT NULL,
          min_past_orders INTEGER NOT NULL,
          min_share_of_target {FLOAT} NOT NULL,
          updated_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE vehicle_orders (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          hub_id BIGINT REFERENCES org_units(id),
          model_id BIGINT NOT NULL REFERENCES catalog_models(id),
          model_title TEXT NOT NULL,
          trim TEXT NOT NULL,
          engine TEXT NOT NULL,
          colour TEXT NOT NULL,
          options TEXT NOT NULL,
          configuration_id BIGINT REFERENCES configurations(id) ON DELETE SET NULL,
          quantity INTEGER NOT NULL,
          wanted_on TEXT NOT NULL,
          unit_price_minor BIGINT NOT NULL,
          currency TEXT NOT NULL,
          status TEXT NOT NULL,
          flags TEXT NOT NULL DEFAULT '[]',
          note TEXT NOT NULL DEFAULT '',
          created_by BIGINT REFERENCES users(id),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX vehicle_orders_unit ON vehicle_orders (org_unit_id, id)",
        "CREATE INDEX vehicle_orders_status ON vehicle_orders (status, id)",
        """
        CREATE TABLE vehicle_order_lines (
          id {ID},
          order_id BIGINT NOT NULL REFERENCES vehicle_orders(id),
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          line_no INTEGER NOT NULL,
          status TEXT NOT NULL,
          vehicle_id BIGINT REFERENCES vehicles(id),
          hub_id BIGINT REFERENCES org_units(id),
          shipment_id BIGINT,
          updated_at TEXT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX vehicle_order_lines_no ON vehicle_order_lines (order_id, line_no)",
        "CREATE INDEX vehicle_order_lines_unit ON vehicle_order_lines (org_unit_id, status)",
        "CREATE INDEX vehicle_order_lines_status ON vehicle_order_lines (status, id)",
        "CREATE INDEX vehicle_order_lines_shipment ON vehicle_order_lines (shipment_id)",
        // The guard that two allocations, however concurrent, never promise the same unit.
        "CREATE UNIQUE INDEX vehicle_order_lines_unit_claim ON vehicle_order_lines (vehicle_id) WHERE status IN ('allocated', 'in_transit')",
        """
        CREATE TABLE allocations (
          id {ID},
          line_id BIGINT NOT NULL REFERENCES vehicle_order_lines(id),
          order_id BIGINT NOT NULL REFERENCES vehicle_orders(id),
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          kind TEXT NOT NULL,
          vehicle_id BIGINT REFERENCES vehicles(id),
          vin TEXT,
          hub_id BIGINT REFERENCES org_units(id),
          similarity INTEGER,
          distance_km INTEGER,
          explanation TEXT NOT NULL,
          decided_by BIGINT REFERENCES users(id),
          decided_by_name TEXT NOT NULL,
          current BOOLEAN NOT NULL,
          created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX allocations_line ON allocations (line_id, id)",
        "CREATE INDEX allocations_order ON allocations (order_id, id)",
        """
        CREATE TABLE shipments (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          from_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          carrier TEXT NOT NULL,
          tracking_number TEXT NOT NULL UNIQUE,
          legs TEXT NOT NULL,
          status TEXT NOT NULL,
          eta TEXT NOT NULL,
          location TEXT NOT NULL DEFAULT '',
          dispatched_at TEXT NOT NULL,
          delivered_at TEXT,
          created_by BIGINT REFERENCES users(id),
          updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX shipments_unit ON shipments (org_unit_id, id)",
        "CREATE INDEX shipments_from ON shipments (from_unit_id, id)",
        "CREATE INDEX shipments_status ON shipments (status, id)",
        """
        CREATE TABLE shipment_events (
          id {ID},
          shipment_id BIGINT NOT NULL REFERENCES shipments(id),
          status TEXT NOT NULL,
          location TEXT NOT NULL,
          happened_at TEXT NOT NULL,
          eta TEXT,
          note TEXT NOT NULL DEFAULT '',
          recorded_by TEXT NOT NULL,
          created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX shipment_events_shipment ON shipment_events (shipment_id, id)",
        """
        CREATE TABLE settlement_entries (
          id {ID},
          order_id BIGINT NOT NULL REFERENCES vehicle_orders(id),
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          line_id BIGINT REFERENCES vehicle_order_lines(id),
          kind TEXT NOT NULL,
          amount_minor BIGINT NOT NULL,
          currency TEXT NOT NULL,
          reference TEXT NOT NULL,
          status TEXT NOT NULL,
          created_by_name TEXT NOT NULL,
          created_at TEXT NOT NULL,
          paid_at TEXT
        )
        """,
        "CREATE INDEX settlement_entries_unit ON settlement_entries (org_unit_id, id)",
        "CREATE INDEX settlement_entries_order ON settlement_entries (order_id, id)",
        "CREATE UNIQUE INDEX settlement_entries_reference ON settlement_entries (reference)",
        """
        CREATE TABLE warning_flags (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          kind TEXT NOT NULL,
          order_id BIGINT REFERENCES vehicle_orders(id),
          month TEXT,
          reason TEXT NOT NULL,
          raised_at TEXT NOT NULL,
          cleared_at TEXT,
          cleared_by_name TEXT
        )
        """,
        "CREATE INDEX warning_flags_unit ON warning_flags (org_unit_id, id)",
        "CREATE INDEX warning_flags_open ON warning_flags (cleared_at, id)",
        "CREATE INDEX warning_flags_order ON warning_flags (order_id)",
        "CREATE INDEX warning_flags_month ON warning_flags (kind, month, org_unit_id)",
        // Units sold per dealer, model and month: what distribution and production plan from
        // (each sale adds one; the demo and imports bring the history before Torque).
        """
        CREATE TABLE model_sales_months (
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          model_id BIGINT NOT NULL,
          month TEXT NOT NULL,
          units INTEGER NOT NULL,
          PRIMARY KEY (org_unit_id, model_id, month)
        )
        """,
        "CREATE INDEX model_sales_months_month ON model_sales_months (month, model_id)",
        """
        CREATE TABLE production_days (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          model_id BIGINT NOT NULL REFERENCES catalog_models(id),
          day TEXT NOT NULL,
          units INTEGER NOT NULL,
          recorded_by_name TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX production_days_key ON production_days (org_unit_id, model_id, day)",
        "CREATE INDEX production_days_day ON production_days (day, model_id)",
        """
        CREATE TABLE vehicle_builds (
          id {ID},
          vin TEXT NOT NULL UNIQUE,
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          model_id BIGINT NOT NULL REFERENCES catalog_models(id),
          built_on TEXT NOT NULL,
          created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX vehicle_builds_plant ON vehicle_builds (org_unit_id, built_on)",
        """
        CREATE TABLE defect_codes (
          id {ID},
          code TEXT NOT NULL UNIQUE,
          component TEXT NOT NULL,
          description TEXT NOT NULL,
          created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE qa_inspections (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          vin TEXT NOT NULL,
          model_id BIGINT NOT NULL,
          inspected_on TEXT NOT NULL,
          passed BOOLEAN NOT NULL,
          defects TEXT NOT NULL DEFAULT '',
          inspector TEXT NOT NULL,
          note TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX qa_inspections_vin ON qa_inspections (vin, id)",
        "CREATE INDEX qa_inspections_trend ON qa_inspections (org_unit_id, model_id, inspected_on)",
        "CREATE INDEX qa_inspections_day ON qa_inspections (inspected_on, org_unit_id, model_id)",
        // One row per defect found, beside its inspection, so the trend job counts by code.
        """
        CREATE TABLE qa_defects (
          inspection_id BIGINT NOT NULL REFERENCES qa_inspections(id),
          org_unit_id BIGINT NOT NULL,
          model_id BIGINT NOT NULL,
          code TEXT NOT NULL,
          inspected_on TEXT NOT NULL
        )
        """,
        "CREATE INDEX qa_defects_trend ON qa_defects (inspected_on, org_unit_id, model_id, code)",
        "CREATE INDEX qa_defects_inspection ON qa_defects (inspection_id)",
        """
        CREATE TABLE defect_alerts (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          model_id BIGINT NOT NULL,
          code TEXT NOT NULL,
          raised_on TEXT NOT NULL,
          recent_defects INTEGER NOT NULL,
          recent_inspections INTEGER NOT NULL,
          baseline_defects INTEGER NOT NULL,
          baseline_inspections INTEGER NOT NULL,
          expected {FLOAT} NOT NULL,
          p_value {FLOAT} NOT NULL,
          reason TEXT NOT NULL,
          status TEXT NOT NULL,
          closed_by_name TEXT,
          closed_at TEXT
        )
        """,
        "CREATE INDEX defect_alerts_unit ON defect_alerts (org_unit_id, id)",
        "CREATE UNIQUE INDEX defect_alerts_open ON defect_alerts (org_unit_id, model_id, code) WHERE status = 'open'",
        // A task may point anywhere (an alert, an order), not only at a customer or lead.
        "ALTER TABLE tasks ADD COLUMN link TEXT",
    ] }
}
