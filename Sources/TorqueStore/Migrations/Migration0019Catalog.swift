enum Migration0019Catalog {
    static let migration = Migration(version: 19, name: "catalog, rules, price lists, configurations") { d in [
        """
        CREATE TABLE catalog_models (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          code TEXT NOT NULL,
          make TEXT NOT NULL,
          name TEXT NOT NULL,
          model_year INTEGER NOT NULL,
          body_style TEXT NOT NULL,
          vin_descriptor TEXT NOT NULL DEFAULT '',
          currency TEXT NOT NULL,
          available_from TEXT NOT NULL DEFAULT '',
          available_to TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          UNIQUE (org_unit_id, code)
        )
        """,
        """
        CREATE TABLE catalog_items (
          id {ID},
          model_id BIGINT NOT NULL REFERENCES catalog_models(id) ON DELETE CASCADE,
          kind TEXT NOT NULL,
          code TEXT NOT NULL,
          name TEXT NOT NULL,
          detail TEXT NOT NULL DEFAULT '',
          available_from TEXT NOT NULL DEFAULT '',
          available_to TEXT NOT NULL DEFAULT '',
          UNIQUE (model_id, code)
        )
        """,
        """
        CREATE TABLE catalog_rules (
          id {ID},
          model_id BIGINT NOT NULL REFERENCES catalog_models(id) ON DELETE CASCADE,
          kind TEXT NOT NULL,
          subject TEXT NOT NULL,
          targets TEXT NOT NULL
        )
        """,
        "CREATE INDEX catalog_rules_model ON catalog_rules (model_id, id)",
        """
        CREATE TABLE price_lists (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          name TEXT NOT NULL,
          currency TEXT NOT NULL,
          valid_from TEXT NOT NULL,
          valid_to TEXT NOT NULL DEFAULT '',
          item_count INTEGER NOT NULL DEFAULT 0,
          imported_at TEXT NOT NULL,
          imported_by TEXT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX price_lists_unit_from ON price_lists (org_unit_id, valid_from)",
        """
        CREATE TABLE prices (
          price_list_id BIGINT NOT NULL REFERENCES price_lists(id) ON DELETE CASCADE,
          item_id BIGINT NOT NULL REFERENCES catalog_items(id) ON DELETE CASCADE,
          amount_minor BIGINT NOT NULL,
          PRIMARY KEY (price_list_id, item_id)
        )
        """,
        "CREATE INDEX prices_item ON prices (item_id)",
        """
        CREATE TABLE configurations (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          model_id BIGINT NOT NULL REFERENCES catalog_models(id),
          trim TEXT NOT NULL,
          engine TEXT NOT NULL,
          colour TEXT NOT NULL,
          options TEXT NOT NULL DEFAULT '',
          price_minor BIGINT NOT NULL,
          currency TEXT NOT NULL,
          price_list_id BIGINT REFERENCES price_lists(id),
          lines_json TEXT NOT NULL,
          customer_id BIGINT REFERENCES customers(id) ON DELETE SET NULL,
          share_token TEXT NOT NULL UNIQUE,
          created_by BIGINT REFERENCES users(id),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX configurations_unit ON configurations (org_unit_id, id)",
        "CREATE INDEX configurations_customer ON configurations (customer_id)",
    ] }
}
