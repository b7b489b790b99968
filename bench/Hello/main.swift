import Hummingbird

// The baseline for bench/http.sh: the smallest Hummingbird app, built like torque (same
// package, same flags), so the ratio measures what Torque adds per request.
let router = Router()
router.get("/hello") { _, _ in "Hello, world!" }
let port = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 8089
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
