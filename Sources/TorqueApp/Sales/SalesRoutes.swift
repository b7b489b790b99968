import Hummingbird
import TorqueDomain

/// `/sales`: the sales module's landing page, listing the tools built so far.
struct SalesRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/sales", use: index)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        return pages.render("sales/index", title: "Sales", data: ["configure": p.can(.catalogRead), "canSetRules": p.can(.quotesApprove)], context: context, request: request)
    }
}
