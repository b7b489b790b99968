import Hummingbird
import NIOCore
import TorqueStore

/// Per-request state: who is calling and from where.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    /// True when the principal came from the browser session cookie (CSRF applies).
    public var viaSession = false
    /// The caller's address: the peer, or the proxy's X-Forwarded-For entry when that is trusted.
    public var clientIP: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientIP = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    public var maxUploadSize: Int { 1 * 1024 * 1024 }

    /// The caller, or 401 when nobody is signed in.
    public func requirePrincipal() throws -> Principal {
        guard let principal else { throw AppError.unauthenticated }
        return principal
    }
}
