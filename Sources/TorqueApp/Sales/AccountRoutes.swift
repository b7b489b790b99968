import Hummingbird
import TorqueDomain
import TorqueStore

/// Company accounts in the browser (SALES-5, QUOTE-5): the list, an account with its contacts
/// and quotes, an instant quote from a ready-made offer, and saving a quote as such an offer.
struct AccountRoutes {
    let services: AppServices
    var pages: PageRenderer { PageRenderer(services: services) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/sales/accounts", use: list)
        router.post("/sales/accounts", use: create)
        router.get("/sales/accounts/:id", use: show)
        router.post("/sales/accounts/:id/contacts", use: addContact)
        router.post("/sales/accounts/:id/instant", use: instant)
        router.post("/sales/quotes/:id/template", use: saveTemplate)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let (limit, after) = try request.pagination()
        let q = request.query("q") ?? ""
        let page = try await services.accounts.list(q: q, scope: p.scope, limit: limit, afterID: after)
        return pages.render("sales/accounts", title: "Fleet accounts", data: [
            "q": q, "rows": page.items.map { a in
                ["id": a.customerId, "name": a.name, "industry": a.industry, "fleet": a.fleetSize, "contacts": a.contacts.map(\.name).joined(separator: ", ")] as [String: Any]
            },
            "hasRows": !page.items.isEmpty, "next": page.nextCursor.map { "/sales/accounts?q=\(q)&cursor=\($0)" } ?? "",
        ], context: context, request: request)
    }

    /// From a company's page: make it an account; a mistake goes back there with the reason.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let form = try await FormData.read(request, context: context)
        var errors = ValidationErrors()
        var f = AccountAPI.AccountFields()
        f.customerId = FormValue.int(form["customer_id"], field: "customer_id", into: &errors)
        f.industry = form["industry"]
        f.fleetSize = FormValue.int(form["fleet_size"], field: "fleet_size", into: &errors)
        f.paymentTermsDays = FormValue.int(form["payment_terms_days"], field: "payment_terms_days", into: &errors)
        do {
            guard errors.isEmpty else { throw AppError.invalid(errors) }
            let a = try await AccountAPI(services: services).open(f, principal: p)
            return PageRenderer.redirect(to: "/sales/accounts/\(a.customerId)", flash: "\(a.name) is now a fleet account.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            let message = AppError.from(e)!.fields.sorted { $0.key < $1.key }.map { "\($0.key.replacingOccurrences(of: "_", with: " ")) \($0.value)" }.joined(separator: "; ")
            // back to the company's page with the form open and what was typed in it
            let typed = ["industry", "fleet_size", "payment_terms_days"].map { key in "&\(key)=" + (form[key] ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }.joined()
            return PageRenderer.redirect(to: f.customerId.map { "/customers/\($0)?account_form=1\(typed)#account-form" } ?? "/sales/accounts", flash: "Not made an account: \(message).")
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesRead)
        let a = try await services.accounts.get(try context.id(), scope: p.scope)
        return try await page(a, contactErrors: [:], instantErrors: [:], typed: [:], principal: p, request: request, context: context)
    }

    func page(_ a: Account, contactErrors: [String: String], instantErrors: [String: String], typed: [String: String], principal p: Principal,
              request: Request, context: AppRequestContext) async throws -> Response {
        let quotes = try await services.quotes.list(QuoteFilter(customerID: a.customerId), scope: p.scope, limit: 20).items
        let templates = try await services.quoteTemplates.usable(byUnit: p.orgUnitID)
        let settings = try await services.quoteSettings.settings(forUnit: a.orgUnitId)
        let today = ContactFields.today(in: p.timeZone)
        let chosen = typed["template_id"] ?? ""
        return pages.render("sales/account", title: a.name, data: [
            "a": ["id": a.customerId, "name": a.name, "industry": a.industry, "fleet": a.fleetSize, "terms": a.paymentTermsDays],
            "contacts": a.contacts.map { ["id": $0.customerId, "name": $0.name, "role": $0.role, "phone": $0.phone ?? "", "email": $0.email ?? ""] as [String: Any] },
            "hasContacts": !a.contacts.isEmpty,
            "quotes": quotes.map { q in
                ["id": q.id, "number": q.number, "title": q.title, "total": QuoteView.amount(q.current.totals.totalMinor, q.currency), "tag": QuoteView.statusTag(q, today: today)] as [String: Any]
            }, "hasQuotes": !quotes.isEmpty,
            "templates": [["value": "", "label": "Choose an offer…", "selected": chosen.isEmpty]] + templates.map { t in
                ["value": String(t.id), "label": t.name + (t.finance.map { " · \($0.kind == .lease ? "lease" : "loan") \($0.termMonths) months" } ?? ""),
                 "selected": String(t.id) == chosen] as [String: Any]
            },
            "hasTemplates": !templates.isEmpty,
            "tiers": settings.fleetTiers.map { "\($0.minQuantity)+ cars: \($0.discount.percentText) %" }.joined(separator: " · "),
            "canWrite": p.can(.salesWrite), "contactErrors": contactErrors, "instantErrors": instantErrors, "t": typed,
            "hasErrors": !contactErrors.isEmpty || !instantErrors.isEmpty,
        ], context: context, request: request, status: contactErrors.isEmpty && instantErrors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func addContact(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let a = try await services.accounts.get(try context.id(), scope: p.scope)
        let form = try await FormData.read(request, context: context)
        let typed = ["person": form["person"] ?? "", "role": form["role"] ?? ""]
        // The person as the counter knows them: the customer number (C-10042) or the id.
        let text = typed["person"]!.trimmed
        guard let person = CustomerNumber.parse(text) ?? Int(text) else {
            return try await page(a, contactErrors: ["person": "must be a customer number like C-10042"], instantErrors: [:], typed: typed, principal: p, request: request, context: context)
        }
        do {
            let after = try await services.accounts.addContact(accountID: a.customerId, personID: person, role: typed["role"]!, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/sales/accounts/\(after.customerId)", flash: "Contact added.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            var errors: [String: String] = [:]
            for (k, v) in AppError.from(e)!.fields { errors[k == "customer_id" ? "person" : k] = v }
            return try await page(a, contactErrors: errors, instantErrors: [:], typed: typed, principal: p, request: request, context: context)
        }
    }

    @Sendable func instant(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.salesWrite)
        let a = try await services.accounts.get(try context.id(), scope: p.scope)
        let form = try await FormData.read(request, context: context)
        let typed = ["template_id": form["template_id"] ?? "", "quantity": form["quantity"] ?? ""]
        var errors = ValidationErrors()
        var f = AccountAPI.InstantFields()
        f.templateId = FormValue.int(form["template_id"], field: "template_id", into: &errors)
        f.quantity = FormValue.int(form["quantity"], field: "quantity", into: &errors)
        f.customerId = a.customerId
        do {
            guard errors.isEmpty else { throw AppError.invalid(errors) }
            let q = try await AccountAPI(services: services).instantQuote(f, principal: p)
            return PageRenderer.redirect(to: "/sales/quotes/\(q.id)", flash: QuoteRoutes.savedMessage(q))
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            return try await page(a, contactErrors: [:], instantErrors: AppError.from(e)!.fields, typed: typed, principal: p, request: request, context: context)
        }
    }

    /// A manager keeps a quote's current version as a ready-made offer (per car).
    @Sendable func saveTemplate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let p = try context.require(.quotesApprove)
        let q = try await services.quotes.get(try context.id(), scope: p.scope)
        let form = try await FormData.read(request, context: context)
        let v = q.current
        let cars = max(1, FleetPricing.vehicles(v.lines))
        // Stored per car: a fleet quote's lines and amounts divided back by its number of cars.
        let perCar = v.lines.map { l -> QuoteLine in var x = l; if cars > 1, l.quantity % cars == 0 { x.quantity = l.quantity / cars }; return x }
        var content = QuoteContent(lines: perCar, discount: v.discountPercent.map(QuoteDiscount.percent) ?? .none, note: v.note)
        if var f = v.finance {
            f.monthlyPaymentMinor = 0
            if cars > 1 { f.downPaymentMinor /= cars; f.balloonMinor /= cars; f.residualMinor /= cars }
            content.finance = f
        }
        do {
            let t = try await services.quoteTemplates.create(name: form["name"] ?? "", content: content, unitID: q.orgUnitId, scope: p.scope, actor: p.actor)
            return PageRenderer.redirect(to: "/sales/quotes/\(q.id)", flash: "Saved as the offer “\(t.name)”: any fleet account can get it in one step.")
        } catch let e where AppError.from(e).map({ !$0.fields.isEmpty }) ?? false {
            let message = AppError.from(e)!.fields.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "; ")
            return PageRenderer.redirect(to: "/sales/quotes/\(q.id)", flash: "Not saved as an offer: \(message).")
        }
    }
}
