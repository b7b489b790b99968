import Foundation

/// Deterministic, believable customers and timelines for OEM-scale benchmarks
/// (`torque demo --scale oem`). Customer `i` is always the same person, with a unique phone and
/// e-mail, so runs are repeatable and a benchmark can ask for people it knows exist.
public enum SyntheticCustomers {
    static let firstNames = ["Marco", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Andrea", "Sara", "Matteo", "Valentina", "Lorenzo", "Martina",
                             "Davide", "Elena", "Simone", "Alessia", "Federico", "Silvia", "Riccardo", "Paola", "Stefano", "Laura", "Giorgio", "Anna",
                             "Roberto", "Marta", "Paolo", "Cristina", "Giovanni", "Federica", "Nicola", "Elisa", "Fabio", "Ilaria", "Massimo", "Roberta",
                             "Antonio", "Monica", "Franco", "Barbara", "Emanuele", "Serena", "Daniele", "Claudia", "Tommaso", "Beatrice", "Pietro", "Greta"]
    static let lastNames = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti",
                            "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani",
                            "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra",
                            "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi", "Villa", "Conte", "Ferraro", "Ferri", "Fabbri", "Bianco", "Marini",
                            "Grasso", "Valentini", "Messina", "Sala", "De Angelis", "Gatti", "Pellegrini", "Palumbo", "Sanna", "Farina", "Rizzi", "Monti"]
    static let places: [(String, String)] = [("Milano", "20121"), ("Monza", "20900"), ("Bergamo", "24121"), ("Brescia", "25121"), ("Como", "22100"),
                                             ("Torino", "10121"), ("Genova", "16121"), ("Verona", "37121"), ("Padova", "35121"), ("Bologna", "40121"),
                                             ("Firenze", "50121"), ("Roma", "00184"), ("Napoli", "80121"), ("Bari", "70121"), ("Palermo", "90133"),
                                             ("Cagliari", "09124"), ("Lecco", "23900"), ("Varese", "21100"), ("Pavia", "27100"), ("Lodi", "26900")]

    /// A small, fast, seedable generator (SplitMix64), so customer `i` never changes.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// The phone of customer `i`: 7919 is prime to 10⁹, so i → phone is one-to-one below 10⁹.
    public static func phone(_ i: Int) -> String {
        let n = String((i &* 7919 &+ 12_345) % 1_000_000_000)
        return "+393" + String(repeating: "0", count: 9 - n.count) + n
    }

    public static func customer(_ i: Int) -> CustomerInput {
        var r = Random(state: UInt64(i) &* 2_654_435_761)
        let first = firstNames[r.below(firstNames.count)], last = lastNames[r.below(lastNames.count)]
        let place = places[r.below(places.count)]
        let mailName = SearchKey.name(first + " " + last).replacingOccurrences(of: " ", with: ".")
        return CustomerInput(kind: .person, firstName: first, lastName: last, email: "\(mailName).\(i)@example.net", phone: phone(i),
                             address: "Via \(lastNames[r.below(lastNames.count)]) \(1 + r.below(200))", postcode: place.1, city: place.0,
                             country: "IT", consentMarketing: r.below(3) > 0)
    }

    /// A synthetic history: one purchase some years ago, workshop visits after it, and contacts.
    public static func timeline(_ i: Int, count: Int, now: Date) -> [(entry: TimelineEntry, at: Date)] {
        guard count > 0 else { return [] }
        var r = Random(state: UInt64(i) &* 40_503 &+ 7)
        let yearSeconds = 365.25 * 86400
        let bought = now - Double(1 + r.below(6)) * yearSeconds - Double(r.below(300)) * 86400
        var items: [(TimelineEntry, Date)] = [(TimelineEntry(kind: .purchase, title: "Bought a new car", amountMinor: (18_000 + r.below(30_000)) * 100), bought)]
        var at = bought
        for k in 1..<count {
            at += Double(30 + r.below(300)) * 86400
            if at > now { at = now - Double(count - k) * 3600 }
            if k % 2 == 1 {
                items.append((TimelineEntry(kind: .service, title: "Workshop: yearly service", amountMinor: (150 + r.below(600)) * 100), at))
            } else {
                items.append((TimelineEntry(kind: .contact, title: ["Phone, us to customer", "E-mail, customer to us", "Walk-in, customer to us"][r.below(3)], detail: "follow-up"), at))
            }
        }
        return items.sorted { $0.1 < $1.1 }
    }
}
