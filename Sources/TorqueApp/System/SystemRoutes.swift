import Foundation
import Hummingbird
import TorqueStore

/// `/health`, `/metrics`, `/openapi.json` and the static files.
struct SystemRoutes {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/health", use: health)
        router.get("/metrics", use: metrics)
        router.get("/openapi.json", use: openAPI)
        router.get("/static/:file", use: staticFile)
    }

    struct Health: Encodable { var status: String; var database: String }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        let ok = await services.db.isReachable()
        return try APIResponse.json(Health(status: ok ? "ok" : "unavailable", database: services.db.kind.rawValue), status: ok ? .ok : .serviceUnavailable)
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        var buffer: [UInt8] = []
        services.metrics.emit(into: &buffer)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
    }

    static let openAPIDocument: Data? = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Static").flatMap { try? Data(contentsOf: $0) }

    @Sendable func openAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let data = Self.openAPIDocument else { throw AppError.notFound }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static let staticTypes = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml", "json": "application/json"]

    @Sendable func staticFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let name = context.parameters.get("file"), !name.contains(".."), !name.contains("/"),
              let ext = name.split(separator: ".").last.map(String.init), let type = Self.staticTypes[ext],
              let url = Bundle.module.url(forResource: String(name.dropLast(ext.count + 1)), withExtension: ext, subdirectory: "Static"),
              let data = try? Data(contentsOf: url) else { throw AppError.notFound }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
