enum Migration0022StockCounts {
    static let migration = Migration(version: 22, name: "stock counts per unit, model and status; indexes for aging and sales") { _ in [
        """
        CREATE TABLE stock_counts (
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          model_id BIGINT NOT NULL,
          status TEXT NOT NULL,
          units INTEGER NOT NULL,
          PRIMARY KEY (org_unit_id, model_id, status)
        )
        """,
        "INSERT INTO stock_counts (org_unit_id, model_id, status, units) SELECT org_unit_id, COALESCE(model_id, 0), status, COUNT(*) FROM vehicles GROUP BY org_unit_id, COALESCE(model_id, 0), status",
        // Aging reads only the units in stock since before a day; sales only the recent ones.
        "CREATE INDEX vehicles_aging ON vehicles (status, in_stock_since, org_unit_id, model_id)",
        "CREATE INDEX vehicles_sold_at ON vehicles (sold_at, org_unit_id, model_id)",
        // The match finder narrows by trim, engine and colour before reading options.
        "CREATE INDEX vehicles_match ON vehicles (model_id, status, trim, engine, colour, org_unit_id)",
    ] }
}
