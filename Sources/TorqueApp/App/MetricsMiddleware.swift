import Foundation
import Hummingbird
import Prometheus

/// Request counts and latency histograms per route, into the app's own Prometheus registry
/// (not the global MetricsSystem, which can be bootstrapped only once per process).
struct RouteMetricsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let registry: PrometheusCollectorRegistry

    static let buckets: [Duration] = [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var status = "500"
        defer {
            let route = context.endpointPath ?? "unmatched"
            let labels = [("method", request.method.rawValue), ("route", route)]
            registry.makeCounter(descriptor: .init(metricName: "http_requests_total", helpText: "HTTP requests by route, method and status"), labels: labels + [("status", status)]).increment()
            registry.makeDurationHistogram(descriptor: .init(metricName: "http_request_duration_seconds", helpText: "HTTP request latency by route"), labels: labels, buckets: Self.buckets).record(ContinuousClock.now - start)
        }
        let response = try await next(request, context)
        status = String(response.status.code)
        return response
    }
}
