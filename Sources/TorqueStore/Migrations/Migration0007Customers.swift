enum Migration0007Customers {
    static let migration = Migration(version: 7, name: "customers, sharing between units, search words") { _ in [
        """
        CREATE TABLE customers (
          id {ID},
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          kind TEXT NOT NULL,
          first_name TEXT NOT NULL DEFAULT '',
          last_name TEXT NOT NULL DEFAULT '',
          company_name TEXT NOT NULL DEFAULT '',
          display_name TEXT NOT NULL,
          name_words TEXT NOT NULL,
          email TEXT,
          email_key TEXT,
          phone TEXT,
          phone_key TEXT,
          address TEXT NOT NULL DEFAULT '',
          postcode TEXT NOT NULL DEFAULT '',
          postcode_key TEXT NOT NULL DEFAULT '',
          city TEXT NOT NULL DEFAULT '',
          country TEXT NOT NULL DEFAULT 'IT',
          consent_marketing BOOLEAN NOT NULL DEFAULT FALSE,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX customers_phone ON customers (phone_key)",
        "CREATE INDEX customers_email ON customers (email_key)",
        "CREATE INDEX customers_name_postcode ON customers (name_words, postcode_key)",
        "CREATE INDEX customers_org_unit ON customers (org_unit_id, id)",
        """
        CREATE TABLE customer_units (
          customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          since TEXT NOT NULL,
          PRIMARY KEY (customer_id, org_unit_id)
        )
        """,
        "CREATE INDEX customer_units_unit ON customer_units (org_unit_id, customer_id)",
        """
        CREATE TABLE customer_words (
          word TEXT NOT NULL,
          customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
          PRIMARY KEY (word, customer_id)
        )
        """,
        "CREATE INDEX customer_words_customer ON customer_words (customer_id)",
    ] }
}
