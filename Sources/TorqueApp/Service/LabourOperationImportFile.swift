import Foundation
import TorqueDomain
import TorqueStore

/// Reads a labour-operation CSV (SVC-2) for the API and the set-up page alike: columns code,
/// name, minutes, skill (needed), model_family, skill_level, bay_capability, parts
/// ("BRK-PAD-F x2, BRK-DISC-F x2"). Every row is checked before any is applied.
struct LabourOperationImportFile {
    let services: AppServices

    static let columns = ["code", "name", "model_family", "minutes", "skill", "skill_level", "bay_capability", "parts"]
    /// Headers as the Italian reference documents name them ("interventi tabellati").
    static let aliases = ["codice": "code", "descrizione": "name", "description": "name", "modello": "model_family", "model": "model_family",
                          "minuti": "minutes", "tempo": "minutes", "competenza": "skill", "livello": "skill_level", "level": "skill_level",
                          "postazione": "bay_capability", "bay": "bay_capability", "ricambi": "parts", "kit": "parts"]

    func run(csv: String, unitID: Int, principal p: Principal) async throws -> (added: Int, replaced: Int) {
        let rows = try ImportFile.read(Data(csv.utf8), filename: "operations.csv").mapped(columns: Self.columns, aliases: Self.aliases, required: ["code", "name", "minutes", "skill"])
        var inputs: [LabourOperationInput] = [], errors: [ImportRowError] = []
        var seen: [String: Int] = [:]
        for row in rows {
            let cell = row.cells.mapValues { $0.trimmed }
            var rowErrors: [ImportRowError] = []
            let minutes = Int(cell["minutes"] ?? "")
            if minutes == nil { rowErrors.append(ImportRowError(rowNo: row.rowNo, field: "minutes", message: "must be a whole number of minutes", value: cell["minutes"] ?? "")) }
            let levelText = cell["skill_level"] ?? ""
            let level = levelText.isEmpty ? 1 : Int(levelText)
            if level == nil { rowErrors.append(ImportRowError(rowNo: row.rowNo, field: "skill_level", message: "must be 1, 2 or 3", value: levelText)) }
            var kit: [KitPart] = []
            switch KitPart.parse(cell["parts"] ?? "") {
            case .success(let k): kit = k
            case .failure(let problem): rowErrors.append(ImportRowError(rowNo: row.rowNo, field: "parts", message: problem.message, value: cell["parts"] ?? ""))
            }
            let input = LabourOperationInput(code: cell["code"] ?? "", name: cell["name"] ?? "", modelFamily: cell["model_family"] ?? "", minutes: minutes ?? 1,
                                             skill: (cell["skill"] ?? "").lowercased(), skillLevel: level ?? 1, bayCapability: (cell["bay_capability"] ?? "").lowercased(), parts: kit)
            for (field, message) in input.problems.sorted(by: { $0.key < $1.key }) where !rowErrors.contains(where: { $0.field == field }) {
                rowErrors.append(ImportRowError(rowNo: row.rowNo, field: field, message: message, value: cell[field] ?? ""))
            }
            let key = input.code.uppercased() + "|" + input.modelFamily.lowercased()
            if let first = seen[key] { rowErrors.append(ImportRowError(rowNo: row.rowNo, field: "code", message: "repeats row \(first) (same code and model family)", value: input.code)) }
            else { seen[key] = row.rowNo }
            errors += rowErrors
            inputs.append(input)
        }
        if inputs.isEmpty { throw ImportFile.Problem(message: "has a header but no operations") }
        if !errors.isEmpty { throw FileRowErrors(rows: errors) }
        return try await services.labourOperations.importOperations(inputs, unitID: unitID, scope: p.scope, actor: p.actor)
    }
}
