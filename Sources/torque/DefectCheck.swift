import Foundation
import ArgumentParser
import Logging
import TorqueApp

/// `torque defect-check`: runs the recurring-defect check (PROD-2) now, as the hourly job
/// does, and says what it found and how long it took (for cron, and the benchmark).
struct DefectCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "defect-check", abstract: "Run the recurring-defect check now and list the alerts it opened or updated.")
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        try await withServices(db.configuration(), logger: Logger(label: "torque")) { services in
            let started = Date()
            let alerts = try await services.defectAlerts.evaluate()
            let ms = Int(Date().timeIntervalSince(started) * 1000)
            for a in alerts { print("\(a.code) on \(a.modelTitle ?? "model \(a.modelId)") at \(a.plantName ?? "plant \(a.orgUnitId)"): \(a.reason)") }
            print("\(alerts.count) alert(s) open or updated; the check took \(ms) ms.")
        }
    }
}
