import TorqueDomain
import TorqueStore

/// The demo's workshops (`serve --demo`): three bays, three technicians with different skills
/// and the manufacturer's labour operations, so proposals and the day have something to show.
/// Tests start without them.
struct DemoServiceLoader {
    let services: AppServices
    static let actor = Actor(userID: nil, label: "demo data")

    static let operations = [
        LabourOperationInput(code: "SRV-A", name: "Annual service (oil, filters, checks)", minutes: 90, skill: "engine", skillLevel: 1, bayCapability: "lift",
                             parts: [KitPart(partNumber: "TM-OF-1200", quantity: 1), KitPart(partNumber: "TM-AF-0100", quantity: 1), KitPart(partNumber: "SUP-OIL-5W30", quantity: 4)]),
        LabourOperationInput(code: "BRK-F", name: "Front brake pads and discs", minutes: 90, skill: "brakes", skillLevel: 2, bayCapability: "lift",
                             parts: [KitPart(partNumber: "TM-BP-F300", quantity: 1), KitPart(partNumber: "TM-BD-F320", quantity: 2)]),
        LabourOperationInput(code: "ALIGN", name: "Wheel alignment", minutes: 60, skill: "alignment", skillLevel: 1, bayCapability: "alignment"),
        LabourOperationInput(code: "TYRE-4", name: "Four tyres fitted and balanced", minutes: 45, skill: "tyres", skillLevel: 1, bayCapability: "lift"),
        LabourOperationInput(code: "EV-HV", name: "High-voltage battery check", minutes: 120, skill: "ev_high_voltage", skillLevel: 2, bayCapability: "ev_high_voltage",
                             parts: [KitPart(partNumber: "TM-HV-COOL", quantity: 1)]),
        LabourOperationInput(code: "DIAG", name: "Electronic diagnosis", minutes: 60, skill: "electrics", skillLevel: 2),
    ]

    func load(unitIDs: [String: Int]) async throws {
        if let oem = unitIDs["OEM"] {
            for op in Self.operations { _ = try await services.labourOperations.create(op, unitID: oem, scope: .everything, actor: Self.actor) }
        }
        let hours = "mon-fri 08:00-12:30; mon-fri 13:30-17:30; sat 08:00-12:00"
        for unit in DemoNetwork.units where unit.kind == .workshop {
            guard let id = unitIDs[unit.code] else { continue }
            for (name, caps) in [("Lift 1", ["lift"]), ("Lift 2 (EV)", ["lift", "ev_high_voltage"]), ("Alignment bay", ["lift", "alignment"])] {
                _ = try await services.workshops.addBay(workshopID: id, name: name, capabilities: caps, scope: .everything, actor: Self.actor)
            }
            for (name, skills) in [("Marco Gallo", ["engine": 3, "brakes": 2, "tyres": 2, "alignment": 2]),
                                   ("Elisa Ferrara", ["engine": 2, "electrics": 3, "ev_high_voltage": 2]),
                                   ("Paolo Riva", ["tyres": 3, "brakes": 1, "engine": 1])] {
                _ = try await services.workshops.addTechnician(workshopID: id, TechnicianInput(name: name, hours: hours, skills: skills), scope: .everything, actor: Self.actor)
            }
            // Kit parts short in stock are on order, so proposals show the wait for them.
            let kits = Self.operations.flatMap(\.parts)
            for (number, supply) in try await services.partOrders.supplies(unitID: id, partNumbers: kits.map(\.partNumber)) where supply.onHand < kits.filter({ $0.partNumber == number }).map(\.quantity).max() ?? 0 {
                guard let part = try await services.parts.list(scope: .everything, query: number, unitID: id, limit: 1).items.first else { continue }
                _ = try await services.partOrders.place(partID: part.id, quantity: 10, expectedOn: CalendarDay.adding(3, to: ContactFields.today(in: "Europe/Rome")),
                                                        reference: "Demo supplier order", scope: .everything, actor: Self.actor)
            }
        }
    }
}
