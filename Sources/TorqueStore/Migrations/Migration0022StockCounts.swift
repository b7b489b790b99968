enum Migration0022StockCounts {
    static let migration = Migration(version: 22, name: "stock counts per unit, model, status and age band; matching index") { _ in [
        // Filled by StockCounts.recount at start (it needs today's date for the bands).
        """
        CREATE TABLE stock_counts (
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          model_id BIGINT NOT NULL,
          status TEXT NOT NULL,
          band TEXT NOT NULL,
          units INTEGER NOT NULL,
          PRIMARY KEY (org_unit_id, model_id, status, band)
        )
        """,
        // The match finder scores trim, engine, colour and options from the index alone.
        "CREATE INDEX vehicles_match ON vehicles (model_id, status, trim, engine, colour, options, org_unit_id)",
        // The list's orders other than newest walk these instead of sorting the network's units.
        "CREATE INDEX vehicles_since_order ON vehicles ((COALESCE(in_stock_since, '9999')), id)",
        "CREATE INDEX vehicles_price_order ON vehicles (price_minor, id)",
    ] }
}
