import Foundation
import Hummingbird
import Mustache
import TorqueDomain
import TorqueStore

/// Renders a template inside the one layout, with navigation for the caller's role.
struct PageRenderer {
    let services: AppServices

    func render(_ template: String, title: String, data: [String: Any] = [:], context: AppRequestContext, request: Request, status: HTTPResponse.Status = .ok) -> Response {
        var data = data
        let principal = context.principal
        // Signed-out pages get a double-submit token (see AuthMiddleware.checkAnonymousCSRF).
        let anonymousToken = principal == nil ? (request.cookies[AuthMiddleware.anonymousCSRFCookie]?.value ?? Secrets.token()) : nil
        data["csrf"] = principal?.csrfToken ?? anonymousToken ?? ""
        let content = services.templates.render(TemplateValues.prepare(data), withTemplate: template) ?? "<p>Missing template \(template).</p>"
        var layout: [String: Any] = ["title": title, "content": content, "signedIn": principal != nil]
        // A page may ask to reload itself (progress) or for static scripts (uploads, drag).
        if let seconds = data["refresh"] { layout["refresh"] = seconds }
        if let script = data["script"] as? String { layout["scripts"] = [script] }
        if let scripts = data["scripts"] as? [String] { layout["scripts"] = scripts }
        if let p = principal {
            let permissions = Set(p.permissions.compactMap(Permission.init(rawValue:)))
            let current = request.uri.path
            layout["user"] = ["name": p.name, "login": p.login, "unit": p.orgUnitName]
            layout["nav"] = AppModule.visible(to: permissions).map { m in
                ["title": m.title, "path": m.path, "current": current.hasPrefix(m.path)] as [String: Any]
            }
            layout["csrf"] = p.csrfToken ?? ""
            layout["canSearch"] = p.can(.customersRead)
        }
        if let flash = request.cookies["torque_flash"]?.value.removingPercentEncoding, !flash.isEmpty {
            layout["flash"] = flash
        }
        let html = services.templates.render(layout, withTemplate: "layout") ?? content
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        if let anonymousToken, request.cookies[AuthMiddleware.anonymousCSRFCookie] == nil {
            response.setCookie(Cookie(name: AuthMiddleware.anonymousCSRFCookie, value: anonymousToken, path: "/", httpOnly: true, sameSite: .lax))
        }
        if request.cookies["torque_flash"] != nil {
            response.setCookie(Cookie(name: "torque_flash", value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// POST-redirect-GET with a one-time message shown on the next page.
    static func redirect(to location: String, flash: String? = nil) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        if let flash, let value = flash.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
            response.setCookie(Cookie(name: "torque_flash", value: value, maxAge: 60, path: "/", httpOnly: true, sameSite: .lax))
        }
        return response
    }
}
