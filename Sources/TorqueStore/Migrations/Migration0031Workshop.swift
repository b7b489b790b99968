enum Migration0031Workshop {
    static let migration = Migration(version: 31, name: "workshop set-up: bays, technicians with skills, hours and absences; labour operations; service bookings") { _ in [
        """
        CREATE TABLE workshop_bays (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          name TEXT NOT NULL,
          capabilities TEXT NOT NULL,
          active BOOLEAN NOT NULL,
          created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX workshop_bays_unit ON workshop_bays (org_unit_id)",
        // Hours in the units' text form (mon-fri 08:00-17:00); a technician may have no login.
        """
        CREATE TABLE technicians (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
          name TEXT NOT NULL,
          hours TEXT NOT NULL,
          active BOOLEAN NOT NULL,
          created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX technicians_unit ON technicians (org_unit_id)",
        """
        CREATE TABLE technician_skills (
          technician_id BIGINT NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
          skill TEXT NOT NULL,
          level INTEGER NOT NULL,
          PRIMARY KEY (technician_id, skill)
        )
        """,
        """
        CREATE TABLE technician_absences (
          id {ID},
          technician_id BIGINT NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
          from_day TEXT NOT NULL,
          to_day TEXT NOT NULL,
          kind TEXT NOT NULL,
          note TEXT NOT NULL
        )
        """,
        "CREATE INDEX technician_absences_tech ON technician_absences (technician_id, to_day)",
        // Standard times per model family ('' = any model), the skill and bay they need.
        """
        CREATE TABLE labour_operations (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          code TEXT NOT NULL,
          name TEXT NOT NULL,
          model_family TEXT NOT NULL,
          minutes INTEGER NOT NULL,
          skill TEXT NOT NULL,
          skill_level INTEGER NOT NULL,
          bay_capability TEXT NOT NULL,
          created_at TEXT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX labour_operations_code ON labour_operations (org_unit_id, code, model_family)",
        // Times on the workshop's clock ("2026-11-30T08:00"), where the technicians' hours are.
        """
        CREATE TABLE service_bookings (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          customer_id BIGINT REFERENCES customers(id) ON DELETE SET NULL,
          vehicle_id BIGINT REFERENCES vehicles(id) ON DELETE SET NULL,
          technician_id BIGINT NOT NULL REFERENCES technicians(id),
          bay_id BIGINT NOT NULL REFERENCES workshop_bays(id),
          starts_at TEXT NOT NULL,
          ends_at TEXT NOT NULL,
          minutes INTEGER NOT NULL,
          operations_json TEXT NOT NULL,
          status TEXT NOT NULL,
          notes TEXT NOT NULL,
          created_by BIGINT REFERENCES users(id),
          created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX service_bookings_tech ON service_bookings (technician_id, starts_at)",
        "CREATE INDEX service_bookings_bay ON service_bookings (bay_id, starts_at)",
        "CREATE INDEX service_bookings_unit ON service_bookings (org_unit_id, starts_at)",
        "CREATE INDEX service_bookings_customer ON service_bookings (customer_id)",
    ] }
}
