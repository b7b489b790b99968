/// Every named permission a role can grant. Later modules add theirs here.
public enum Permission: String, CaseIterable, Codable, Sendable {
    case orgRead = "org.read"
    case orgWrite = "org.write"
    case usersRead = "admin.users.read"
    case usersWrite = "admin.users"
    case rolesWrite = "admin.roles"
    case apiKeysWrite = "admin.api_keys"
    case jobsAdmin = "admin.jobs"
    case auditRead = "audit.read"
    case customersRead = "customers.read"
    case customersWrite = "customers.write"
    case leadsRead = "leads.read"
    case leadsWrite = "leads.write"
    case salesRead = "sales.read"
    case salesWrite = "sales.write"
    case quotesApprove = "quotes.approve"
    /// Set monthly sales targets for one's units and their salespeople (SALES-3).
    case targetsWrite = "sales.targets"
    case catalogRead = "catalog.read"
    case catalogWrite = "catalog.write"
    case stockRead = "stock.read"
    case stockWrite = "stock.write"
    /// Take parts stock below zero (a count that is known to be wrong until the next stocktake).
    case stockOverride = "stock.override"
    case serviceRead = "service.read"
    case serviceSchedule = "service.schedule"
    /// Book any workshop job; with `service.schedule` alone only the workshop's simple jobs
    /// (short, basic skill), as a contact-center agent does (SVC-3).
    case serviceBookAny = "service.book_any"
    case serviceWork = "service.work"
    /// Set up a workshop: bays, technicians, their hours and absences, labour operations (SVC-1, SVC-2).
    case serviceSetup = "service.setup"
    case distributionRead = "distribution.read"
    case distributionWrite = "distribution.write"
    case productionRead = "production.read"
    case qualityWrite = "quality.write"
    case marketingRead = "marketing.read"
    case marketingWrite = "marketing.write"
    case casesRead = "cases.read"
    case casesWrite = "cases.write"
    case claimsWrite = "claims.write"
    case financeRead = "finance.read"
    case financeWrite = "finance.write"
    case reportsRead = "reports.read"

    public var label: String {
        rawValue.replacingOccurrences(of: ".", with: " · ").replacingOccurrences(of: "_", with: " ")
    }

    /// Parses a list of names, reporting the first unknown one.
    public static func parse(_ names: [String]) -> Result<Set<Permission>, FieldProblem> {
        var result = Set<Permission>()
        for name in names {
            guard let p = Permission(rawValue: name) else { return .failure(FieldProblem("'\(name)' is not a known permission")) }
            result.insert(p)
        }
        return .success(result)
    }
}
