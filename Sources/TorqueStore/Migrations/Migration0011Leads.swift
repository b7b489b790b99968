enum Migration0011Leads {
    static let migration = Migration(version: 11, name: "leads, lead settings, opportunities") { _ in [
        """
        CREATE TABLE leads (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          status TEXT NOT NULL,
          source TEXT NOT NULL,
          campaign TEXT NOT NULL DEFAULT '',
          kind TEXT NOT NULL,
          first_name TEXT NOT NULL DEFAULT '',
          last_name TEXT NOT NULL DEFAULT '',
          company_name TEXT NOT NULL DEFAULT '',
          display_name TEXT NOT NULL,
          name_key TEXT NOT NULL,
          email TEXT,
          email_key TEXT,
          phone TEXT,
          postcode TEXT NOT NULL DEFAULT '',
          city TEXT NOT NULL DEFAULT '',
          country TEXT NOT NULL,
          consent_marketing BOOLEAN NOT NULL DEFAULT FALSE,
          message TEXT NOT NULL DEFAULT '',
          interest_brand TEXT NOT NULL DEFAULT '',
          interest_model TEXT NOT NULL DEFAULT '',
          timeframe TEXT NOT NULL DEFAULT 'unknown',
          payment TEXT NOT NULL DEFAULT 'unknown',
          trade_in BOOLEAN NOT NULL DEFAULT FALSE,
          budget BIGINT,
          score INTEGER NOT NULL DEFAULT 0,
          assigned_user_id BIGINT REFERENCES users(id),
          matched_customer_id BIGINT REFERENCES customers(id) ON DELETE SET NULL,
          customer_id BIGINT REFERENCES customers(id) ON DELETE SET NULL,
          opportunity_id BIGINT,
          disqualify_reason TEXT,
          disqualify_note TEXT NOT NULL DEFAULT '',
          sla_due_at TEXT,
          first_response_at TEXT,
          escalated_at TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX leads_org_unit ON leads (org_unit_id, id)",
        "CREATE INDEX leads_assigned ON leads (assigned_user_id, status, id)",
        "CREATE INDEX leads_sla ON leads (status, sla_due_at)",
        "CREATE INDEX leads_phone ON leads (phone, org_unit_id)",
        "CREATE INDEX leads_email ON leads (email_key, org_unit_id)",
        "CREATE INDEX leads_name ON leads (name_key)",
        "CREATE INDEX leads_customer ON leads (customer_id)",
        "CREATE INDEX leads_matched_customer ON leads (matched_customer_id)",
        """
        CREATE TABLE lead_settings (
          org_unit_id BIGINT PRIMARY KEY REFERENCES org_units(id),
          rule TEXT NOT NULL DEFAULT 'round_robin',
          sla_minutes INTEGER NOT NULL DEFAULT 15,
          form_key TEXT NOT NULL UNIQUE,
          turn BIGINT NOT NULL DEFAULT 0,
          updated_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE lead_brand_rules (
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          brand TEXT NOT NULL,
          user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          PRIMARY KEY (org_unit_id, brand, user_id)
        )
        """,
        // The start of SALES-1: a lead converts into an opportunity; the sales module adds the pipeline.
        """
        CREATE TABLE opportunities (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
          lead_id BIGINT REFERENCES leads(id) ON DELETE SET NULL,
          title TEXT NOT NULL,
          stage TEXT NOT NULL,
          owner_user_id BIGINT REFERENCES users(id),
          expected_value_minor BIGINT,
          close_on TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX opportunities_customer ON opportunities (customer_id, id)",
        "CREATE INDEX opportunities_org_unit ON opportunities (org_unit_id, id)",
        "ALTER TABLE tasks ADD COLUMN lead_id BIGINT REFERENCES leads(id) ON DELETE CASCADE",
        "CREATE INDEX tasks_lead ON tasks (lead_id)",
    ] }
}
