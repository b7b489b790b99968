import Foundation
import Logging

/// Everything `torque serve` can be told, from flags and environment, with defaults.
public struct AppConfiguration: Sendable {
    public var hostname = "127.0.0.1"
    public var port = 8080
    /// `postgres://…` or a SQLite file path.
    public var database = "torque.sqlite"
    public var loadDemo = false
    /// bcrypt cost; tests lower it to keep suites quick.
    public var bcryptCost: UInt8 = 11
    public var smtpURL: String?
    /// CA certificate (PEM) to trust for the SMTP server's STARTTLS certificate.
    public var smtpCAFile: String?
    public var mailFrom = "torque@localhost"
    public var publicURL: String?
    public var runWorker = true
    /// Take the client address from X-Forwarded-For (only behind a proxy that sets it).
    public var trustForwardedFor = false
    public var sessionLifetime: TimeInterval = 12 * 3600
    public var tokenLifetime: TimeInterval = 30 * 24 * 3600
    /// Failed sign-ins allowed per login (and per address ×4) in `failureWindow` before 429.
    public var maxFailedLogins = 5
    public var failureWindow: TimeInterval = 15 * 60
    public var logLevel: Logger.Level = .info
    /// How long a bearer token or API key lookup is reused (0 turns the cache off).
    public var principalCacheSeconds = 5
    /// Where export-all bundles are written (shared storage when several servers run).
    public var exportDirectory = "torque-exports"
    /// The installation's own makes (VINs always carry a check digit) and plants, for decoding.
    public var ownMakes = "ZTM=Torque Motors"
    public var ownPlants = "T=Torino Assembly Plant"

    public init() {}

    /// Defaults overridden by TORQUE_* environment variables.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> AppConfiguration {
        var c = AppConfiguration()
        if let v = env["TORQUE_DATABASE_URL"], !v.isEmpty { c.database = v }
        if let v = env["TORQUE_SMTP_URL"], !v.isEmpty { c.smtpURL = v }
        if let v = env["TORQUE_SMTP_CA_FILE"], !v.isEmpty { c.smtpCAFile = v }
        if let v = env["TORQUE_MAIL_FROM"], !v.isEmpty { c.mailFrom = v }
        if let v = env["TORQUE_PUBLIC_URL"], !v.isEmpty { c.publicURL = v }
        if let v = env["TORQUE_TRUST_FORWARDED_FOR"] { c.trustForwardedFor = ["1", "true", "yes"].contains(v.lowercased()) }
        if let v = env["TORQUE_EXPORT_DIR"], !v.isEmpty { c.exportDirectory = v }
        if let v = env["TORQUE_LOG_LEVEL"], let l = Logger.Level(rawValue: v) { c.logLevel = l }
        if let v = env["TORQUE_OWN_MAKES"] { c.ownMakes = v }
        if let v = env["TORQUE_OWN_PLANTS"] { c.ownPlants = v }
        return c
    }

    var baseURL: String { publicURL ?? "http://\(hostname):\(port)" }
}
