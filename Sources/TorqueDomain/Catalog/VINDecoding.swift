/// What a VIN tells: maker, where and when it was built, and how far its check digit was verified.
public struct VINDecoding: Sendable, Equatable {
    public var vin: String
    public var wmi: String
    public var manufacturer: String?
    public var country: String?
    public var region: String?
    /// Positions 4–8: model, body, engine as the maker encodes them.
    public var descriptor: String
    public var modelYear: Int?
    public var plantCode: String
    public var plantName: String?
    public var serial: String
    public var checkDigit: CheckDigitStatus
    /// Plain sentences about what could not be decided, for the person reading the result.
    public var notes: [String]

    public enum CheckDigitStatus: String, Sendable, Equatable {
        case valid
        /// Position 9 is not a check digit for this maker; the VIN was not verified by it.
        case notApplicable = "not_applicable"
    }
}

/// Decodes VINs with the WMI table plus what the installation knows of its own makes and plants.
public struct VINDecoder: Sendable {
    /// The installation's own WMIs (checked strictly, since its VINs always carry a check digit).
    public var ownMakes: [String: String]
    /// Plant codes (position 11) of the own makes.
    public var ownPlants: [Character: String]

    public init(ownMakes: [String: String] = [:], ownPlants: [Character: String] = [:]) {
        self.ownMakes = ownMakes
        self.ownPlants = ownPlants
    }

    /// The demo OEM: Torque Motors, WMI ZTM, built in Torino (plant T).
    public static let demo = VINDecoder(ownMakes: ["ZTM": "Torque Motors"], ownPlants: ["T": "Torino Assembly Plant"])

    /// Reads the installation's own makes and plants as written in its settings:
    /// `"ZTM=Torque Motors,ZTN=Torque Vans"` and `"T=Torino Assembly Plant,N=Nola"`.
    public static func configured(makes: String, plants: String) -> Result<VINDecoder, FieldProblem> {
        var ownMakes: [String: String] = [:], ownPlants: [Character: String] = [:]
        for pair in makes.split(separator: ",") where !pair.trimmed.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmed }
            let wmi = parts[0].uppercased()
            guard parts.count == 2, wmi.count == 3, wmi.allSatisfy(VIN.allowedCharacters.contains), !parts[1].isEmpty else {
                return .failure(FieldProblem("own makes: '\(pair)' must read like ZTM=Torque Motors (3 VIN characters, no I, O or Q)"))
            }
            ownMakes[wmi] = parts[1]
        }
        for pair in plants.split(separator: ",") where !pair.trimmed.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmed }
            guard parts.count == 2, parts[0].count == 1, let code = parts[0].uppercased().first, VIN.allowedCharacters.contains(code), !parts[1].isEmpty else {
                return .failure(FieldProblem("own plants: '\(pair)' must read like T=Torino Assembly Plant (one VIN character)"))
            }
            ownPlants[code] = parts[1]
        }
        return .success(VINDecoder(ownMakes: ownMakes, ownPlants: ownPlants))
    }

    static let yearCodes = Array("ABCDEFGHJKLMNPRSTVWXY123456789")

    /// Validates and decodes; `currentYear` decides between the two 30-year cycles where the VIN
    /// itself does not.
    public func decode(_ raw: String, currentYear: Int) -> Result<VINDecoding, FieldProblem> {
        switch VIN.parse(raw, enforcedWMIs: Set(ownMakes.keys)) {
        case .failure(let problem): return .failure(problem)
        case .success(let vin): return .success(describe(vin, currentYear: currentYear))
        }
    }

    func describe(_ vin: VIN, currentYear: Int) -> VINDecoding {
        let chars = vin.characters
        let wmi = String(chars[0..<3])
        var notes: [String] = []
        let manufacturer = ownMakes[wmi] ?? VINTables.manufacturers[wmi] ?? VINTables.manufacturers[String(chars[0..<2])]
        if manufacturer == nil { notes.append("The maker identifier \(wmi) is not in the table of major makes.") }
        if chars[2] == "9" { notes.append("A 9 in position 3 marks a small maker, identified further by positions 12–14.") }

        let rule = vin.checkDigitRule(enforcedWMIs: Set(ownMakes.keys))
        let status: VINDecoding.CheckDigitStatus
        if rule == .mandatory {
            status = .valid
        } else {
            status = .notApplicable
            notes.append(vin.checkDigitMatches
                ? "Position 9 happens to match the check digit, but outside North America and China makers need not use one."
                : "Outside North America and China position 9 need not be a check digit, so this VIN could not be verified by it.")
        }

        let year = modelYear(vin, currentYear: currentYear, northAmerican: "12345".contains(chars[0]))
        if year == nil { notes.append("Position 10 (\(chars[9])) is not a model-year code.") }
        else if !"12345L".contains(chars[0]) { notes.append("Model year read from position 10, as ISO 3779 recommends; some European makers do not encode it.") }

        let plant = chars[10]
        return VINDecoding(
            vin: vin.value, wmi: wmi, manufacturer: manufacturer,
            country: VINTables.countries[String(chars[0..<2])], region: VINTables.regions[chars[0]],
            descriptor: String(chars[3..<8]), modelYear: year, plantCode: String(plant),
            plantName: ownMakes[wmi] != nil ? ownPlants[plant] : nil,
            serial: String(chars[11..<17]), checkDigit: status, notes: notes)
    }

    /// Position 10 repeats every 30 years. North American cars say which cycle by position 7
    /// (a digit before 2010, a letter since); elsewhere the latest year not after next year wins.
    func modelYear(_ vin: VIN, currentYear: Int, northAmerican: Bool) -> Int? {
        let chars = vin.characters
        guard let index = Self.yearCodes.firstIndex(of: chars[9]) else { return nil }
        let first = 1980 + index
        if northAmerican { return chars[6].isNumber ? first : first + 30 }
        var year = first
        while year + 30 <= currentYear + 1 { year += 30 }
        return year
    }
}
