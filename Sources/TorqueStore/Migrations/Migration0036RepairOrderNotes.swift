enum Migration0036RepairOrderNotes {
    static let migration = Migration(version: 36, name: "repair orders: notes for the customer, the number of an order imported from another system") { _ in [
        "ALTER TABLE repair_orders ADD COLUMN customer_notes TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE repair_orders ADD COLUMN external_ref TEXT",
        // An imported work order comes in once per workshop.
        "CREATE UNIQUE INDEX repair_orders_external ON repair_orders (org_unit_id, external_ref)",
    ] }
}
