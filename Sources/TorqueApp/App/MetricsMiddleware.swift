import Foundation
import Hummingbird
import Prometheus

/// Request counts and latency histograms per route, into the app's own Prometheus registry
/// (not the global MetricsSystem, which can be bootstrapped only once per process).
struct RouteMetricsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let registry: PrometheusCollectorRegistry
    let cache = MetricHandles()

    static let buckets: [Duration] = [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var status = "500"
        defer {
            let route = context.endpointPath ?? "unmatched"
            let method = request.method.rawValue
            cache.counter(method, route, status) {
                registry.makeCounter(descriptor: .init(metricName: "http_requests_total", helpText: "HTTP requests by route, method and status"), labels: [("method", method), ("route", route), ("status", status)])
            }.increment()
            cache.histogram(method, route) {
                registry.makeDurationHistogram(descriptor: .init(metricName: "http_request_duration_seconds", helpText: "HTTP request latency by route"), labels: [("method", method), ("route", route)], buckets: Self.buckets)
            }.record(ContinuousClock.now - start)
        }
        let response = try await next(request, context)
        status = String(response.status.code)
        return response
    }
}

/// The registry's metric objects by label values, so the hot path is one dictionary lookup
/// instead of the registry's label validation on every request.
final class MetricHandles: @unchecked Sendable {
    private let lock = NSLock()
    private var counters: [String: Counter] = [:]
    private var histograms: [String: DurationHistogram] = [:]

    func counter(_ method: String, _ route: String, _ status: String, make: () -> Counter) -> Counter {
        let key = method + " " + route + " " + status
        lock.lock(); defer { lock.unlock() }
        if let c = counters[key] { return c }
        let c = make()
        counters[key] = c
        return c
    }

    func histogram(_ method: String, _ route: String, make: () -> DurationHistogram) -> DurationHistogram {
        let key = method + " " + route
        lock.lock(); defer { lock.unlock() }
        if let h = histograms[key] { return h }
        let h = make()
        histograms[key] = h
        return h
    }
}
