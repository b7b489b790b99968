import Foundation
import SQLKit
import TorqueDomain

/// Check-in photos and the customer's signature of a repair order (SVC-4). The bytes are kept
/// as base64 text so one column type serves SQLite and PostgreSQL alike.
public struct RepairOrderFileStore: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public static let maxBytes = 8 * 1024 * 1024
    public static let maxFiles = 20

    static func decode(_ r: any SQLRow) throws -> RepairOrderFile {
        RepairOrderFile(id: try r.decode(column: "id", as: Int.self), repairOrderId: try r.decode(column: "repair_order_id", as: Int.self),
                        kind: RepairOrderFile.Kind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .photo,
                        contentType: try r.decode(column: "content_type", as: String.self), bytes: try r.decode(column: "bytes", as: Int.self),
                        note: try r.decode(column: "note", as: String.self), createdAt: try r.decode(column: "created_at", as: String.self))
    }

    public func list(orderID: Int, scope: Scope) async throws -> [RepairOrderFile] {
        _ = try await RepairOrderStore.load(orderID, scope: scope, on: db.sql)
        return try await db.sql.raw("""
            SELECT id, repair_order_id, kind, content_type, bytes, note, created_at FROM repair_order_files WHERE repair_order_id = \(bind: orderID) ORDER BY id
            """).all().map(Self.decode)
    }

    /// The file and its bytes; 404 unless its order is in scope.
    public func content(orderID: Int, fileID: Int, scope: Scope) async throws -> (RepairOrderFile, Data) {
        _ = try await RepairOrderStore.load(orderID, scope: scope, on: db.sql)
        guard let r = try await db.sql.raw("SELECT * FROM repair_order_files WHERE id = \(bind: fileID) AND repair_order_id = \(bind: orderID)").first(),
              let data = Data(base64Encoded: try r.decode(column: "data_base64", as: String.self)) else { throw StoreError.notFound }
        return (try Self.decode(r), data)
    }

    /// Adds a photo (any time the order is open) or the signature (once).
    public func add(orderID: Int, kind: RepairOrderFile.Kind, data: Data, note: String, scope: Scope, actor: Actor) async throws -> RepairOrderFile {
        var errors = ValidationErrors()
        let type = ImageSniffer.contentType(Array(data.prefix(16)))
        if data.isEmpty { errors.add("file", "is empty") }
        else if data.count > Self.maxBytes { errors.add("file", "is larger than \(Self.maxBytes / 1024 / 1024) MiB") }
        else if type == nil { errors.add("file", "must be a JPEG, PNG or WebP image") }
        else if kind == .signature && type != "image/png" { errors.add("file", "a signature must be a PNG drawing") }
        if note.count > 300 { errors.add("note", "must be at most 300 characters") }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        return try await db.transaction { tx in
            let ro = try await RepairOrderStore.lockOpen(orderID, scope: scope, on: tx)
            let counts = try await tx.raw("""
                SELECT COUNT(*) AS n, SUM(CASE WHEN kind = 'signature' THEN 1 ELSE 0 END) AS signed FROM repair_order_files WHERE repair_order_id = \(bind: orderID)
                """).first()!
            if try counts.decode(column: "n", as: Int.self) >= Self.maxFiles { throw StoreError.conflict(field: "file", message: "\(ro.number) has \(Self.maxFiles) files already") }
            if kind == .signature, (try counts.decode(column: "signed", as: Int?.self) ?? 0) > 0 { throw StoreError.conflict(field: "file", message: "\(ro.number) is signed already") }
            let id = try await tx.raw("""
                INSERT INTO repair_order_files (repair_order_id, kind, content_type, data_base64, bytes, note, created_by, created_at)
                VALUES (\(bind: orderID), \(bind: kind.rawValue), \(bind: type!), \(bind: data.base64EncodedString()), \(bind: data.count), \(bind: note.trimmed),
                        \(bind: actor.userID), \(bind: Clock.nowString())) RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            let file = try Self.decode(try await tx.raw("SELECT id, repair_order_id, kind, content_type, bytes, note, created_at FROM repair_order_files WHERE id = \(bind: id)").first()!)
            try await AuditStore.record(on: tx, actor: actor, action: kind == .signature ? "sign" : "add_photo", recordType: "repair_order", recordID: orderID, orgUnitID: ro.orgUnitId, before: nil, after: file)
            return file
        }
    }
}
