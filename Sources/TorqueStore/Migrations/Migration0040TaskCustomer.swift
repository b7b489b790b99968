enum Migration0040TaskCustomer {
    static let migration = Migration(version: 40, name: "tasks by customer") { _ in
        // Deleting or merging a customer looks up its tasks (the foreign key's ON DELETE, the
        // merge's move): without this index each was a scan of every task (4 ms a customer on
        // the benchmark's data, found when the benchmark's imported customers were removed).
        ["CREATE INDEX tasks_customer ON tasks (customer_id)"]
    }
}
