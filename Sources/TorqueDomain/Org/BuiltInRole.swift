/// The roles every installation starts with; admins add custom roles beside them.
public struct BuiltInRole: Sendable {
    public var key: String
    public var name: String
    public var permissions: Set<Permission>

    public static let all: [BuiltInRole] = {
        typealias P = Permission
        let readCore: Set<P> = [.orgRead, .customersRead, .catalogRead, .stockRead]
        return [
            BuiltInRole(key: "administrator", name: "Administrator", permissions: Set(P.allCases)),
            BuiltInRole(key: "oem_executive", name: "OEM executive", permissions: readCore.union([.usersRead, .salesRead, .serviceRead, .distributionRead, .productionRead, .marketingRead, .casesRead, .financeRead, .reportsRead, .auditRead, .leadsRead, .targetsWrite])),
            BuiltInRole(key: "oem_marketing", name: "OEM marketing", permissions: readCore.union([.catalogWrite, .marketingRead, .marketingWrite, .leadsRead, .salesRead, .reportsRead])),
            BuiltInRole(key: "oem_logistics", name: "OEM logistics", permissions: readCore.union([.catalogWrite, .stockWrite, .stockOverride, .distributionRead, .distributionWrite, .productionRead, .reportsRead])),
            BuiltInRole(key: "plant_qa", name: "Plant QA engineer", permissions: [.orgRead, .catalogRead, .productionRead, .qualityWrite, .casesRead, .reportsRead]),
            BuiltInRole(key: "regional_manager", name: "Regional manager", permissions: readCore.union([.usersRead, .leadsRead, .salesRead, .serviceRead, .distributionRead, .marketingRead, .casesRead, .reportsRead, .auditRead, .targetsWrite])),
            BuiltInRole(key: "dealer_principal", name: "Dealer principal", permissions: readCore.union([.usersRead, .usersWrite, .customersWrite, .leadsRead, .leadsWrite, .salesRead, .salesWrite, .quotesApprove, .targetsWrite, .stockWrite, .stockOverride, .serviceRead, .serviceSetup, .distributionRead, .distributionWrite, .financeRead, .reportsRead, .auditRead])),
            BuiltInRole(key: "sales_manager", name: "Sales manager", permissions: readCore.union([.usersRead, .customersWrite, .stockWrite, .leadsRead, .leadsWrite, .salesRead, .salesWrite, .quotesApprove, .targetsWrite, .distributionRead, .reportsRead])),
            BuiltInRole(key: "salesperson", name: "Salesperson", permissions: readCore.union([.customersWrite, .leadsRead, .leadsWrite, .salesRead, .salesWrite])),
            BuiltInRole(key: "service_advisor", name: "Service advisor", permissions: readCore.union([.customersWrite, .stockWrite, .serviceRead, .serviceSchedule, .serviceBookAny, .casesRead])),
            BuiltInRole(key: "workshop_manager", name: "Workshop manager", permissions: readCore.union([.usersRead, .customersWrite, .stockWrite, .serviceRead, .serviceSchedule, .serviceBookAny, .serviceWork, .serviceSetup, .casesRead, .reportsRead])),
            BuiltInRole(key: "technician", name: "Technician", permissions: [.orgRead, .customersRead, .catalogRead, .stockRead, .serviceRead, .serviceWork]),
            BuiltInRole(key: "contact_center_agent", name: "Contact-center agent", permissions: readCore.union([.customersWrite, .leadsRead, .leadsWrite, .serviceRead, .serviceSchedule, .casesRead, .casesWrite])),
            BuiltInRole(key: "claims_handler", name: "Claims handler", permissions: readCore.union([.serviceRead, .casesRead, .casesWrite, .claimsWrite, .financeRead])),
            BuiltInRole(key: "finance_clerk", name: "Finance clerk", permissions: readCore.union([.salesRead, .financeRead, .financeWrite, .reportsRead])),
        ]
    }()

    public static func named(_ key: String) -> BuiltInRole? { all.first { $0.key == key } }
}
