enum Migration0039SearchUnitTokens {
    static let migration = Migration(version: 39, name: "name search on PostgreSQL: the units sharing a customer in its prefix array") { dialect in
        // SQLite's FTS5 search checks the scope on the few rows it reads (CustomerSearchIndex).
        guard dialect.kind != .sqlite else { return [] }
        return [
            // "@8": shared with unit 8. A dealer's search then asks GIN for its own customers only.
            """
            UPDATE customer_prefixes p SET prefixes = p.prefixes || t.tokens
            FROM (SELECT customer_id, ARRAY_AGG('@' || org_unit_id ORDER BY org_unit_id) AS tokens FROM customer_units GROUP BY customer_id) t
            WHERE t.customer_id = p.customer_id
            """,
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
