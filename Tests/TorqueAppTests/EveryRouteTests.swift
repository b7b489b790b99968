import Hummingbird
import TorqueApp
import TorqueTestSupport
import XCTest

/// Walks every registered route: anonymous callers are sent to sign in (401 under /api), and a
/// role without the needed permission (technician) gets 403 everywhere but its own pages.
final class EveryRouteTests: XCTestCase {
    /// Open to everyone, or to every signed-in person (their own account and module pages).
    static let publicRoutes: Set<String> = [
        "GET /health", "GET /metrics", "GET /openapi.json", "GET /static/{file}", "GET /login", "POST /login", "POST /logout",
        "GET /password/forgot", "POST /password/forgot", "GET /password/reset", "POST /password/reset", "POST /api/v1/auth/token", "POST /api/v1/public/leads/{key}", "OPTIONS /api/v1/public/leads/{key}", "GET /c/{token}",
        "GET /api/v1/users/{id}/calendar.ics",
    ]
    static let anySignedIn: Set<String> = ["GET /", "GET /account/password", "POST /account/password", "GET /api/v1/me", "DELETE /api/v1/auth/token",
                                              "GET /api/v1/tasks", "POST /api/v1/tasks/{id}/done", "POST /tasks/{id}/done"]
    /// Module pages a technician's role opens.
    static let technicianModules: Set<String> = ["GET /customers", "GET /stock", "GET /service", "GET /admin/units/{id}", "GET /api/v1/org-units", "GET /api/v1/org-units/{id}", "GET /admin/units", "GET /api/v1/customers", "GET /api/v1/customers/{id}", "GET /customers/{id}", "GET /api/v1/customers/{id}/contacts", "GET /api/v1/customers/{id}/timeline", "GET /api/v1/customers/{id}/profile", "GET /api/v1/customers/{id}/vcard",
        // catalog.read and stock.read: the catalog, the configurator (without saving), the VIN check, stock and parts
        "GET /catalog", "GET /catalog/models/{id}", "GET /catalog/price-lists/{id}", "GET /configure", "GET /configure/{id}", "GET /configurations/{id}", "GET /vin",
        "GET /api/v1/catalog/models", "GET /api/v1/catalog/models/{id}", "GET /api/v1/catalog/models/{id}/rules", "GET /api/v1/catalog/price-lists", "GET /api/v1/catalog/price-lists/{id}",
        "POST /api/v1/configurations/validate", "GET /api/v1/configurations", "GET /api/v1/configurations/{id}", "GET /api/v1/vins/{vin}",
        "GET /stock/vehicles/{id}", "GET /stock/network", "GET /stock/match", "POST /stock/views", "POST /stock/views/{id}/delete", "GET /stock/parts", "GET /stock/parts/{id}",
        "GET /api/v1/vehicles", "GET /api/v1/vehicles/match", "GET /api/v1/vehicles/{id}", "GET /api/v1/stock/network", "GET /api/v1/parts", "GET /api/v1/parts/summary", "GET /api/v1/parts/{id}", "GET /api/v1/parts/{id}/movements",
        // service.read: the workshop's set-up, catalog, proposals and bookings
        "GET /api/v1/workshops", "GET /api/v1/workshops/{id}/bays", "GET /api/v1/technicians", "GET /api/v1/technicians/{id}", "GET /api/v1/labour-operations",
        "GET /api/v1/service/slots", "GET /api/v1/service/appointments", "GET /api/v1/service/appointments/{id}", "GET /api/v1/workshops/{id}/settings",
        "GET /api/v1/parts/{id}/orders", "GET /api/v1/part-orders/{id}",
        // service.work: repair orders, their lines and the technician's clock
        "GET /api/v1/repair-orders", "GET /api/v1/repair-orders/{id}", "POST /api/v1/repair-orders/{id}/lines", "POST /api/v1/repair-orders/{id}/clock",
        "GET /service/repair-orders", "GET /service/repair-orders/{id}", "POST /service/repair-orders/{id}/lines", "POST /service/repair-orders/{id}/clock",
        "GET /api/v1/maintenance-plans", "GET /service/agenda",
        "GET /api/v1/repair-orders/{id}/files", "POST /api/v1/repair-orders/{id}/files", "GET /api/v1/repair-orders/{id}/files/{file}",
        "PATCH /api/v1/repair-orders/{id}", "POST /service/repair-orders/{id}/notes"]

    func testEveryRouteAsksForSignInAndPermission() async throws {
        try await TestApp.each { client, app in
            let routes = buildRouter(app.services).routes.map { (method: $0.method, path: "\($0.path)") }
            XCTAssertGreaterThan(routes.count, 50)
            let token = try await client.token("tech1")
            let session = try await client.session("tech1")
            for route in routes {
                let name = "\(route.method.rawValue) \(route.path)"
                let uri = route.path.replacingOccurrences(of: "{id}", with: "1").replacingOccurrences(of: "{file}", with: "app.css")
                let isAPI = uri.hasPrefix("/api/")
                let body: String? = route.method == .get || route.method == .delete ? nil : "{}"
                let form: [(String, String)]? = route.method == .post ? [("_csrf", session.csrf)] : nil
                if Self.publicRoutes.contains(name) { continue }
                // anonymous
                let anon = isAPI ? try await client.request(route.method, uri, json: body)
                    : route.method == .post ? try await client.anonymousPost(uri, form: []) : try await client.request(route.method, uri)
                if isAPI { XCTAssertEqual(anon.status, .unauthorized, "anonymous \(name)") } else {
                    XCTAssertEqual(anon.status, .seeOther, "anonymous \(name)")
                    XCTAssertTrue(anon.headers[.location]?.hasPrefix("/login") ?? false, "anonymous \(name)")
                }
                if Self.anySignedIn.contains(name) || Self.technicianModules.contains(name) { continue }
                // signed in without the permission
                let r = isAPI ? try await client.request(route.method, uri, token: token, json: body) : try await client.request(route.method, uri, form: form, cookie: session.cookie)
                XCTAssertEqual(r.status, .forbidden, "technician on \(name)")
            }
        }
    }
}
