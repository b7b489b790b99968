enum Migration0013Profiles {
    static let migration = Migration(version: 13, name: "customer profiles") { _ in [
        "ALTER TABLE timeline_events ADD COLUMN amount_minor BIGINT",
        "CREATE INDEX timeline_events_kind ON timeline_events (customer_id, kind, at)",
        """
        CREATE TABLE customer_profiles (
          customer_id BIGINT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
          lifetime_value_minor BIGINT NOT NULL,
          loyalty INTEGER NOT NULL,
          state TEXT NOT NULL,
          next_purchase_from TEXT,
          next_purchase_to TEXT,
          next_service TEXT,
          reasons_json TEXT NOT NULL,
          last_event_id BIGINT NOT NULL DEFAULT 0,
          computed_at TEXT NOT NULL
        )
        """,
        // Segments for marketing: "passive customers with high loyalty", "purchase window opens next month".
        "CREATE INDEX customer_profiles_state ON customer_profiles (state, loyalty)",
        "CREATE INDEX customer_profiles_next_purchase ON customer_profiles (next_purchase_from)",
    ] }
}
