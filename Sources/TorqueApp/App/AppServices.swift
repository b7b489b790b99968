import Foundation
import TorqueDomain
import Logging
import Mustache
import Prometheus
import TorqueStore

/// The long-lived parts every route needs: the database, its stores, templates, metrics.
public final class AppServices: Sendable {
    public let config: AppConfiguration
    public let db: Database
    public let templates: MustacheLibrary
    public let metrics: PrometheusCollectorRegistry
    public let logger: Logger
    /// Bearer tokens and API keys resolved in the last seconds (not browser sessions).
    let principals: PrincipalCache
    /// VIN decoding with the installation's own makes and plants.
    public let vinDecoder: VINDecoder
    /// Imports running in this process, for their progress bars.
    let importProgress = ImportProgress()

    public var orgUnits: OrgUnitStore { OrgUnitStore(db: db) }
    public var users: UserStore { UserStore(db: db) }
    public var roles: RoleStore { RoleStore(db: db) }
    public var auth: AuthStore { AuthStore(db: db) }
    public var apiKeys: ApiKeyStore { ApiKeyStore(db: db) }
    public var audit: AuditStore { AuditStore(db: db) }
    public var jobs: JobStore { JobStore(db: db) }
    public var customers: CustomerStore { CustomerStore(db: db) }
    public var contacts: ContactStore { ContactStore(db: db) }
    public var timeline: TimelineStore { TimelineStore(db: db) }
    public var leads: LeadStore { LeadStore(db: db) }
    public var leadSettings: LeadSettingsStore { LeadSettingsStore(db: db) }
    public var opportunities: OpportunityStore { OpportunityStore(db: db) }
    public var salesStages: SalesStageStore { SalesStageStore(db: db) }
    public var appointments: AppointmentStore { AppointmentStore(db: db) }
    public var quotes: QuoteStore { QuoteStore(db: db) }
    public var appraisals: AppraisalStore { AppraisalStore(db: db) }
    public var contracts: ContractStore { ContractStore(db: db) }
    public var quoteSettings: QuoteSettingsStore { QuoteSettingsStore(db: db) }
    public var forecasts: SalesForecastStore { SalesForecastStore(db: db) }
    public var salesActivity: SalesActivityStore { SalesActivityStore(db: db) }
    public var accounts: AccountStore { AccountStore(db: db) }
    public var quoteTemplates: QuoteTemplateStore { QuoteTemplateStore(db: db) }
    public var workshops: WorkshopStore { WorkshopStore(db: db) }
    public var labourOperations: LabourOperationStore { LabourOperationStore(db: db) }
    public var workshopSettings: WorkshopSettingsStore { WorkshopSettingsStore(db: db) }
    public var repairOrderFiles: RepairOrderFileStore { RepairOrderFileStore(db: db) }
    public var workOrderImports: WorkOrderImportStore { WorkOrderImportStore(db: db) }
    public var partOrders: PartOrderStore { PartOrderStore(db: db) }
    public var salesHistory: SalesHistoryStore { SalesHistoryStore(db: db) }
    public var vehicleOrders: VehicleOrderStore { VehicleOrderStore(db: db) }
    public var allocations: AllocationStore { AllocationStore(db: db) }
    public var shipments: ShipmentStore { ShipmentStore(db: db) }
    public var settlements: SettlementStore { SettlementStore(db: db) }
    public var distributionSettings: DistributionSettingsStore { DistributionSettingsStore(db: db) }
    public var flags: WarningFlagStore { WarningFlagStore(db: db) }
    public var planning: PlanningStore { PlanningStore(db: db) }
    public var production: ProductionStore { ProductionStore(db: db) }
    public var defectAlerts: DefectAlertStore { DefectAlertStore(db: db) }
    public var serviceBookings: ServiceBookingStore { ServiceBookingStore(db: db) }
    public var repairOrders: RepairOrderStore { RepairOrderStore(db: db) }
    public var maintenance: MaintenanceStore { MaintenanceStore(db: db) }
    public var workshopKPIs: WorkshopKPIStore { WorkshopKPIStore(db: db) }
    public var imports: ImportStore { ImportStore(db: db) }
    public var profiles: ProfileStore { ProfileStore(db: db) }
    public var exports: ExportStore { ExportStore(db: db) }
    public var outbox: OutboxStore { OutboxStore(db: db) }
    public var catalog: CatalogStore { CatalogStore(db: db) }
    public var catalogRules: CatalogRuleStore { CatalogRuleStore(db: db) }
    public var priceLists: PriceListStore { PriceListStore(db: db) }
    public var configurations: ConfigurationStore { ConfigurationStore(db: db) }
    public var vehicles: VehicleStore { VehicleStore(db: db) }
    public var networkStock: NetworkStockStore { NetworkStockStore(db: db) }
    public var parts: PartStore { PartStore(db: db) }
    public var savedViews: SavedViewStore { SavedViewStore(db: db) }
    public var passwordResets: PasswordResetStore { PasswordResetStore(db: db) }

    public init(config: AppConfiguration, db: Database, logger: Logger) async throws {
        self.config = config
        self.db = db
        self.logger = logger
        guard let dir = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw AppStartError("the Templates resource folder is missing beside the binary")
        }
        // Loaded once: a broken template stops the start, not a request.
        self.templates = try await MustacheLibrary(directory: dir.path)
        self.metrics = PrometheusCollectorRegistry()
        self.principals = PrincipalCache(lifetime: .seconds(config.principalCacheSeconds))
        switch VINDecoder.configured(makes: config.ownMakes, plants: config.ownPlants) {
        case .success(let decoder): self.vinDecoder = decoder
        case .failure(let problem): throw AppStartError("TORQUE_OWN_MAKES / TORQUE_OWN_PLANTS: \(problem.message)")
        }
    }
}

/// A reason `torque` cannot start, said plainly.
public struct AppStartError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
