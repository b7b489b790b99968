import TorqueDomain

/// A new model as typed in the form or sent to the API.
struct ModelFields: APIInput {
    var code: String?
    var make: String?
    var name: String?
    var modelYear: Int?
    var bodyStyle: String?
    var vinDescriptor: String?
    var currency: String?
    var orgUnitId: Int?
    static let fields: Set<String> = ["code", "make", "name", "model_year", "body_style", "vin_descriptor", "currency", "org_unit_id"]

    func validated(errors: inout ValidationErrors) -> CatalogModelInput? {
        let code = Validate.code(code, into: &errors)
        let make = Validate.text(make, field: "make", into: &errors)
        let name = Validate.text(name, field: "name", into: &errors)
        if let y = modelYear { if !(1980...2100).contains(y) { errors.add("model_year", "must be a year between 1980 and 2100") } }
        else { errors.add("model_year", "is required") }
        let body = Validate.text(bodyStyle, field: "body_style", into: &errors)
        let vds = (vinDescriptor ?? "").trimmed.uppercased()
        if !vds.isEmpty, vds.count > 5 || !vds.allSatisfy({ VIN.allowedCharacters.contains($0) }) {
            errors.add("vin_descriptor", "must be up to 5 VIN characters (positions 4–8; no I, O or Q)")
        }
        let currency = (currency ?? "EUR").trimmed.uppercased()
        if currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isLetter }) { errors.add("currency", "must be a 3-letter ISO code such as EUR") }
        guard errors.isEmpty, let code, let make, let name, let modelYear, let body else { return nil }
        return CatalogModelInput(code: code, make: make, name: name, modelYear: modelYear, bodyStyle: body, vinDescriptor: vds, currency: currency)
    }
}

/// An item added to a model or changed.
struct ItemFields: APIInput {
    var code: String?
    var name: String?
    var kind: String?
    var detail: String?
    var availableFrom: String?
    var availableTo: String?
    static let fields: Set<String> = ["code", "name", "kind", "detail", "available_from", "available_to"]

    func validated(errors: inout ValidationErrors) -> CatalogItem? {
        let code = Validate.code(code, into: &errors)
        let name = Validate.text(name, field: "name", into: &errors)
        let kind = kind.flatMap(CatalogItemKind.init(rawValue:))
        if kind == nil { errors.add("kind", "must be one of: " + CatalogItemKind.allCases.map(\.rawValue).joined(separator: ", ")) }
        let detail = Validate.text(detail, field: "detail", required: false, into: &errors) ?? ""
        let from = (availableFrom ?? "").trimmed, to = (availableTo ?? "").trimmed
        if !from.isEmpty, CalendarDay.parse(from) == nil { errors.add("available_from", "must be a date like 2027-01-01") }
        if !to.isEmpty, CalendarDay.parse(to) == nil { errors.add("available_to", "must be a date like 2027-12-31") }
        if !from.isEmpty, !to.isEmpty, to <= from { errors.add("available_to", "must be after available_from") }
        guard errors.isEmpty, let code, let name, let kind else { return nil }
        return CatalogItem(code: code, name: name, kind: kind, detail: detail, availableFrom: from, availableTo: to)
    }
}

/// A model's whole rule set.
struct RulesFields: APIInput {
    var rules: [RuleJSON]?
    static let fields: Set<String> = ["rules"]

    func validated(errors: inout ValidationErrors) -> [CompatibilityRule]? {
        guard let rules else { errors.add("rules", "is required (an empty list removes every rule)"); return nil }
        var out: [CompatibilityRule] = []
        for (i, r) in rules.enumerated() {
            guard let kind = RuleKind(rawValue: r.kind) else { errors.add("rules[\(i)].kind", "must be requires, excludes or includes"); continue }
            out.append(CompatibilityRule(kind, r.subject.trimmed.uppercased(), r.targets.map { $0.trimmed.uppercased() }.filter { !$0.isEmpty }))
        }
        if rules.count > 5_000 { errors.add("rules", "must be at most 5000 rules") }
        return errors.isEmpty ? out : nil
    }

    /// Rules typed one per line in the admin page: "TOW requires D16 P12", "ROOF excludes RAILS SUN".
    static func parse(_ text: String, errors: inout ValidationErrors) -> [CompatibilityRule] {
        var out: [CompatibilityRule] = []
        for (n, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
            let words = raw.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map { String($0).uppercased() }
            guard !words.isEmpty else { continue }
            guard words.count >= 3, let kind = RuleKind(rawValue: words[1].lowercased()) else {
                errors.add("rules", "line \(n + 1) must read like 'TOW requires D16' (subject, requires/excludes/includes, one or more codes)")
                continue
            }
            out.append(CompatibilityRule(kind, words[0], Array(words[2...])))
        }
        return out
    }

    /// The same text form, for editing.
    static func text(_ rules: [CompatibilityRule]) -> String {
        rules.map { "\($0.subject) \($0.kind.rawValue) " + $0.targets.joined(separator: " ") }.joined(separator: "\n")
    }
}
