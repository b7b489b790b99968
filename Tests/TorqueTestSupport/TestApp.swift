import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import TorqueApp
import TorqueDomain
import TorqueStore

/// An application on a fresh database with the demo network, for HTTP tests in-process.
public struct TestApp {
    public let services: AppServices

    public static func make(on db: Database, demo: Bool = true, configure: (inout AppConfiguration) -> Void = { _ in }) async throws -> TestApp {
        var config = AppConfiguration()
        config.bcryptCost = 4
        // Export bundles of tests never land in the working copy.
        config.exportDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("torque-test-exports").path
        configure(&config)
        var logger = Logger(label: "torque.test")
        logger.logLevel = .error
        try await RoleStore(db: db).installBuiltIns()
        let services = try await AppServices(config: config, db: db, logger: logger)
        if demo { try await DemoLoader(services: services).loadIfEmpty() }
        return TestApp(services: services)
    }

    /// Runs `body` with an in-process client, once per database kind.
    public static func each(demo: Bool = true, configure: @escaping (inout AppConfiguration) -> Void = { _ in }, _ body: @escaping (TestClient, TestApp) async throws -> Void) async throws {
        try await TestDatabases.each { db in
            let app = try await TestApp.make(on: db, demo: demo, configure: configure)
            let application = Application(router: buildRouter(app.services), logger: app.services.logger)
            try await application.test(.router) { client in
                try await body(TestClient(client: client), app)
            }
        }
    }

    /// The id of a demo unit by code.
    public func unitID(_ code: String) async throws -> Int {
        try await services.orgUnits.findByCode(code)!.id
    }

    public func userID(_ login: String) async throws -> Int {
        try await services.users.byLogin(login)!.id
    }
}

/// A thin wrapper over the Hummingbird test client with the calls tests make all the time.
public struct TestClient: @unchecked Sendable {
    public let client: any TestClientProtocol
    public init(client: any TestClientProtocol) { self.client = client }

    public struct Reply: Sendable {
        public var status: HTTPResponse.Status
        public var headers: HTTPFields
        public var text: String
        public var bytes: [UInt8] = []
        public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:] }
        public var list: [[String: Any]] { json["data"] as? [[String: Any]] ?? [] }
        public var errorFields: [String: String] { ((json["error"] as? [String: Any])?["fields"] as? [String: String]) ?? [:] }
        public var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
        /// The value of a Set-Cookie header by cookie name.
        public func cookie(_ name: String) -> String? {
            headers[values: .setCookie].compactMap { line -> String? in
                let first = line.split(separator: ";")[0]
                let kv = first.split(separator: "=", maxSplits: 1)
                return kv.count == 2 && kv[0] == name ? String(kv[1]) : nil
            }.first
        }
    }

    public func request(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil, form: [(String, String)]? = nil, cookie: String? = nil,
                        rawBody: String? = nil, rawBytes: [UInt8]? = nil, contentType: String? = nil) async throws -> Reply {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let cookie { headers[.cookie] = cookie }
        var body: ByteBuffer?
        if let bytes = rawBytes ?? rawBody.map({ Array($0.utf8) }) {
            body = ByteBuffer(bytes: bytes)
            if let contentType { headers[.contentType] = contentType }
        }
        if let json { headers[.contentType] = "application/json"; body = ByteBuffer(string: json) }
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: form.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&"))
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { r in
            Reply(status: r.status, headers: r.headers, text: String(buffer: r.body), bytes: Array(buffer: r.body))
        }
    }

    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }

    /// Posts a signed-out form (login, forgotten password) the way a browser does: first the
    /// page, whose cookie and hidden `_csrf` field come back with the form.
    public func anonymousPost(_ uri: String, form: [(String, String)]) async throws -> Reply {
        let page = try await request(.get, "/login")
        guard let cookie = page.cookie("torque_csrf"), let token = Self.csrf(in: page.text) else { throw TestError("no signed-out CSRF token on /login") }
        return try await request(.post, uri, form: [("_csrf", token)] + form, cookie: "torque_csrf=\(cookie)")
    }

    /// A bearer token for a demo login.
    public func token(_ login: String, password: String = DemoNetwork.password) async throws -> String {
        let r = try await request(.post, "/api/v1/auth/token", json: #"{"username":"\#(login)","password":"\#(password)"}"#)
        guard let t = r.json["token"] as? String else { throw TestError("no token for \(login): \(r.status) \(r.text)") }
        return t
    }

    /// A browser session: the cookie header to send and the CSRF token of its forms.
    public struct Session: Sendable { public var cookie: String; public var csrf: String }

    public func session(_ login: String, password: String = DemoNetwork.password) async throws -> Session {
        let r = try await anonymousPost("/login", form: [("login", login), ("password", password), ("next", "/")])
        guard r.status == .seeOther, let value = r.cookie("torque_session") else { throw TestError("login failed for \(login): \(r.status)") }
        let cookie = "torque_session=\(value)"
        let page = try await request(.get, "/account/password", cookie: cookie)
        guard let csrf = Self.csrf(in: page.text) else { throw TestError("no CSRF token on page") }
        return Session(cookie: cookie, csrf: csrf)
    }

    public static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}

public struct TestError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
