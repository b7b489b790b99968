enum Migration0020Vehicles {
    static let migration = Migration(version: 20, name: "vehicle stock units, saved list views") { d in [
        """
        CREATE TABLE vehicles (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          vin TEXT NOT NULL UNIQUE,
          model_id BIGINT REFERENCES catalog_models(id),
          make TEXT NOT NULL,
          model_name TEXT NOT NULL,
          model_year INTEGER,
          trim TEXT NOT NULL DEFAULT '',
          engine TEXT NOT NULL DEFAULT '',
          colour TEXT NOT NULL DEFAULT '',
          options TEXT NOT NULL DEFAULT '',
          description TEXT NOT NULL DEFAULT '',
          status TEXT NOT NULL,
          kind TEXT NOT NULL,
          location TEXT NOT NULL DEFAULT '',
          cost_minor BIGINT NOT NULL DEFAULT 0,
          price_minor BIGINT NOT NULL DEFAULT 0,
          currency TEXT NOT NULL,
          mileage_km INTEGER NOT NULL DEFAULT 0,
          plate TEXT NOT NULL DEFAULT '',
          plate_key TEXT NOT NULL DEFAULT '',
          in_stock_since TEXT,
          customer_id BIGINT REFERENCES customers(id) ON DELETE SET NULL,
          reserved_opportunity_id BIGINT REFERENCES opportunities(id) ON DELETE SET NULL,
          reserved_by BIGINT REFERENCES users(id),
          reserved_at TEXT,
          sold_at TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX vehicles_unit_status ON vehicles (org_unit_id, status, id)",
        "CREATE INDEX vehicles_model_status ON vehicles (model_id, status, org_unit_id)",
        "CREATE INDEX vehicles_stock_since ON vehicles (org_unit_id, in_stock_since)",
        "CREATE INDEX vehicles_plate ON vehicles (plate_key)",
        "CREATE INDEX vehicles_customer ON vehicles (customer_id)",
        "CREATE INDEX vehicles_sold ON vehicles (org_unit_id, sold_at)",
        // One unit per opportunity; NULLs do not collide in either database.
        "CREATE UNIQUE INDEX vehicles_reservation ON vehicles (reserved_opportunity_id)",
        """
        CREATE TABLE saved_views (
          id {ID},
          user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          list TEXT NOT NULL,
          name TEXT NOT NULL,
          query TEXT NOT NULL,
          created_at TEXT NOT NULL,
          UNIQUE (user_id, list, name)
        )
        """,
    ] }
}
