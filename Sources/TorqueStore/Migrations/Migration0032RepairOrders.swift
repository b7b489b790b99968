enum Migration0032RepairOrders {
    static let migration = Migration(version: 32, name: "repair orders with lines and technicians' clocks") { _ in [
        """
        CREATE TABLE repair_orders (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          booking_id BIGINT REFERENCES service_bookings(id) ON DELETE SET NULL,
          customer_id BIGINT REFERENCES customers(id) ON DELETE SET NULL,
          vehicle_id BIGINT REFERENCES vehicles(id) ON DELETE SET NULL,
          mileage_km INTEGER NOT NULL,
          concerns TEXT NOT NULL,
          status TEXT NOT NULL,
          labour_rate_minor BIGINT NOT NULL,
          currency TEXT NOT NULL,
          created_by BIGINT REFERENCES users(id),
          created_at TEXT NOT NULL,
          closed_at TEXT
        )
        """,
        "CREATE INDEX repair_orders_unit ON repair_orders (org_unit_id, status, id)",
        "CREATE INDEX repair_orders_customer ON repair_orders (customer_id)",
        "CREATE INDEX repair_orders_vehicle ON repair_orders (vehicle_id)",
        """
        CREATE TABLE repair_order_lines (
          id {ID},
          repair_order_id BIGINT NOT NULL REFERENCES repair_orders(id) ON DELETE CASCADE,
          kind TEXT NOT NULL,
          code TEXT NOT NULL,
          description TEXT NOT NULL,
          minutes INTEGER NOT NULL,
          quantity INTEGER NOT NULL,
          unit_price_minor BIGINT NOT NULL,
          part_id BIGINT REFERENCES parts(id),
          technician_id BIGINT REFERENCES technicians(id),
          additional BOOLEAN NOT NULL,
          approved BOOLEAN NOT NULL,
          created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX repair_order_lines_order ON repair_order_lines (repair_order_id)",
        // Workshop clock times; an open clock has no end (one per technician at a time).
        """
        CREATE TABLE repair_order_clocks (
          id {ID},
          repair_order_id BIGINT NOT NULL REFERENCES repair_orders(id) ON DELETE CASCADE,
          line_id BIGINT NOT NULL REFERENCES repair_order_lines(id) ON DELETE CASCADE,
          technician_id BIGINT NOT NULL REFERENCES technicians(id),
          started_at TEXT NOT NULL,
          ended_at TEXT
        )
        """,
        "CREATE INDEX repair_order_clocks_order ON repair_order_clocks (repair_order_id)",
        "CREATE INDEX repair_order_clocks_tech ON repair_order_clocks (technician_id, ended_at)",
    ] }
}
