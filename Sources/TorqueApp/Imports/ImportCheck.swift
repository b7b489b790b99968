import Foundation
import TorqueDomain
import TorqueStore

/// Checks every row of an import exactly as the customer form would, plus what only a file can
/// get wrong: missing columns, ragged rows, the same person twice in the file.
enum ImportCheck {
    enum RowResult { case success(CustomerInput), failure([ImportRowError]) }

    /// What the mapping lacks for customers to be created at all.
    static func mappingProblems(_ mapping: [ImportColumn]) -> [String] {
        var problems: [String] = []
        let set = Set(mapping)
        if set.isDisjoint(with: [.lastName, .fullName, .companyName]) { problems.append("Map a column to Last name, Full name or Company.") }
        if set.isDisjoint(with: [.phone, .email]) { problems.append("Map a column to Phone or E-mail: every customer needs a way to be reached.") }
        return problems
    }

    /// One row's fields → a customer, or the field errors (named with the CSV's own words).
    static func customer(_ f: ImportedFields, rowNo: Int, defaultCountry: String) -> RowResult {
        var errors = ValidationErrors()
        var kind = "person"
        if let k = f[.kind]?.lowercased() {
            if ["company", "azienda", "org", "business", "societa", "società"].contains(k) { kind = "company" }
            else if !["person", "persona", "private", "privato", "individual"].contains(k) { errors.add("kind", "must be person or company") }
        } else if f[.companyName] != nil, f[.lastName] == nil {
            kind = "company"
        }
        let consent = ImportedFields.flag(f[.consentMarketing])
        if consent == nil { errors.add("consent_marketing", "must be yes or no") }
        let fields = CustomerFields(kind: kind, firstName: f[.firstName], lastName: f[.lastName], companyName: f[.companyName], email: f[.email], phone: f[.phone],
                                    address: f[.address], postcode: f[.postcode], city: f[.city], country: f[.country], consentMarketing: consent.flatMap { $0 })
        let input = fields.validated(defaultCountry: defaultCountry, errors: &errors)
        if let input, errors.isEmpty { return .success(input) }
        return .failure(errors.fields.sorted { $0.key < $1.key }.map { field, message in
            ImportRowError(rowNo: rowNo, field: field, message: message, value: value(of: field, in: f))
        })
    }

    static func value(of field: String, in f: ImportedFields) -> String {
        ImportColumn(rawValue: field).flatMap { f[$0] } ?? ""
    }

    /// Every row checked; duplicates inside the file (same phone or e-mail) are errors naming the first row.
    static func validate(_ file: ImportFile, mapping: [ImportColumn], defaultCountry: String) -> (rows: [ImportRow], errors: [ImportRowError]) {
        var rows: [ImportRow] = []
        var errors: [ImportRowError] = []
        var seenPhone: [String: Int] = [:], seenEmail: [String: Int] = [:]
        var inputs: [(Int, RowResult)] = []
        if let cards = file.cards {
            for card in cards {
                if let problem = card.problem { inputs.append((card.number, .failure([ImportRowError(rowNo: card.number, field: "card", message: problem)]))) }
                else { inputs.append((card.number, customer(card.fields, rowNo: card.number, defaultCountry: defaultCountry))) }
            }
        } else {
            for (rowNo, cells) in file.rows {
                if cells.count > file.headers.count {
                    inputs.append((rowNo, .failure([ImportRowError(rowNo: rowNo, field: "row", message: "has \(cells.count) cells but the header names \(file.headers.count) columns (an unquoted comma?)")])))
                    continue
                }
                inputs.append((rowNo, customer(ImportedFields(row: cells, mapping: mapping), rowNo: rowNo, defaultCountry: defaultCountry)))
            }
        }
        for (rowNo, result) in inputs {
            switch result {
            case let .failure(e):
                errors += e
            case let .success(input):
                if let p = input.phone, let first = seenPhone[p] {
                    errors.append(ImportRowError(rowNo: rowNo, field: "phone", message: "is the same as row \(first) in this file", value: p)); continue
                }
                if let e = input.email.map(SearchKey.email), let first = seenEmail[e] {
                    errors.append(ImportRowError(rowNo: rowNo, field: "email", message: "is the same as row \(first) in this file", value: e)); continue
                }
                if let p = input.phone { seenPhone[p] = rowNo }
                if let e = input.email.map(SearchKey.email) { seenEmail[e] = rowNo }
                rows.append(ImportRow(rowNo: rowNo, input: input))
            }
        }
        return (rows, errors)
    }
}
