enum Migration0009UnitCountry {
    static let migration = Migration(version: 9, name: "country of each org unit") { _ in [
        "ALTER TABLE org_units ADD COLUMN country TEXT NOT NULL DEFAULT 'IT'",
    ] }
}
