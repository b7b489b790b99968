import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Where and how to deliver e-mail, parsed from `smtp://user:pass@host:port`.
public struct SMTPSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    /// PEM file of the CA that signed the server's certificate, when it is not a public one.
    public var caFile: String?

    public init?(url: String, caFile: String? = nil) {
        guard let c = URLComponents(string: url), c.scheme == "smtp", let host = c.host, !host.isEmpty else { return nil }
        self.host = host
        self.port = c.port ?? 25
        self.username = c.user?.removingPercentEncoding
        self.password = c.password?.removingPercentEncoding
        self.caFile = caFile
    }
}

/// A minimal SMTP client (RFC 5321) on SwiftNIO: EHLO, STARTTLS when offered, AUTH PLAIN,
/// one message per connection. Written by hand because no package in our mirror speaks SMTP.
public struct SMTPClient: Sendable {
    public let settings: SMTPSettings
    public init(settings: SMTPSettings) { self.settings = settings }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public func send(from: String, to: String, subject: String, body: String) async throws {
        let replies = SMTPReplyHandler()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .channelInitializer { $0.pipeline.addHandler(replies) }
            .connect(host: settings.host, port: settings.port).get()
        do {
            try await exchange(channel, replies, from: from, to: to, subject: subject, body: body)
            try? await channel.close()
        } catch {
            try? await channel.close()
            throw error
        }
    }

    func exchange(_ channel: any Channel, _ replies: SMTPReplyHandler, from: String, to: String, subject: String, body: String) async throws {
        func expect(_ codes: Set<Int>, after command: String?) async throws -> SMTPReply {
            let future = channel.eventLoop.flatSubmit { replies.next(on: channel.eventLoop) }
            if let command {
                try await channel.writeAndFlush(ByteBuffer(string: command + "\r\n")).get()
            }
            let reply = try await future.get()
            guard codes.contains(reply.code) else {
                let shown = command.map { $0.hasPrefix("AUTH") ? "AUTH" : $0 } ?? "greeting"
                throw Failure(description: "SMTP server answered \(reply.code) \(reply.lines.joined(separator: " ")) to \(shown)")
            }
            return reply
        }
        _ = try await expect([220], after: nil)
        var ehlo = try await expect([250], after: "EHLO torque.localhost")
        var encrypted = false
        if ehlo.lines.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) {
            _ = try await expect([220], after: "STARTTLS")
            var tlsConfig = TLSConfiguration.makeClientConfiguration()
            if let caFile = settings.caFile { tlsConfig.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile)) }
            let context = try NIOSSLContext(configuration: tlsConfig)
            // SNI takes names only; for an IP address NIOSSL checks the certificate against the address.
            let isIP = settings.host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" }
            let tls = try NIOSSLClientHandler(context: context, serverHostname: isIP ? nil : settings.host)
            try await channel.pipeline.addHandler(tls, position: .first).get()
            ehlo = try await expect([250], after: "EHLO torque.localhost")
            encrypted = true
        }
        if let user = settings.username {
            guard encrypted else { throw Failure(description: "the SMTP server does not offer STARTTLS; the password is not sent in clear") }
            let token = Data("\u{0}\(user)\u{0}\(settings.password ?? "")".utf8).base64EncodedString()
            _ = try await expect([235], after: "AUTH PLAIN \(token)")
        }
        _ = try await expect([250], after: "MAIL FROM:<\(from)>")
        _ = try await expect([250, 251], after: "RCPT TO:<\(to)>")
        _ = try await expect([354], after: "DATA")
        _ = try await expect([250], after: Self.render(from: from, to: to, subject: subject, body: body) + "\r\n.")
        _ = try? await expect([221], after: "QUIT")
    }

    /// Headers and body, with lines starting with "." doubled (dot-stuffing) and CRLF endings.
    static func render(from: String, to: String, subject: String, body: String, date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss +0000"
        let encodedSubject = subject.allSatisfy(\.isASCII) ? subject : "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        let headers = [
            "From: \(from)", "To: \(to)", "Subject: \(encodedSubject)", "Date: \(f.string(from: date))",
            "Message-ID: <\(UUID().uuidString)@torque>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
        ]
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }
        return (headers + [""] + lines).joined(separator: "\r\n")
    }
}

/// One reply of the server: a code and its text lines (multi-line replies joined).
struct SMTPReply: Sendable {
    var code: Int
    var lines: [String]
}

/// Splits the server's bytes into replies and hands them to whoever waits, in order.
/// Lives on the channel's event loop; every method is called there.
final class SMTPReplyHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private var text = ""
    private var lines: [String] = []
    private var ready: [SMTPReply] = []
    private var waiting: [EventLoopPromise<SMTPReply>] = []
    private var failure: (any Error)?

    func next(on loop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        if !ready.isEmpty { return loop.makeSucceededFuture(ready.removeFirst()) }
        if let failure { return loop.makeFailedFuture(failure) }
        let promise = loop.makePromise(of: SMTPReply.self)
        waiting.append(promise)
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        text += buffer.readString(length: buffer.readableBytes) ?? ""
        while let range = text.range(of: "\r\n") {
            let line = String(text[..<range.lowerBound])
            text.removeSubrange(..<range.upperBound)
            lines.append(String(line.dropFirst(4)))
            // "250-…" continues a reply, "250 …" ends it.
            if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" {
                deliver(SMTPReply(code: Int(line.prefix(3)) ?? 0, lines: lines))
                lines = []
            }
        }
    }

    private func deliver(_ reply: SMTPReply) {
        if waiting.isEmpty { ready.append(reply) } else { waiting.removeFirst().succeed(reply) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(SMTPClient.Failure(description: "the SMTP server closed the connection"))
    }

    private func failAll(_ error: any Error) {
        failure = error
        for p in waiting { p.fail(error) }
        waiting = []
    }
}

