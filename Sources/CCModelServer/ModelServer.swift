import CCCore
import Foundation
import Glibc

/// A scripted stand-in for the Anthropic Messages API on 127.0.0.1, good enough for Claude Code.
///
/// Plain blocking sockets: one thread accepts, one thread serves each connection (keep-alive,
/// Content-Length or chunked request bodies). `POST /v1/messages` answers from the ``ModelScript``,
/// streamed as server-sent events when the request asks for `"stream": true`;
/// `POST /v1/messages/count_tokens` answers an estimate; `/api/hello` (Claude Code's
/// connectivity check) answers 200; anything else is a JSON 404.
public final class ModelServer: Sendable {
    /// The port the server listens on (the chosen one when started with port 0).
    public let port: UInt16
    private let listener: Int32
    private let planner: ReplyPlanner
    private let log: RequestLog?
    private let state = Locked(ServerState())

    /// At most this many connections are served at once; more get a 503.
    static let maxConnections = 256
    /// Seconds a kept-alive connection may sit idle (or a hanging stream wait) before it is dropped.
    static let idleSeconds = 600

    private enum Admission { case accepted, full, stopped }

    private struct ServerState {
        var stopped = false
        var connections: Set<Int32> = []
        var messages = 0
    }

    /// Starts listening on 127.0.0.1:`port` (0 picks a free port) and serving `script`.
    public static func start(script: ModelScript, port: UInt16 = 0, logPath: String? = nil) throws -> ModelServer {
        let log = try logPath.map(RequestLog.init(path:))
        let listener = try Self.listen(port: port)
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        let server = ModelServer(
            port: UInt16(bigEndian: address.sin_port), listener: listener, planner: ReplyPlanner(script: script),
            log: log)
        let acceptor = Thread { server.acceptLoop() }
        acceptor.name = "ccmodel-accept"
        acceptor.start()
        return server
    }

    private init(port: UInt16, listener: Int32, planner: ReplyPlanner, log: RequestLog?) {
        self.port = port
        self.listener = listener
        self.planner = planner
        self.log = log
    }

    /// Stops accepting and drops every open connection (a hanging stream ends at once).
    public func stop() {
        let open = state.withLock { state -> Set<Int32> in
            guard !state.stopped else { return [] }
            state.stopped = true
            return state.connections
        }
        shutdown(listener, Int32(SHUT_RDWR))
        for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    private static func listen(port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ModelServerError.cannotListen(port: port, reason: String(cString: strerror(errno))) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(fd, 128) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw ModelServerError.cannotListen(port: port, reason: reason)
        }
        return fd
    }

    private func acceptLoop() {
        serving: while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                break serving
            }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            var yes: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            // A client idle this long between requests is dropped, so no thread waits forever.
            var idle = timeval(tv_sec: Self.idleSeconds, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &idle, socklen_t(MemoryLayout<timeval>.size))
            let admission = state.withLock { state -> Admission in
                if state.stopped { return .stopped }
                if state.connections.count >= Self.maxConnections { return .full }
                state.connections.insert(fd)
                return .accepted
            }
            switch admission {
            case .stopped:
                close(fd)
                break serving
            case .full:
                let connection = HTTPConnection(fd: fd)
                try? connection.respond(
                    status: 503, json: MessagesProtocol.error(status: 503, message: "too many connections"),
                    keepAlive: false)
                close(fd)
                continue
            case .accepted:
                break
            }
            let worker = Thread { self.serve(HTTPConnection(fd: fd)) }
            worker.name = "ccmodel-connection"
            worker.start()
        }
        close(listener)
    }

    private func serve(_ connection: HTTPConnection) {
        defer {
            state.withLock { _ = $0.connections.remove(connection.fd) }
            close(connection.fd)
        }
        do {
            while let request = try connection.readRequest() {
                let keepOpen = try handle(request, on: connection)
                if !keepOpen || !request.keepAlive || state.withLock({ $0.stopped }) { return }
            }
        } catch HTTPReadError.malformed(let reason) {
            try? connection.respond(
                status: 400, json: MessagesProtocol.error(status: 400, message: reason), keepAlive: false)
        } catch HTTPReadError.tooLarge {
            try? connection.respond(
                status: 413, json: MessagesProtocol.error(status: 413, message: "request too large"), keepAlive: false)
        } catch {
            // The client went away; nothing to answer.
        }
    }

    /// Answers one request; returns false when the connection must close afterwards.
    private func handle(_ request: HTTPRequest, on connection: HTTPConnection) throws -> Bool {
        let keepAlive = request.keepAlive
        switch (request.method, request.path) {
        case ("POST", "/v1/messages"):
            return try answerMessages(request, on: connection)
        case ("POST", "/v1/messages/count_tokens"):
            let tokens = MessagesProtocol.tokens(bytes: request.body.count)
            record(request, [("status", "200"), ("reply", "count_tokens")])
            try connection.respond(status: 200, json: ["input_tokens": .number(Double(tokens))], keepAlive: keepAlive)
        case ("GET", "/api/hello"), ("HEAD", "/api/hello"):
            record(request, [("status", "200")])
            try connection.respond(status: 200, json: [:], keepAlive: keepAlive, headOnly: request.method == "HEAD")
        case (_, "/v1/messages"), (_, "/v1/messages/count_tokens"):
            record(request, [("status", "405")])
            try connection.respond(
                status: 405, json: MessagesProtocol.error(status: 405, message: "use POST"), keepAlive: keepAlive)
        default:
            record(request, [("status", "404")])
            try connection.respond(
                status: 404,
                json: MessagesProtocol.error(
                    status: 404, message: "no such endpoint: \(request.method) \(request.path)"),
                keepAlive: keepAlive, headOnly: request.method == "HEAD")
        }
        return true
    }

    private func answerMessages(_ request: HTTPRequest, on connection: HTTPConnection) throws -> Bool {
        let keepAlive = request.keepAlive
        let messages: MessagesRequest
        do {
            messages = try MessagesRequest(body: request.body)
        } catch {
            record(request, [("status", "400")])
            try connection.respond(
                status: 400, json: MessagesProtocol.error(status: 400, message: "the body is not JSON"),
                keepAlive: keepAlive)
            return true
        }
        let session = request.header("x-claude-code-session-id") ?? ""
        let plan = planner.plan(for: messages, session: session)
        let number = state.withLock { state in
            state.messages += 1
            return state.messages
        }
        let requestID = ("x-request-id", "req_ccmodel_\(number)")
        record(
            request,
            [
                ("session", session.isEmpty ? "-" : session), ("model", messages.model),
                ("stream", "\(messages.stream)"), ("script", plan.conversation ?? "-"), ("turn", "\(plan.turn)"),
                ("reply", plan.summary),
            ])
        if plan.delayMs > 0 { usleep(UInt32(min(plan.delayMs, 600_000)) * 1000) }
        if let fault = plan.fault {
            let retry = ("x-should-retry", (fault.shouldRetry ?? true) ? "true" : "false")
            try connection.respond(
                status: fault.status, headers: [requestID, retry],
                json: MessagesProtocol.error(status: fault.status, message: "scripted fault \(fault.status)"),
                keepAlive: keepAlive)
            return true
        }
        let id = "msg_ccmodel_\(number)"
        let inputTokens = MessagesProtocol.tokens(bytes: messages.bodyBytes)
        guard messages.stream else {
            if plan.hang {
                connection.waitForClose()
                return false
            }
            try connection.respond(
                status: 200, headers: [requestID],
                json: MessagesProtocol.message(
                    plan, id: id, model: messages.model, inputTokens: inputTokens, messageNumber: number),
                keepAlive: keepAlive)
            return true
        }
        try connection.startEventStream(headers: [requestID], keepAlive: keepAlive)
        try connection.sendChunk(MessagesProtocol.messageStart(id: id, model: messages.model, inputTokens: inputTokens))
        if plan.hang {
            connection.waitForClose()
            return false
        }
        for event in MessagesProtocol.replyEvents(plan, messageNumber: number) {
            try connection.sendChunk(event)
        }
        try connection.endEventStream()
        return true
    }

    private func record(_ request: HTTPRequest, _ fields: [(String, String)]) {
        log?.record([("request", "\(request.method) \(request.target)")] + fields)
    }
}
