import TorqueDomain

/// Failures a store reports to its caller, each mapped to one HTTP status by the app.
public enum StoreError: Error, Equatable {
    /// Absent, or outside the caller's scope: deliberately the same answer.
    case notFound
    /// The change conflicts with existing data (a taken code, a unit still in use…).
    case conflict(field: String, message: String)
    /// The values are well-formed but break a rule.
    case invalid(ValidationErrors)
}
