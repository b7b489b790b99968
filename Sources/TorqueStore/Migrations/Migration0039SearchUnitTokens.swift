enum Migration0039SearchUnitTokens {
    static let migration = Migration(version: 39, name: "name search on PostgreSQL: the units sharing a customer in its prefix array") { dialect in
        // SQLite's FTS5 search checks the scope on the few rows it reads (CustomerSearchIndex).
        guard dialect.kind != .sqlite else { return [] }
        return [
            // "@8": shared with unit 8. A dealer's search then asks GIN for its own customers only.
            // The table is written anew rather than updated: an UPDATE of every row leaves as
            // many dead rows and a GIN pending list that every search reads until a vacuum.
            """
            CREATE TABLE customer_prefixes_new (
              customer_id BIGINT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
              prefixes TEXT[] NOT NULL
            )
            """,
            """
            INSERT INTO customer_prefixes_new (customer_id, prefixes)
            SELECT p.customer_id, p.prefixes || COALESCE(t.tokens, '{}')
            FROM customer_prefixes p
            LEFT JOIN (SELECT customer_id, ARRAY_AGG('@' || org_unit_id ORDER BY org_unit_id) AS tokens FROM customer_units GROUP BY customer_id) t
              ON t.customer_id = p.customer_id
            ORDER BY p.customer_id
            """,
            "DROP TABLE customer_prefixes",
            "ALTER TABLE customer_prefixes_new RENAME TO customer_prefixes",
            "ALTER TABLE customer_prefixes RENAME CONSTRAINT customer_prefixes_new_pkey TO customer_prefixes_pkey",
            "ALTER TABLE customer_prefixes RENAME CONSTRAINT customer_prefixes_new_customer_id_fkey TO customer_prefixes_customer_id_fkey",
            "CREATE INDEX customer_prefixes_gin ON customer_prefixes USING GIN (prefixes)",
            // Every write of a share keeps the tokens, whichever code makes it (entry, import,
            // lead conversion, merge and its undo, deletion).
            """
            CREATE FUNCTION customer_units_search_token() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP <> 'INSERT' THEN
                UPDATE customer_prefixes SET prefixes = array_remove(prefixes, '@' || OLD.org_unit_id) WHERE customer_id = OLD.customer_id;
              END IF;
              IF TG_OP <> 'DELETE' THEN
                UPDATE customer_prefixes SET prefixes = array_append(prefixes, '@' || NEW.org_unit_id)
                WHERE customer_id = NEW.customer_id AND NOT prefixes @> ARRAY['@' || NEW.org_unit_id];
              END IF;
              RETURN NULL;
            END
            $$
            """,
            "CREATE TRIGGER customer_units_search_token AFTER INSERT OR UPDATE OR DELETE ON customer_units FOR EACH ROW EXECUTE FUNCTION customer_units_search_token()",
            "ANALYZE customer_prefixes",
        ]
    }
}
