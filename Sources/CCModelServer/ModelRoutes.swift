import CCCore
import Foundation

/// Decides every answer of the scripted Messages API, as data: which endpoint, which scripted
/// turn, which fault, what goes in the request log. Never touches a socket.
///
/// `POST /v1/messages` answers from the ``ModelScript`` (server-sent events with
/// `"stream": true`), `POST /v1/messages/count_tokens` an estimate, `/api/hello` (Claude Code's
/// connectivity check) 200, anything else a JSON 404.
final class ModelRoutes: Sendable {
    private let planner: ReplyPlanner
    private let log: RequestLog?
    /// Messages answered so far, for message and request ids unique per server.
    private let messages = Locked(0)

    /// The longest scripted delay honoured, so a typo in a script cannot stall a run for hours.
    static let maxDelayMs = 600_000

    init(script: ModelScript, log: RequestLog?) {
        self.planner = ReplyPlanner(script: script)
        self.log = log
    }

    /// The answer to `request`, logged.
    func reply(to request: HTTPRequest) -> HTTPReply {
        switch (request.method, request.path) {
        case ("POST", "/v1/messages"):
            return answerMessages(request)
        case ("POST", "/v1/messages/count_tokens"):
            record(request, [("status", "200"), ("reply", "count_tokens")])
            let tokens = MessagesProtocol.tokens(bytes: request.body.count)
            return HTTPReply(status: 200, body: .json(["input_tokens": .number(Double(tokens))]))
        case ("GET", "/api/hello"), ("HEAD", "/api/hello"):
            record(request, [("status", "200")])
            return HTTPReply(status: 200, body: .json([:]), headOnly: request.method == "HEAD")
        case (_, "/v1/messages"), (_, "/v1/messages/count_tokens"):
            record(request, [("status", "405")])
            return Self.error(405, "use POST")
        default:
            record(request, [("status", "404")])
            var reply = Self.error(404, "no such endpoint: \(request.method) \(request.path)")
            reply.headOnly = request.method == "HEAD"
            return reply
        }
    }

    /// A JSON API error, typed the way the real API types its status.
    static func error(_ status: Int, _ message: String) -> HTTPReply {
        HTTPReply(status: status, body: .json(MessagesProtocol.error(status: status, message: message)))
    }

    private func answerMessages(_ request: HTTPRequest) -> HTTPReply {
        guard let messages = try? MessagesRequest(body: request.body) else {
            record(request, [("status", "400")])
            return Self.error(400, "the body is not JSON")
        }
        let session = request.header("x-claude-code-session-id") ?? ""
        let plan = planner.plan(for: messages, session: session)
        let number = self.messages.withLock { count in
            count += 1
            return count
        }
        record(
            request,
            [
                ("session", session.isEmpty ? "-" : session), ("model", messages.model),
                ("stream", "\(messages.stream)"), ("script", plan.conversation ?? "-"), ("turn", "\(plan.turn)"),
                ("reply", plan.summary),
            ])
        let requestID = ("x-request-id", "req_ccmodel_\(number)")
        let delay = min(max(plan.delayMs, 0), Self.maxDelayMs)
        if let fault = plan.fault {
            let retry = ("x-should-retry", (fault.shouldRetry ?? true) ? "true" : "false")
            return HTTPReply(
                status: fault.status, headers: [requestID, retry],
                body: .json(MessagesProtocol.error(status: fault.status, message: "scripted fault \(fault.status)")),
                delayMs: delay)
        }
        let id = "msg_ccmodel_\(number)"
        let inputTokens = MessagesProtocol.tokens(bytes: messages.bodyBytes)
        guard messages.stream else {
            if plan.hang { return HTTPReply(status: 200, body: .silence, delayMs: delay) }
            return HTTPReply(
                status: 200, headers: [requestID],
                body: .json(
                    MessagesProtocol.message(
                        plan, id: id, model: messages.model, inputTokens: inputTokens, messageNumber: number)),
                delayMs: delay)
        }
        let start = MessagesProtocol.messageStart(id: id, model: messages.model, inputTokens: inputTokens)
        let events = plan.hang ? [start] : [start] + MessagesProtocol.replyEvents(plan, messageNumber: number)
        return HTTPReply(status: 200, headers: [requestID], body: .events(events, finished: !plan.hang), delayMs: delay)
    }

    private func record(_ request: HTTPRequest, _ fields: [(String, String)]) {
        log?.record([("request", "\(request.method) \(request.target)")] + fields)
    }
}
