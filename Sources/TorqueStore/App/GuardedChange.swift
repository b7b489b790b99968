import SQLKit

/// A status change that only applies from the expected state (`UPDATE … WHERE status = 'open'
/// AND <scope> RETURNING id`): a second click, or a concurrent one, is a 409 saying why, and a
/// record outside the caller's scope stays a 404.
enum GuardedChange {
    static func apply(_ update: SQLQueryString, exists: SQLQueryString, on tx: any SQLDatabase, conflict: () async throws -> StoreError) async throws {
        guard try await tx.raw(update).first() == nil else { return }
        guard try await tx.raw(exists).first() != nil else { throw StoreError.notFound }
        throw try await conflict()
    }
}
