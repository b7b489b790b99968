import Foundation
import TorqueDomain
import TorqueStore

/// `torque demo --scale service`: generated workshops with technicians, bays and a year of
/// closed repair orders (the network figures benchmark), and the demo workshop W-MI1 grown to
/// 20 technicians and 10 bays with four weeks of bookings (the slot proposal benchmark).
/// Deterministic: workshop i and its orders are always the same.
public struct ScaledService {
    let services: AppServices
    public init(services: AppServices) { self.services = services }
    static let actor = Actor(userID: nil, label: "generated data")

    public func load(workshops: Int, lines: Int, progress: @escaping @Sendable (Int, Int) -> Void) async throws {
        try await growDemoWorkshop()
        let dealers = try await services.orgUnits.list(scope: .everything, filter: .init(kind: .dealer), limit: 10_000)
        guard !dealers.isEmpty else { throw AppStartError("the demo network has no dealers") }
        let cars = try await services.db.sql.raw("SELECT id FROM vehicles ORDER BY id LIMIT 5000").all().map { try $0.decode(column: "id", as: Int.self) }
        let ops = DemoServiceLoader.operations
        let today = Clock.today()
        // Three lines an order (two labour, one part), spread over the last 365 days.
        let ordersPerShop = max(1, lines / 3 / workshops)
        var written = 0
        for i in 0..<workshops {
            let shop = try await services.orgUnits.create(OrgUnitInput(parentId: dealers[i % dealers.count].id, kind: .workshop, code: String(format: "W-X%04d", i), name: "Generated Workshop \(i)",
                                                                      address: "", latitude: nil, longitude: nil, timeZone: "Europe/Rome", workingHours: "mon-fri 08:00-17:00"),
                                                          scope: .everything, actor: Self.actor).id
            var techs: [Int] = []
            for t in 0..<4 {
                techs.append(try await services.workshops.addTechnician(workshopID: shop, TechnicianInput(name: "Technician \(i)-\(t)", hours: "mon-fri 08:00-12:00; mon-fri 13:00-17:00",
                                                                                                   skills: ["engine": 3, "brakes": 2, "tyres": 2, "alignment": 2, "electrics": 2, "ev_high_voltage": 2]),
                                                                     scope: .everything, actor: Self.actor).id)
            }
            for b in 0..<3 { _ = try await services.workshops.addBay(workshopID: shop, name: "Bay \(b + 1)", capabilities: ["lift", "alignment", "ev_high_voltage"], scope: .everything, actor: Self.actor) }
            var orders: [SeedRepairOrder] = []
            for n in 0..<ordersPerShop {
                let k = i * 7_919 + n * 104_729
                let a = ops[k % ops.count], b = ops[(k / 7 + 1) % ops.count]
                let labour = [a, b].enumerated().map { j, op in
                    SeedRepairOrder.Labour(code: op.code, name: op.name, minutes: op.minutes, technicianId: techs[(n + j) % techs.count], clockedMinutes: op.minutes * (80 + k % 45) / 100)
                }
                orders.append(SeedRepairOrder(unitId: shop, vehicleId: cars.isEmpty ? nil : cars[(k / 3) % cars.count], day: CalendarDay.adding(-(n * 365 / ordersPerShop), to: today),
                                              labour: labour, parts: [("TM-OF-1200", "Oil filter 1.2 Turbo", 1, 1_450)]))
            }
            try await ServiceSeed(db: services.db).insert(orders)
            written += orders.count * 3
            progress(i + 1, written)
        }
        try await services.workshopKPIs.rebuildCounts()
        // Statistics for the planners; on PostgreSQL also the visibility map that lets the
        // figures be read from their indexes alone (autovacuum would do it later on its own).
        try await services.db.sql.raw(services.db.kind == .postgresql ? "VACUUM ANALYZE" : "ANALYZE").run()
    }

    /// W-MI1 with 20 technicians, 10 bays and four weeks of bookings: each bay holds two jobs a
    /// half-day (a technician in the morning, another in the afternoon) with an hour and a half
    /// free between them, so about 60 % of the time is booked and proposals fall in the gaps.
    func growDemoWorkshop() async throws {
        let units = try await services.orgUnits.list(scope: .everything, limit: 10_000)
        // The demo workshops' set-up and the catalog with its parts kits, as `serve --demo` has them.
        if try await services.labourOperations.usable(byUnit: units.first { $0.code == "OEM" }?.id ?? 0).isEmpty {
            try await DemoServiceLoader(services: services).load(unitIDs: Dictionary(units.map { ($0.code, $0.id) }, uniquingKeysWith: { a, _ in a }))
        }
        guard let shop = try await services.orgUnits.list(scope: .everything, filter: .init(kind: .workshop), limit: 10_000).first(where: { $0.code == "W-MI1" })?.id else { return }
        var bays = try await services.workshops.bays(workshopID: shop, scope: .everything).map(\.id)
        while bays.count < 10 {
            bays.append(try await services.workshops.addBay(workshopID: shop, name: "Bay \(bays.count + 1)", capabilities: ["lift", "alignment", "ev_high_voltage"], scope: .everything, actor: Self.actor).id)
        }
        var techs = try await services.workshops.technicians(workshopID: shop, scope: .everything).map(\.id)
        while techs.count < 20 {
            techs.append(try await services.workshops.addTechnician(workshopID: shop, TechnicianInput(name: "Technician \(techs.count + 1)", hours: "mon-sat 08:00-12:00; mon-sat 13:00-17:00",
                                                                                                   skills: ["engine": 3, "brakes": 2, "tyres": 2, "alignment": 2, "electrics": 2]),
                                                                     scope: .everything, actor: Self.actor).id)
        }
        var rows: [(unitId: Int, technicianId: Int, bayId: Int, startsAt: String, endsAt: String, minutes: Int, name: String)] = []
        let today = Clock.today()
        for d in 0..<28 {
            let day = CalendarDay.adding(d, to: today)
            for bay in 0..<10 {
                for (half, start) in [(0, 8 * 60), (1, 13 * 60)] {
                    let tech = techs[bay + half * 10]
                    rows.append((shop, tech, bays[bay], day + "T" + Self.clock(start), day + "T" + Self.clock(start + 90), 90, "Generated job"))
                    rows.append((shop, tech, bays[bay], day + "T" + Self.clock(start + 180), day + "T" + Self.clock(start + 240), 60, "Generated job"))
                }
            }
        }
        try await ServiceSeed(db: services.db).bookings(rows)
    }

    static func clock(_ minute: Int) -> String { String(format: "%02d:%02d", minute / 60, minute % 60) }
}
