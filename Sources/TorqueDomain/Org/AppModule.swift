/// A top-level area of the application, shown in navigation to roles that hold its permission.
public struct AppModule: Sendable, Equatable {
    public var key: String
    public var title: String
    public var path: String
    public var permission: Permission
    /// What the module's home will list, shown as its empty state until the module is built.
    public var purpose: String

    public static let all: [AppModule] = [
        AppModule(key: "customers", title: "Customers", path: "/customers", permission: .customersRead, purpose: "Customers and their 360° timeline, leads and duplicate checks."),
        AppModule(key: "leads", title: "Leads", path: "/leads", permission: .leadsRead, purpose: "Inquiries from every channel: qualify, assign, answer within the promise, convert."),
        AppModule(key: "sales", title: "Sales", path: "/sales", permission: .salesRead, purpose: "Opportunities by stage, your agenda, quotes and contracts."),
        AppModule(key: "catalog", title: "Catalog", path: "/catalog", permission: .catalogRead, purpose: "Models, options, compatibility rules, price lists and the configurator."),
        AppModule(key: "stock", title: "Stock", path: "/stock", permission: .stockRead, purpose: "Vehicle units and parts across the network, with aging."),
        AppModule(key: "service", title: "Service", path: "/service", permission: .serviceRead, purpose: "Workshop bookings, repair orders and the technicians' agenda."),
        AppModule(key: "distribution", title: "Distribution", path: "/distribution", permission: .distributionRead, purpose: "Factory orders, allocation to dealers and shipments."),
        AppModule(key: "production", title: "Production", path: "/production", permission: .productionRead, purpose: "Production plans and quality findings from the plants."),
        AppModule(key: "marketing", title: "Marketing", path: "/marketing", permission: .marketingRead, purpose: "Campaigns, audiences and their measured return."),
        AppModule(key: "care", title: "Care", path: "/care", permission: .casesRead, purpose: "Contact-center cases and warranty claims."),
        AppModule(key: "reports", title: "Reports", path: "/reports", permission: .reportsRead, purpose: "Network sales, stock and service figures."),
        AppModule(key: "admin", title: "Admin", path: "/admin", permission: .usersRead, purpose: "The network, people, roles, API keys, jobs and outbox."),
    ]

    public static func visible(to permissions: Set<Permission>) -> [AppModule] {
        all.filter { module in
            module.key == "admin"
                ? !permissions.isDisjoint(with: [.usersRead, .orgWrite, .rolesWrite, .apiKeysWrite, .jobsAdmin])
                : permissions.contains(module.permission)
        }
    }
}
