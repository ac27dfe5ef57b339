import Foundation
import NIOCore
import NIOHTTP1

/// Serves one connection: gathers each request NIOHTTP1 decoded, asks ``ModelRoutes`` for the
/// answer, and frames it (JSON with `Content-Length`, or a chunked event stream).
///
/// One request at a time, in order: parts that arrive while an answer is under way wait in
/// `queued`, so keep-alive and pipelined clients are served in sequence. Runs on the channel's
/// event loop only; a scripted delay is a scheduled task, never a blocked thread.
final class ModelHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// The largest request body accepted; more gets a 413 and the connection closes.
    static let maxBodyBytes = 64 * 1024 * 1024

    private enum State {
        /// Between requests.
        case idle
        /// A request's head arrived; its body is being gathered.
        case reading(HTTPRequestHead, ByteBuffer)
        /// An answer is being delayed or written.
        case answering
        /// A stream was left open on purpose (a scripted hang); nothing more is answered.
        case hanging
        /// The connection is done; everything that still arrives is dropped.
        case closed
    }

    private let routes: ModelRoutes
    private var state = State.idle
    private var queued: [HTTPServerRequestPart] = []
    /// The client shut its sending side: close once the answer under way is written.
    private var inputClosed = false

    init(routes: ModelRoutes) {
        self.routes = routes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if readsRequests {
            handle(part, context: context)
        } else if case .answering = state {
            queued.append(part)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let idle as IdleStateHandler.IdleStateEvent where idle == .read:
            // A client silent this long (between requests, or on a hanging stream) is dropped.
            close(context)
        case ChannelEvent.inputClosed:
            inputClosed = true
            if case .answering = state { return }
            close(context)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parseError = error as? HTTPParserError else {
            close(context)
            return
        }
        switch state {
        case .idle, .reading:
            // Nothing was answered on this request yet: say what was wrong, then close.
            let reply =
                parseError == .headerOverflow
                ? ModelRoutes.error(413, "request too large")
                : ModelRoutes.error(400, "malformed HTTP request: \(parseError)")
            refuse(reply, context: context)
        case .answering, .hanging, .closed:
            close(context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        state = .closed
        queued = []
        context.fireChannelInactive()
    }

    private func handle(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch (part, state) {
        case (.head(let head), _):
            if head.headers["expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                context.writeAndFlush(
                    wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .continue))), promise: nil)
            }
            state = .reading(head, context.channel.allocator.buffer(capacity: 0))
        case (.body(var chunk), .reading(let head, var body)):
            state = .idle  // so `body` is not shared while it grows
            guard body.readableBytes + chunk.readableBytes <= Self.maxBodyBytes else {
                refuse(ModelRoutes.error(413, "request too large"), context: context)
                return
            }
            body.writeBuffer(&chunk)
            state = .reading(head, body)
        case (.end, .reading(let head, let body)):
            state = .answering
            let request = HTTPRequest(
                method: head.method.rawValue, target: head.uri,
                headers: head.headers.map { (name: $0.name.lowercased(), value: $0.value) },
                body: Data(body.readableBytesView))
            answer(routes.reply(to: request), keepAlive: head.isKeepAlive, context: context)
        case (.body, _), (.end, _):
            break
        }
    }

    private func answer(_ reply: HTTPReply, keepAlive: Bool, context: ChannelHandlerContext) {
        guard reply.delayMs > 0 else {
            write(reply, keepAlive: keepAlive, context: context)
            return
        }
        context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(reply.delayMs))) {
            guard case .answering = self.state else { return }
            self.write(reply, keepAlive: keepAlive, context: context)
        }
    }

    private func write(_ reply: HTTPReply, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders(reply.headers)
        // NIO names the standard statuses; 529 is Anthropic's own.
        let status = HTTPResponseStatus(statusCode: reply.status, reasonPhrase: reply.status == 529 ? "Overloaded" : "")
        let connection = ("Connection", keepAlive ? "keep-alive" : "close")
        switch reply.body {
        case .json(let json):
            let bytes = Array(json.compactText.utf8)
            headers.add(contentsOf: [
                ("Content-Type", "application/json"), ("Content-Length", "\(bytes.count)"), connection,
            ])
            context.write(wrapHead(status, headers), promise: nil)
            if !reply.headOnly {
                context.write(
                    wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: bytes)))), promise: nil)
            }
            finish(keepAlive: keepAlive, context: context)
        case .events(let events, let finished):
            headers.add(contentsOf: [
                ("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache"), ("Transfer-Encoding", "chunked"),
                connection,
            ])
            context.write(wrapHead(status, headers), promise: nil)
            for event in events {
                let chunk = context.channel.allocator.buffer(string: event)
                context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(chunk))), promise: nil)
            }
            if finished {
                finish(keepAlive: keepAlive, context: context)
            } else {
                state = .hanging
                context.flush()
            }
        case .silence:
            state = .hanging
        }
    }

    private func wrapHead(_ status: HTTPResponseStatus, _ headers: HTTPHeaders) -> NIOAny {
        wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
    }

    /// Ends the response, then serves what is queued or closes the connection.
    private func finish(keepAlive: Bool, context: ChannelHandlerContext) {
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        guard keepAlive && !inputClosed else {
            state = .closed
            written.assumeIsolated().whenComplete { _ in self.close(context) }
            return
        }
        state = .idle
        while readsRequests, !queued.isEmpty {
            handle(queued.removeFirst(), context: context)
        }
    }

    /// Whether a part that arrives now belongs to a request being read (or starts one).
    private var readsRequests: Bool {
        switch state {
        case .idle, .reading: true
        case .answering, .hanging, .closed: false
        }
    }

    /// Answers a request that cannot be read (malformed, too large) and closes the connection.
    private func refuse(_ reply: HTTPReply, context: ChannelHandlerContext) {
        state = .answering
        write(reply, keepAlive: false, context: context)
    }

    private func close(_ context: ChannelHandlerContext) {
        state = .closed
        context.close(promise: nil)
    }
}
