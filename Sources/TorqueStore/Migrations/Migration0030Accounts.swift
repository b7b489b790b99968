enum Migration0030Accounts {
    static let migration = Migration(version: 30, name: "company accounts and their contacts, quote templates, fleet discount tiers") { _ in [
        // A company customer with fleet details; the unit that keeps the account sees it.
        """
        CREATE TABLE accounts (
          customer_id BIGINT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          industry TEXT NOT NULL,
          fleet_size INTEGER NOT NULL,
          payment_terms_days INTEGER NOT NULL,
          created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX accounts_unit ON accounts (org_unit_id)",
        """
        CREATE TABLE account_contacts (
          id {ID},
          account_id BIGINT NOT NULL REFERENCES accounts(customer_id) ON DELETE CASCADE,
          person_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
          role TEXT NOT NULL
        )
        """,
        // An id (not the pair) as key: a customer merge moves rows by id and can undo it.
        "CREATE INDEX account_contacts_account ON account_contacts (account_id, person_id)",
        "CREATE INDEX account_contacts_person ON account_contacts (person_id)",
        """
        CREATE TABLE quote_templates (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          name TEXT NOT NULL,
          lines_json TEXT NOT NULL,
          discount_ppm INTEGER,
          finance_json TEXT,
          note TEXT NOT NULL,
          created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX quote_templates_unit ON quote_templates (org_unit_id)",
        "ALTER TABLE quote_settings ADD COLUMN fleet_tiers_json TEXT",
        "ALTER TABLE quote_versions ADD COLUMN fleet_discount_ppm INTEGER NOT NULL DEFAULT 0",
    ] }
}
