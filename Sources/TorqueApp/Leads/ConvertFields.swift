import TorqueDomain
import TorqueStore

/// What converting a lead asks: which customer (or create), and the opportunity's first facts.
struct ConvertFields: APIInput, Sendable {
    var customerId: Int?
    var onDuplicate: String?
    var title: String?
    var expectedValue: Int?
    var closeOn: String?

    static let fields: Set<String> = ["customer_id", "on_duplicate", "title", "expected_value", "close_on"]

    init(customerId: Int? = nil, onDuplicate: String? = nil, title: String? = nil, expectedValue: Int? = nil, closeOn: String? = nil) {
        self.customerId = customerId; self.onDuplicate = onDuplicate; self.title = title; self.expectedValue = expectedValue; self.closeOn = closeOn
    }

    /// The default title is what the prospect asked about, so nothing needs typing.
    static func defaultTitle(_ lead: Lead) -> String {
        let interest = [lead.interestBrand, lead.interestModel].filter { !$0.isEmpty }.joined(separator: " ")
        return interest.isEmpty ? "New vehicle for \(lead.displayName)" : "\(interest) for \(lead.displayName)"
    }

    func validated(lead: Lead, today: String, errors: inout ValidationErrors) -> (ConversionCustomer, OpportunityDraft)? {
        let title = Validate.text(title, field: "title", required: false, limit: Validate.nameLimit, into: &errors) ?? Self.defaultTitle(lead)
        if let v = expectedValue, !(0...100_000_000).contains(v) { errors.add("expected_value", "must be between 0 and 100000000") }
        var close: String?
        if let day = closeOn?.trimmingCharacters(in: .whitespaces), !day.isEmpty {
            if CalendarDay.parse(day) == nil { errors.add("close_on", "must be a date like 2026-12-01") }
            else if day < today { errors.add("close_on", "is in the past") }
            else { close = day }
        }
        if let d = onDuplicate, d != "create" { errors.add("on_duplicate", "must be \"create\"") }
        if customerId != nil, onDuplicate != nil { errors.add("on_duplicate", "cannot be combined with customer_id") }
        guard errors.isEmpty else { return nil }
        let choice: ConversionCustomer = customerId.map { .existing($0) } ?? (onDuplicate == "create" ? .create : .auto)
        return (choice, OpportunityDraft(title: title, expectedValueMinor: expectedValue.map { $0 * 100 }, closeOn: close))
    }
}
