/// The keys of one customer that duplicate checks compare (CUS-2).
public struct DedupeKeys: Sendable, Equatable {
    public var phones: Set<String>
    public var emails: Set<String>
    public var nameWords: String
    public var postcode: String
    public var vins: Set<String>

    public init(phones: Set<String> = [], emails: Set<String> = [], name: String = "", postcode: String = "", vins: Set<String> = []) {
        self.phones = phones
        self.emails = Set(emails.map(SearchKey.email))
        self.nameWords = SearchKey.nameWords(name)
        self.postcode = SearchKey.postcode(postcode)
        self.vins = Set(vins.map(SearchKey.code))
    }

    /// Keys of a customer record with at most one phone and one e-mail.
    public init(phone: String?, email: String?, name: String, postcode: String) {
        self.init(phones: Set([phone].compactMap { $0 }), emails: Set([email].compactMap { $0 }), name: name, postcode: postcode)
    }
}

/// A probable twin of a customer being entered, with the reasons, strongest first.
public struct DuplicateMatch: Sendable, Equatable {
    public var candidateID: Int
    public var score: Int
    public var reasons: [String]
}

/// Decides which existing customers are probably the one being entered. Pure: the store finds
/// candidates by indexed keys, this ranks and explains them.
public enum DuplicateCheck {
    /// At or above this score a match is offered to the user before saving.
    public static let threshold = 50

    public static func match(_ new: DedupeKeys, candidateID: Int, _ existing: DedupeKeys) -> DuplicateMatch? {
        var score = 0
        var reasons: [String] = []
        if let vin = new.vins.intersection(existing.vins).sorted().first {
            score += 100; reasons.append("owns the same vehicle (VIN \(vin))")
        }
        if let phone = new.phones.intersection(existing.phones).sorted().first {
            score += 80; reasons.append("same phone \(phone)")
        }
        if let email = new.emails.intersection(existing.emails).sorted().first {
            score += 80; reasons.append("same e-mail \(email)")
        }
        if !new.nameWords.isEmpty, new.nameWords == existing.nameWords {
            if !new.postcode.isEmpty, new.postcode == existing.postcode {
                score += 60; reasons.append("same name and postcode \(existing.postcode)")
            } else {
                score += 20; reasons.append("same name")
            }
        } else if !new.postcode.isEmpty, new.postcode == existing.postcode, similarNames(new.nameWords, existing.nameWords) {
            score += 50; reasons.append("similar name and same postcode \(existing.postcode)")
        }
        guard score >= threshold else { return nil }
        return DuplicateMatch(candidateID: candidateID, score: score, reasons: reasons)
    }

    /// "m rossi" and "mario rossi": the same number of words, each equal or an initial of the
    /// other, and at least one written out in both (an initial alone proves nothing).
    public static func similarNames(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: " ").map(String.init), y = b.split(separator: " ").map(String.init)
        guard x.count == y.count, x.count >= 2, x != y else { return false }
        var unused = y
        var fullMatches = 0
        for word in x.sorted(by: { $0.count > $1.count }) {
            if let i = unused.firstIndex(of: word) {
                if word.count > 1 { fullMatches += 1 }
                unused.remove(at: i)
            } else if let i = unused.firstIndex(where: { ($0.count == 1 && word.hasPrefix($0)) || (word.count == 1 && $0.hasPrefix(word)) }) {
                unused.remove(at: i)
            } else {
                return false
            }
        }
        return fullMatches >= 1
    }

    /// Every candidate at or above the threshold, best first (ties by id, oldest first).
    public static func rank(_ new: DedupeKeys, candidates: [(id: Int, keys: DedupeKeys)]) -> [DuplicateMatch] {
        candidates.compactMap { match(new, candidateID: $0.id, $0.keys) }
            .sorted { ($0.score, -$0.candidateID) > ($1.score, -$1.candidateID) }
    }
}
