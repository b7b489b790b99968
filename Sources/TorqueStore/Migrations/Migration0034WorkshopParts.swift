enum Migration0034WorkshopParts {
    static let migration = Migration(version: 34, name: "parts kits of labour operations, parts on order, workshop settings, check-in photos and signature") { _ in [
        // A kit names part numbers, not part rows: every workshop under the catalog's unit
        // stocks the same part number in its own row.
        """
        CREATE TABLE labour_operation_parts (
          operation_id BIGINT NOT NULL REFERENCES labour_operations(id) ON DELETE CASCADE,
          part_number TEXT NOT NULL,
          quantity INTEGER NOT NULL,
          PRIMARY KEY (operation_id, part_number)
        )
        """,
        """
        CREATE TABLE part_orders (
          id {ID},
          part_id BIGINT NOT NULL REFERENCES parts(id) ON DELETE CASCADE,
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          quantity INTEGER NOT NULL,
          expected_on TEXT NOT NULL,
          reference TEXT NOT NULL,
          status TEXT NOT NULL,
          created_at TEXT NOT NULL,
          received_at TEXT
        )
        """,
        "CREATE INDEX part_orders_part ON part_orders (part_id, status, expected_on)",
        "CREATE INDEX part_orders_unit ON part_orders (org_unit_id, status, expected_on)",
        """
        CREATE TABLE workshop_settings (
          org_unit_id BIGINT PRIMARY KEY REFERENCES org_units(id),
          labour_rate_minor BIGINT NOT NULL,
          simple_job_minutes INTEGER NOT NULL,
          simple_job_level INTEGER NOT NULL
        )
        """,
        """
        CREATE TABLE repair_order_files (
          id {ID},
          repair_order_id BIGINT NOT NULL REFERENCES repair_orders(id) ON DELETE CASCADE,
          kind TEXT NOT NULL,
          content_type TEXT NOT NULL,
          data_base64 TEXT NOT NULL,
          bytes INTEGER NOT NULL,
          note TEXT NOT NULL,
          created_by BIGINT REFERENCES users(id),
          created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX repair_order_files_order ON repair_order_files (repair_order_id, id)",
    ] }
}
