import Foundation
import ArgumentParser
import Logging
import TorqueApp

/// `torque migrate`: bring the schema up to date and stop.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        try await withServices(db.configuration(), logger: Logger(label: "torque")) { services in
            print("The database is up to date (\(services.db.kind.rawValue)).")
        }
    }
}

/// `torque demo`: load the demo network into an empty database; `--scale oem` adds millions of
/// generated customers for benchmarks.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fill an empty database with the demo network and logins (--scale oem: plus millions of customers).")
    @OptionGroup var db: DatabaseOption

    enum Scale: String, ExpressibleByArgument { case network, oem, owners, stock, sales, service, production, distribution }
    @Option(help: "network (the demo network and logins), oem (plus generated customers and timelines, every fourth with a car), owners (cars for the customers of an earlier oem run), stock (plus generated dealers with vehicle stock), sales (plus generated opportunities in Region North) service (plus generated workshops with a year of repair orders) production (plus generated builds and QA inspections at the demo plant) or distribution (plus 20 hubs of new cars and one-car orders waiting for allocation).") var scale: Scale = .network
    @Option(help: "With --scale oem: how many customers to generate.") var customers = 2_000_000
    @Option(help: "With --scale oem: timeline items per customer.") var events = 5
    @Option(help: "With --scale stock: how many dealers to generate.") var dealers = 500
    @Option(help: "With --scale stock: vehicle units per generated dealer.") var units = 200
    @Option(help: "With --scale sales: how many opportunities to generate.") var opportunities = 200_000
    @Option(help: "With --scale service: how many workshops to generate.") var workshops = 500
    @Option(help: "With --scale service: repair-order lines to generate (three an order).") var lines = 5_000_000
    @Option(help: "With --scale production: QA inspections to generate (one per car built).") var inspections = 1_000_000
    @Option(help: "With --scale distribution: new cars to spread over the hubs.") var hubUnits = 100_000
    @Option(help: "With --scale distribution: one-car orders waiting for allocation.") var orders = 10_000

    func validate() throws {
        guard customers > 0, customers <= 50_000_000 else { throw ValidationError("--customers must be from 1 to 50000000") }
        guard (1...100).contains(events) else { throw ValidationError("--events must be from 1 to 100") }
        guard (1...5_000).contains(dealers) else { throw ValidationError("--dealers must be from 1 to 5000") }
        guard (1...2_000).contains(units) else { throw ValidationError("--units must be from 1 to 2000") }
        guard (1...5_000_000).contains(opportunities) else { throw ValidationError("--opportunities must be from 1 to 5000000") }
        guard (1...5_000).contains(workshops) else { throw ValidationError("--workshops must be from 1 to 5000") }
        guard (3...50_000_000).contains(lines) else { throw ValidationError("--lines must be from 3 to 50000000") }
        guard dealers * units <= 800_000 else { throw ValidationError("--dealers × --units must be at most 800000 (the VIN serials of generated units)") }
    }

    func run() async throws {
        try await withServices(db.configuration(), logger: Logger(label: "torque")) { try await generate($0) }
    }

    func generate(_ services: AppServices) async throws {
        // Generated data for benchmarks starts from the bare network: its numbering stays repeatable.
        let loaded = try await DemoLoader(services: services).loadIfEmpty(people: scale == .network)
        print(loaded ? "Demo network loaded. Every demo login has the password torque-demo."
                     : "The database already has a network; " + (scale == .network ? "nothing was changed." : "generated data is added to it."))
        if scale == .oem {
            let started = Date()
            let total = customers
            print("Generating \(total) customers with \(events) timeline items each…")
            try await ScaledDemo(services: services).load(customers: total, events: events) { done in
                if done % 100_000 == 0 || done == total {
                    let rate = Double(done) / max(Date().timeIntervalSince(started), 0.001)
                    print("  \(done) customers (\(Int(rate))/s)")
                }
            }
            print("Done in \(Int(Date().timeIntervalSince(started))) s.")
        }
        if scale == .oem || scale == .owners {
            print("Giving every fourth customer a car…")
            let added = try await ScaledDemo(services: services).loadOwnedVehicles { done in
                if done % 50_000 < 5_000 { print("  \(done) cars") }
            }
            print("\(added) cars added.")
        }
        if scale == .sales {
            let started = Date()
            let total = opportunities
            print("Generating \(total) opportunities in Region North…")
            try await ScaledSales(services: services).load(opportunities: total) { done in
                if done % 50_000 == 0 || done == total { print("  \(done) opportunities") }
            }
            print("Done in \(Int(Date().timeIntervalSince(started))) s.")
        }
        if scale == .distribution {
            let started = Date()
            print("Generating \(hubUnits) new cars over 20 hubs and \(orders) orders…")
            try await ScaledDistribution(services: services).load(hubUnits: hubUnits, orders: orders) { print("  " + $0) }
            print("Done in \(Int(Date().timeIntervalSince(started))) s.")
        }
        if scale == .production {
            let started = Date()
            let total = inspections
            print("Generating \(total) cars built and inspected at the demo plant over 120 days…")
            try await ScaledProduction(services: services).load(inspections: total) { done in
                if done % 100_000 == 0 || done == total { print("  \(done) inspections (\(Int(Double(done) / max(Date().timeIntervalSince(started), 0.001)))/s)") }
            }
            print("Done in \(Int(Date().timeIntervalSince(started))) s.")
        }
        if scale == .service {
            let started = Date()
            print("Generating \(workshops) workshops with \(lines) repair-order lines, and four weeks of bookings at W-MI1…")
            try await ScaledService(services: services).load(workshops: workshops, lines: lines) { done, written in
                if done % 25 == 0 || done == workshops {
                    print("  \(done) workshops, \(written) lines (\(Int(Double(written) / max(Date().timeIntervalSince(started), 0.001)))/s)")
                }
            }
            print("Done in \(Int(Date().timeIntervalSince(started))) s.")
        }
        if scale == .stock {
            let started = Date()
            let total = dealers
            print("Generating \(total) dealers with \(units) vehicles each…")
            try await ScaledStock(services: services).load(dealers: total, unitsPerDealer: units) { done in
                if done % 50 == 0 || done == total { print("  \(done) dealers") }
            }
            print("Done in \(Int(Date().timeIntervalSince(started))) s.")
        }
    }
}
