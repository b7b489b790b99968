enum Migration0021Parts {
    static let migration = Migration(version: 21, name: "parts stock and movement ledger") { d in [
        """
        CREATE TABLE parts (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          part_number TEXT NOT NULL,
          name TEXT NOT NULL,
          kind TEXT NOT NULL,
          quantity INTEGER NOT NULL DEFAULT 0,
          reorder_point INTEGER NOT NULL DEFAULT 0,
          unit_cost_minor BIGINT NOT NULL DEFAULT 0,
          price_minor BIGINT NOT NULL DEFAULT 0,
          currency TEXT NOT NULL,
          bin TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          UNIQUE (org_unit_id, part_number)
        )
        """,
        "CREATE INDEX parts_reorder ON parts (org_unit_id, quantity, reorder_point)",
        """
        CREATE TABLE part_movements (
          id {ID},
          part_id BIGINT NOT NULL REFERENCES parts(id) ON DELETE CASCADE,
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          kind TEXT NOT NULL,
          quantity INTEGER NOT NULL,
          balance_after INTEGER NOT NULL,
          reference TEXT NOT NULL DEFAULT '',
          note TEXT NOT NULL DEFAULT '',
          overridden BOOLEAN NOT NULL DEFAULT FALSE,
          actor_user_id BIGINT REFERENCES users(id),
          actor_label TEXT NOT NULL,
          at TEXT NOT NULL
        )
        """,
        "CREATE INDEX part_movements_part ON part_movements (part_id, id)",
    ] }
}
