// swift-tools-version:6.1
import class Foundation.ProcessInfo
import PackageDescription

// Swift 5 language mode: the SQLKit/NIO types we use are not all Sendable-annotated,
// and strict checking would cost more than it catches here (see docs/decisions/0001).
let settings: [SwiftSetting] = [.swiftLanguageMode(.v5)]

let package = Package(
    name: "torque",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "torque", targets: ["torque"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.0"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "TorqueDomain",
            dependencies: [],
            swiftSettings: settings
        ),
        .target(
            name: "TorqueStore",
            dependencies: [
                "TorqueDomain",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "TorqueApp",
            dependencies: [
                "TorqueDomain",
                "TorqueStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdRouter", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources/Templates"), .copy("Resources/Static")],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "torque",
            dependencies: [
                "TorqueApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "torque-bench-hello",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "bench/Hello",
            swiftSettings: settings
        ),
        .target(
            name: "TorqueTestSupport",
            dependencies: [
                "TorqueApp", "TorqueStore", "TorqueDomain",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/TorqueTestSupport",
            swiftSettings: settings
        ),
        .testTarget(name: "TorqueDomainTests", dependencies: ["TorqueDomain"], swiftSettings: settings),
        .testTarget(name: "TorqueStoreTests", dependencies: ["TorqueStore", "TorqueTestSupport"], swiftSettings: settings),
        .testTarget(
            name: "TorqueAppTests",
            dependencies: [
                "TorqueApp", "TorqueTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: settings
        ),
    ]
)

// The domain benchmarks (bench/Benchmarks) use ordo-one/benchmark; it is only resolved and built
// when asked for, so tests and CI do not pay for it:
//   TORQUE_BENCHMARKS=1 swift package --scratch-path .build-bench benchmark
if ProcessInfo.processInfo.environment["TORQUE_BENCHMARKS"] != nil {
    package.dependencies.append(.package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]))
    package.targets.append(.executableTarget(
        name: "CatalogRules",
        dependencies: ["TorqueDomain", .product(name: "Benchmark", package: "benchmark")],
        path: "bench/Benchmarks/CatalogRules",
        swiftSettings: settings,
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ))
    package.targets.append(.executableTarget(
        name: "Finance",
        dependencies: ["TorqueDomain", .product(name: "Benchmark", package: "benchmark")],
        path: "bench/Benchmarks/Finance",
        swiftSettings: settings,
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ))
    package.targets.append(.executableTarget(
        name: "Allocation",
        dependencies: ["TorqueDomain", .product(name: "Benchmark", package: "benchmark")],
        path: "bench/Benchmarks/Allocation",
        swiftSettings: settings,
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ))
    package.targets.append(.executableTarget(
        name: "Scheduler",
        dependencies: ["TorqueDomain", .product(name: "Benchmark", package: "benchmark")],
        path: "bench/Benchmarks/Scheduler",
        swiftSettings: settings,
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ))
}
