import Foundation

/// One upload of customers (CSV or vCard) and what became of it.
public struct DataImport: Codable, Sendable, Equatable {
    public var id: Int
    public var orgUnitId: Int
    public var userId: Int?
    public var userName: String
    /// csv or vcard
    public var format: String
    public var filename: String
    /// uploaded → queued → running → done | rejected | failed
    public var status: String
    /// all_or_nothing or valid_only
    public var mode: String
    /// use_existing (share the network's record) or create
    public var duplicates: String
    public var mappingJson: String
    public var headersJson: String
    public var totalRows: Int
    public var createdRows: Int
    public var existingRows: Int
    public var errorRows: Int
    public var message: String
    public var createdAt: String
    public var startedAt: String?
    public var finishedAt: String?

    public var isFinished: Bool { ["done", "rejected", "failed"].contains(status) }

    /// The column names of the file's header row (empty for vCards).
    public var headers: [String] { Self.strings(headersJson) }
    /// The field each column goes to, in column order.
    public var mapping: [ImportColumn] { Self.strings(mappingJson).compactMap(ImportColumn.init(rawValue:)) }

    static func strings(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }
}

/// A row the import could not take, and why.
public struct ImportRowError: Codable, Sendable, Equatable {
    /// Row in the file as a spreadsheet shows it (the header is row 1); the card number for vCards.
    public var rowNo: Int
    public var field: String
    public var message: String
    public var value: String

    public init(rowNo: Int, field: String, message: String, value: String = "") {
        self.rowNo = rowNo; self.field = field; self.message = message; self.value = value
    }
}

/// How an import treats customers the network already has.
public enum ImportDuplicates: String, CaseIterable, Sendable {
    case useExisting = "use_existing", create
    public var label: String {
        switch self {
        case .useExisting: "Use the existing customer (share it with my unit)"
        case .create: "Create a new customer anyway"
        }
    }
}

/// Whether one bad row stops the whole import.
public enum ImportMode: String, CaseIterable, Sendable {
    case allOrNothing = "all_or_nothing", validOnly = "valid_only"
    public var label: String {
        switch self {
        case .allOrNothing: "Only if every row is valid (nothing is imported otherwise)"
        case .validOnly: "Import the valid rows, report the others"
        }
    }
}
