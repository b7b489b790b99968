import Hummingbird
import Logging
import TorqueStore

/// Builds the router with every route and middleware, in the order they must run.
public func buildRouter(_ services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RouteMetricsMiddleware(registry: services.metrics))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware(services: services))
    router.add(middleware: AuthMiddleware(services: services))
    SystemRoutes(services: services).addRoutes(to: router)
    AuthRoutes(services: services).addRoutes(to: router)
    HomeRoutes(services: services).addRoutes(to: router)
    OrgUnitRoutes(services: services).addRoutes(to: router)
    OrgUnitAPI(services: services).addRoutes(to: router)
    UserRoutes(services: services).addRoutes(to: router)
    UserAPI(services: services).addRoutes(to: router)
    RoleRoutes(services: services).addRoutes(to: router)
    ApiKeyRoutes(services: services).addRoutes(to: router)
    AuditAPI(services: services).addRoutes(to: router)
    CustomerMerge(services: services).addRoutes(to: router)
    CustomerAPI(services: services).addRoutes(to: router)
    CustomerRoutes(services: services).addRoutes(to: router)
    ContactRoutes(services: services).addRoutes(to: router)
    LeadAPI(services: services).addRoutes(to: router)
    CatalogRoutes(services: services).addRoutes(to: router)
    ConfiguratorRoutes(services: services).addRoutes(to: router)
    VinRoutes(services: services).addRoutes(to: router)
    VehicleFormRoutes(services: services).addRoutes(to: router)
    StockRoutes(services: services).addRoutes(to: router)
    NetworkStockRoutes(services: services).addRoutes(to: router)
    PartRoutes(services: services).addRoutes(to: router)
    StockImportRoutes(services: services).addRoutes(to: router)
    CatalogAPI(services: services).addRoutes(to: router)
    ConfigurationAPI(services: services).addRoutes(to: router)
    VinAPI(services: services).addRoutes(to: router)
    VehicleAPI(services: services).addRoutes(to: router)
    PartAPI(services: services).addRoutes(to: router)
    PartOrderAPI(services: services).addRoutes(to: router)
    SalesRoutes(services: services).addRoutes(to: router)
    FinanceRoutes(services: services).addRoutes(to: router)
    FinanceAPI(services: services).addRoutes(to: router)
    OpportunityAPI(services: services).addRoutes(to: router)
    OpportunityRoutes(services: services).addRoutes(to: router)
    AppointmentAPI(services: services).addRoutes(to: router)
    AgendaRoutes(services: services).addRoutes(to: router)
    StageSettingsRoutes(services: services).addRoutes(to: router)
    QuoteAPI(services: services).addRoutes(to: router)
    QuoteRoutes(services: services).addRoutes(to: router)
    ContractRoutes(services: services).addRoutes(to: router)
    AppraisalRoutes(services: services).addRoutes(to: router)
    ForecastAPI(services: services).addRoutes(to: router)
    ForecastRoutes(services: services).addRoutes(to: router)
    SalesActivityRoutes(services: services).addRoutes(to: router)
    AccountAPI(services: services).addRoutes(to: router)
    AccountRoutes(services: services).addRoutes(to: router)
    ServiceAPI(services: services).addRoutes(to: router)
    ServiceRoutes(services: services).addRoutes(to: router)
    WorkshopSetupRoutes(services: services).addRoutes(to: router)
    RepairOrderAPI(services: services).addRoutes(to: router)
    RepairOrderFileAPI(services: services).addRoutes(to: router)
    RepairOrderRoutes(services: services).addRoutes(to: router)
    MaintenanceAPI(services: services).addRoutes(to: router)
    VehicleOrderAPI(services: services).addRoutes(to: router)
    ShipmentAPI(services: services).addRoutes(to: router)
    DistributionRoutes(services: services).addRoutes(to: router)
    ShipmentRoutes(services: services).addRoutes(to: router)
    PlanningAPI(services: services).addRoutes(to: router)
    PlanningRoutes(services: services).addRoutes(to: router)
    ProductionAPI(services: services).addRoutes(to: router)
    ProductionRoutes(services: services).addRoutes(to: router)
    WorkshopKPIRoutes(services: services).addRoutes(to: router)
    ServiceAgendaRoutes(services: services).addRoutes(to: router)
    AppraisalAPI(services: services).addRoutes(to: router)
    QuoteSettingsAPI(services: services).addRoutes(to: router)
    QuoteSettingsRoutes(services: services).addRoutes(to: router)
    LeadRoutes(services: services).addRoutes(to: router)
    LeadSettingsRoutes(services: services).addRoutes(to: router)
    PublicLeadForm(services: services).addRoutes(to: router)
    ImportAPI(services: services).addRoutes(to: router)
    ImportRoutes(services: services).addRoutes(to: router)
    ExportRoutes(services: services).addRoutes(to: router)
    PasswordResetRoutes(services: services).addRoutes(to: router)
    JobRoutes(services: services).addRoutes(to: router)
    OutboxRoutes(services: services).addRoutes(to: router)
    return router
}

/// Opens the database, migrates it, installs built-in roles and, when asked, the demo network.
/// On failure the connections are closed before the error goes on (a pool dropped open stops a
/// debug build with an assertion that hides the error).
public func prepareServices(_ config: AppConfiguration, logger: Logger) async throws -> AppServices {
    let db = try Database.open(config.database, logger: logger)
    do {
        try await Migrator.migrate(db)
        try await RoleStore(db: db).installBuiltIns()
        // Age bands move with the calendar: count them for today before serving (see StockCounts).
        try await StockCounts.recount(db)
        let services = try await AppServices(config: config, db: db, logger: logger)
        if config.loadDemo {
            try await DemoLoader(services: services).loadIfEmpty(people: true)
        }
        return services
    } catch {
        await db.shutdown()
        throw error
    }
}

/// Runs a command's work with prepared services and closes the database afterwards, also when
/// the work fails.
public func withServices<T>(_ config: AppConfiguration, logger: Logger, _ body: (AppServices) async throws -> T) async throws -> T {
    let services = try await prepareServices(config, logger: logger)
    do {
        let result = try await body(services)
        await services.db.shutdown()
        return result
    } catch {
        await services.db.shutdown()
        throw error
    }
}

/// The HTTP application for `torque serve`.
public func buildApplication(_ services: AppServices) -> some ApplicationProtocol {
    let config = services.config
    return Application(
        router: buildRouter(services),
        configuration: .init(address: .hostname(config.hostname, port: config.port), serverName: "torque"),
        logger: services.logger
    )
}
