enum Migration0010Timeline {
    static let migration = Migration(version: 10, name: "customer timeline") { _ in [
        """
        CREATE TABLE timeline_events (
          id {ID},
          customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
          org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
          at TEXT NOT NULL,
          kind TEXT NOT NULL,
          title TEXT NOT NULL,
          detail TEXT NOT NULL DEFAULT '',
          user_name TEXT NOT NULL DEFAULT '',
          ref_type TEXT,
          ref_id BIGINT
        )
        """,
        "CREATE INDEX timeline_events_customer ON timeline_events (customer_id, id)",
        "CREATE INDEX timeline_events_ref ON timeline_events (ref_type, ref_id)",
        // Contacts logged before the timeline existed.
        """
        INSERT INTO timeline_events (customer_id, org_unit_id, at, kind, title, detail, user_name, ref_type, ref_id)
        SELECT customer_id, org_unit_id, at, 'contact',
          CASE channel WHEN 'walk_in' THEN 'Walk-in' WHEN 'phone' THEN 'Phone' WHEN 'email' THEN 'E-mail' WHEN 'sms' THEN 'SMS' WHEN 'fax' THEN 'Fax'
            WHEN 'web' THEN 'Web' WHEN 'social' THEN 'Social' WHEN 'letter' THEN 'Letter' ELSE channel END
            || CASE direction WHEN 'outbound' THEN ', us to customer' ELSE ', customer to us' END,
          CASE WHEN outcome <> '' AND note <> '' THEN outcome || ' — ' || note ELSE outcome || note END,
          user_name, 'contact', id
        FROM contacts ORDER BY id
        """,
    ] }
}
