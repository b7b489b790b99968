import Hummingbird
import TorqueDomain
import TorqueStore

/// The home page (the caller's work list) and each module's landing page.
struct HomeRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/", use: home)
        router.get("/admin", use: admin)
        // Modules that are built register their own pages; the rest show what they will hold.
        for module in AppModule.all where !["admin", "customers", "leads", "sales", "catalog", "stock", "service", "distribution", "production"].contains(module.key) {
            router.get(RouterPath(module.path)) { request, context in try self.module(module, request, context) }
        }
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.requirePrincipal()
        let perms = Set(p.permissions.compactMap(Permission.init(rawValue:)))
        let modules = AppModule.visible(to: perms).filter { $0.key != "admin" }
        let today = ContactFields.today(in: p.timeZone)
        let tasks: [WorkTask] = p.userID == nil ? [] : try await services.contacts.openTasks(userID: p.userID!, dueBy: today)
        // Today's bookings (test drives, appointments, calls) beside the tasks.
        var agenda: [[String: Any]] = []
        if let user = p.userID, p.can(.salesRead), let from = LocalTime.utc(day: today, time: "00:00", timeZone: p.timeZone),
           let to = LocalTime.utc(day: CalendarDay.adding(1, to: today), time: "00:00", timeZone: p.timeZone) {
            agenda = try await services.appointments.list(from: from, to: to, userID: user, scope: p.scope).filter { !$0.cancelled }.map { a in
                ["time": LocalTime.local(a.startsAt, timeZone: p.timeZone).time, "kind": a.kind.label, "title": a.title, "customer": a.customerName ?? "",
                 "customerId": a.customerId ?? 0] as [String: Any]
            }
        }
        let workshop = try await WorkshopKPIRoutes(services: services).homeBlock(principal: p)
        let distribution = try await DistributionHome(services: services).block(principal: p)
        return pages.render("home", title: "Today", data: [
            "distribution": distribution ?? false,
            "workshop": workshop ?? false,
            "agenda": agenda, "hasAgenda": !agenda.isEmpty,
            "name": p.name, "unit": p.orgUnitName, "hasTasks": !tasks.isEmpty,
            "tasks": tasks.map { t in
                var row: [String: Any] = ["id": t.id, "title": t.title, "dueOn": t.dueOn, "overdue": t.dueOn < today]
                if let l = t.leadId { row["link"] = "/leads/\(l)" } else if let c = t.customerId { row["link"] = "/customers/\(c)" } else if let link = t.link, link.hasPrefix("/") { row["link"] = link }
                return row
            },
            "modules": modules.map { ["title": $0.title, "path": $0.path, "purpose": $0.purpose] },
        ], context: context, request: request)
    }

    func module(_ m: AppModule, _ request: Request, _ context: AppRequestContext) throws -> Response {
        _ = try context.require(m.permission)
        return pages.render("module", title: m.title, data: ["title": m.title, "purpose": m.purpose], context: context, request: request)
    }

    @Sendable func admin(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(anyOf: [.usersRead, .orgWrite, .rolesWrite, .apiKeysWrite, .jobsAdmin])
        return pages.render("admin/index", title: "Admin", data: [
            "org": p.can(.orgRead), "users": p.can(.usersRead), "roles": p.can(.usersRead) || p.can(.rolesWrite), "apiKeys": p.can(.apiKeysWrite), "jobs": p.can(.jobsAdmin), "outbox": p.can(.jobsAdmin), "exports": p.can(.usersWrite),
        ], context: context, request: request)
    }
}
