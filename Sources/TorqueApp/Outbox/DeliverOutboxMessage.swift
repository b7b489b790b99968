import Foundation
import TorqueStore

/// Delivers one outbox message. Without TORQUE_SMTP_URL the message is kept, readable on the outbox page.
struct DeliverOutboxMessage: JobHandler {
    var kind: String { OutboxStore.deliverJob }

    struct Payload: Decodable { var message_id: Int }

    func run(_ job: Job, services: AppServices) async throws {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        let message = try await services.outbox.get(payload.message_id, scope: .everything)
        if message.state == "sent" || message.state == "stored" { return }  // already done: idempotent
        guard message.channel == "email" else {
            // No SMS gateway ships with Torque: the text is kept, readable on the outbox page,
            // like e-mail without TORQUE_SMTP_URL, for a gateway or a person to send.
            try await services.outbox.mark(message.id, state: "stored", error: "no \(message.channel.uppercased()) gateway is configured: kept here")
            return
        }
        guard let url = services.config.smtpURL, let settings = SMTPSettings(url: url, caFile: services.config.smtpCAFile) else {
            try await services.outbox.mark(message.id, state: "stored", error: nil)
            return
        }
        do {
            try await SMTPClient(settings: settings).send(from: services.config.mailFrom, to: message.recipient, subject: message.subject, body: message.body)
            try await services.outbox.mark(message.id, state: "sent")
        } catch {
            let last = job.attempts >= job.maxAttempts
            try await services.outbox.mark(message.id, state: last ? "failed" : "retrying", error: String(describing: error))
            throw error
        }
    }
}
