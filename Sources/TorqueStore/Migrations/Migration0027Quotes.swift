enum Migration0027Quotes {
    static let migration = Migration(version: 27, name: "quotes with versions, trade-in appraisals, contracts, quote settings per unit") { _ in [
        // A unit's quoting rules; units without a row use the nearest ancestor's (QuoteSettingsStore).
        """
        CREATE TABLE quote_settings (
          org_unit_id BIGINT PRIMARY KEY REFERENCES org_units(id),
          tax_rate_ppm INTEGER,
          trade_in_credit BOOLEAN NOT NULL,
          valid_days INTEGER NOT NULL,
          discount_limits_json TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE appraisals (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
          vin TEXT NOT NULL,
          make TEXT NOT NULL,
          model_name TEXT NOT NULL,
          model_year INTEGER,
          colour TEXT NOT NULL,
          plate TEXT NOT NULL,
          mileage_km INTEGER NOT NULL,
          estimated_value_minor BIGINT NOT NULL,
          payoff_minor BIGINT NOT NULL,
          currency TEXT NOT NULL,
          status TEXT NOT NULL,
          stock_vehicle_id BIGINT REFERENCES vehicles(id) ON DELETE SET NULL,
          created_by BIGINT REFERENCES users(id),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX appraisals_unit ON appraisals (org_unit_id, id)",
        "CREATE INDEX appraisals_customer ON appraisals (customer_id)",
        "CREATE INDEX appraisals_vin ON appraisals (vin)",
        // The condition sheet at quote, delivery and resale; grades as JSON {item: grade}.
        """
        CREATE TABLE appraisal_reports (
          id {ID},
          appraisal_id BIGINT NOT NULL REFERENCES appraisals(id) ON DELETE CASCADE,
          stage TEXT NOT NULL,
          mileage_km INTEGER NOT NULL,
          grades_json TEXT NOT NULL,
          notes TEXT NOT NULL,
          recorded_by BIGINT REFERENCES users(id),
          recorded_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX appraisal_reports_appraisal ON appraisal_reports (appraisal_id, id)",
        """
        CREATE TABLE quotes (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
          opportunity_id BIGINT REFERENCES opportunities(id) ON DELETE SET NULL,
          vehicle_id BIGINT REFERENCES vehicles(id) ON DELETE SET NULL,
          configuration_id BIGINT REFERENCES configurations(id) ON DELETE SET NULL,
          title TEXT NOT NULL,
          status TEXT NOT NULL,
          currency TEXT NOT NULL,
          valid_until TEXT NOT NULL,
          current_version INTEGER NOT NULL,
          contract_id BIGINT,
          accepted_at TEXT,
          created_by BIGINT REFERENCES users(id),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX quotes_unit ON quotes (org_unit_id, status, id)",
        "CREATE INDEX quotes_customer ON quotes (customer_id)",
        "CREATE INDEX quotes_opportunity ON quotes (opportunity_id)",
        "CREATE INDEX quotes_vehicle ON quotes (vehicle_id)",
        // Each saved state of a quote; lines and finance terms as JSON, totals as columns (reports sum them).
        """
        CREATE TABLE quote_versions (
          quote_id BIGINT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
          version INTEGER NOT NULL,
          lines_json TEXT NOT NULL,
          discount_kind TEXT NOT NULL,
          discount_ppm INTEGER,
          discount_minor BIGINT,
          tax_style TEXT NOT NULL,
          tax_rate_ppm INTEGER NOT NULL,
          trade_in_credit BOOLEAN NOT NULL,
          appraisal_id BIGINT REFERENCES appraisals(id) ON DELETE SET NULL,
          trade_in_allowance_minor BIGINT NOT NULL,
          trade_in_payoff_minor BIGINT NOT NULL,
          goods_minor BIGINT NOT NULL,
          discount_total_minor BIGINT NOT NULL,
          discount_share_ppm INTEGER NOT NULL,
          fees_minor BIGINT NOT NULL,
          tax_added_minor BIGINT NOT NULL,
          vat_included_minor BIGINT NOT NULL,
          total_minor BIGINT NOT NULL,
          due_minor BIGINT NOT NULL,
          finance_json TEXT,
          needs_approval BOOLEAN NOT NULL,
          approved_by BIGINT REFERENCES users(id),
          approved_at TEXT,
          note TEXT NOT NULL,
          created_by BIGINT REFERENCES users(id),
          created_at TEXT NOT NULL,
          PRIMARY KEY (quote_id, version)
        )
        """,
        """
        CREATE TABLE contracts (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
          quote_id BIGINT NOT NULL REFERENCES quotes(id),
          quote_version INTEGER NOT NULL,
          vehicle_id BIGINT REFERENCES vehicles(id) ON DELETE SET NULL,
          trade_in_vehicle_id BIGINT REFERENCES vehicles(id) ON DELETE SET NULL,
          currency TEXT NOT NULL,
          total_minor BIGINT NOT NULL,
          due_minor BIGINT NOT NULL,
          monthly_payment_minor BIGINT,
          signed_by BIGINT REFERENCES users(id),
          signed_at TEXT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX contracts_quote ON contracts (quote_id)",
        "CREATE INDEX contracts_unit ON contracts (org_unit_id, signed_at)",
        "CREATE INDEX contracts_customer ON contracts (customer_id)",
    ] }
}
