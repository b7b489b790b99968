import Foundation
import TorqueDomain

/// A price-list CSV (CAT-5) read into rows: columns model, code, price, valid_from, valid_to in
/// any order (Italian headers accepted), comma, semicolon or tab separated.
enum PriceListFile {
    static let headers: [String: String] = [
        "model": "model", "modello": "model", "model_code": "model",
        "code": "code", "codice": "code", "item": "code", "item_code": "code",
        "price": "price", "prezzo": "price", "list_price": "price",
        "valid_from": "valid_from", "valido_dal": "valid_from", "from": "valid_from",
        "valid_to": "valid_to", "valido_al": "valid_to", "to": "valid_to",
    ]

    static func rows(_ data: Data) throws -> [PriceListRow] {
        let file = try ImportFile.read(data, filename: "prices.csv")
        var index: [String: Int] = [:]
        for (i, h) in file.headers.enumerated() {
            if let key = headers[h.lowercased().replacingOccurrences(of: " ", with: "_")], index[key] == nil { index[key] = i }
        }
        let missing = ["model", "code", "price", "valid_from"].filter { index[$0] == nil }
        if !missing.isEmpty {
            throw ImportFile.Problem(message: "The first row must name the columns model, code, price, valid_from (and valid_to if a list ends); missing: \(missing.joined(separator: ", ")).")
        }
        func cell(_ cells: [String], _ key: String) -> String {
            guard let i = index[key], i < cells.count else { return "" }
            return cells[i]
        }
        return file.rows.map { row in
            PriceListRow(rowNo: row.rowNo, model: cell(row.cells, "model"), code: cell(row.cells, "code"), price: cell(row.cells, "price"),
                         validFrom: cell(row.cells, "valid_from"), validTo: cell(row.cells, "valid_to"))
        }
    }
}
