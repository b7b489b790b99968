enum Migration0025Agenda {
    static let migration = Migration(version: 25, name: "agenda: appointments, test drives, calendar feeds") { _ in [
        """
        CREATE TABLE appointments (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          kind TEXT NOT NULL,
          title TEXT NOT NULL,
          starts_at TEXT NOT NULL,
          ends_at TEXT NOT NULL,
          user_id BIGINT REFERENCES users(id),
          customer_id BIGINT REFERENCES customers(id) ON DELETE CASCADE,
          opportunity_id BIGINT REFERENCES opportunities(id) ON DELETE SET NULL,
          vehicle_id BIGINT REFERENCES vehicles(id) ON DELETE SET NULL,
          location TEXT NOT NULL DEFAULT '',
          notes TEXT NOT NULL DEFAULT '',
          cancelled BOOLEAN NOT NULL DEFAULT FALSE,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )
        """,
        // A person's day, a showroom's day, and a car's bookings (the overlap check).
        "CREATE INDEX appointments_user ON appointments (user_id, starts_at)",
        "CREATE INDEX appointments_unit ON appointments (org_unit_id, starts_at)",
        "CREATE INDEX appointments_vehicle ON appointments (vehicle_id, starts_at)",
        "CREATE INDEX appointments_customer ON appointments (customer_id)",
        // The secret of each person's calendar feed URL.
        """
        CREATE TABLE calendar_feeds (
          user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
          token TEXT NOT NULL UNIQUE,
          created_at TEXT NOT NULL
        )
        """,
    ] }
}
