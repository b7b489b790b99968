/// What kind of thing a timeline item is. Each module that touches a customer adds its kind here
/// and writes its items through the one timeline mechanism (TimelineStore.append).
public enum TimelineKind: String, CaseIterable, Codable, Sendable {
    case contact, lead, opportunity, merge, `import`
    /// A vehicle bought (the sales module writes it with the contract's amount).
    case purchase
    /// A workshop visit (the service module writes it with the invoiced amount).
    case service
    /// A car configured for the customer (CAT-3).
    case configuration
    /// A test drive, appointment, call or delivery booked with the customer (SALES-2).
    case appointment
    /// A quote, a new version of it, its approval or acceptance, and a trade-in appraisal (QUOTE-1, QUOTE-3).
    case quote
    // Later modules: case, campaign_message, vehicle.

    public var label: String {
        switch self {
        case .contact: "Contact"
        case .lead: "Lead"
        case .opportunity: "Opportunity"
        case .merge: "Merge"
        case .import: "Import"
        case .purchase: "Purchase"
        case .service: "Workshop"
        case .configuration: "Configuration"
        case .appointment: "Agenda"
        case .quote: "Quote"
        }
    }
}

/// One item on a customer's timeline, newest first on the 360 page and in the API.
public struct TimelineEvent: Codable, Sendable, Equatable {
    public var id: Int
    public var customerId: Int
    public var orgUnitId: Int
    public var at: String
    public var kind: String
    public var title: String
    public var detail: String
    public var userName: String
    /// The record behind the item (`contact` 12, `lead` 7 …), for a link.
    public var refType: String?
    public var refId: Int?
    /// Money the event brought, in cents (purchases, workshop invoices); feeds the profile.
    public var amountMinor: Int?
}

/// What a module writes to the timeline; the store adds the customer, unit, time and author.
public struct TimelineEntry: Sendable, Equatable {
    public var kind: TimelineKind
    public var title: String
    public var detail: String
    public var refType: String?
    public var refId: Int?
    public var amountMinor: Int?

    public init(kind: TimelineKind, title: String, detail: String = "", refType: String? = nil, refId: Int? = nil, amountMinor: Int? = nil) {
        self.kind = kind; self.title = title; self.detail = detail; self.refType = refType; self.refId = refId; self.amountMinor = amountMinor
    }

    /// The item for a logged contact.
    public static func contact(_ c: Contact) -> TimelineEntry {
        let channel = ContactChannel(rawValue: c.channel)?.label ?? c.channel
        let detail = [c.outcome, c.note].filter { !$0.isEmpty }.joined(separator: " — ")
        return TimelineEntry(kind: .contact, title: "\(channel), \(c.direction == "outbound" ? "us to customer" : "customer to us")", detail: detail, refType: "contact", refId: c.id)
    }
}
