import CCCore
import NIOCore
import NIOHTTP1

/// The open connections of one server: admits at most ``limit`` at once, and closes them all
/// when the server stops (which ends a hanging stream at once).
final class ConnectionRegistry: Sendable {
    /// Whether a new connection is served.
    enum Admission { case accepted, full, stopped }

    let limit: Int
    private let state = Locked(State())

    private struct State {
        var stopped = false
        var open: [ObjectIdentifier: any Channel] = [:]
    }

    init(limit: Int) { self.limit = limit }

    /// Admits `channel` if the server runs and has room; an admitted channel leaves the registry
    /// when it closes.
    func admit(_ channel: any Channel) -> Admission {
        let admission = state.withLock { state -> Admission in
            if state.stopped { return .stopped }
            if state.open.count >= limit { return .full }
            state.open[ObjectIdentifier(channel)] = channel
            return .accepted
        }
        if admission == .accepted {
            channel.closeFuture.whenComplete { _ in
                self.state.withLock { _ = $0.open.removeValue(forKey: ObjectIdentifier(channel)) }
            }
        }
        return admission
    }

    /// Refuses every later connection and closes the open ones; false when already stopped.
    func stopAll() -> Bool {
        let open = state.withLock { state -> [any Channel]? in
            guard !state.stopped else { return nil }
            state.stopped = true
            return Array(state.open.values)
        }
        guard let open else { return false }
        for channel in open { channel.close(promise: nil) }
        return true
    }
}

/// Answers a connection beyond the limit with a 503 as soon as it opens, then closes it.
final class TooManyConnectionsHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    func channelActive(context: ChannelHandlerContext) {
        let body = Array(MessagesProtocol.error(status: 503, message: "too many connections").compactText.utf8)
        let headers = HTTPHeaders([
            ("Content-Type", "application/json"), ("Content-Length", "\(body.count)"), ("Connection", "close"),
        ])
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .serviceUnavailable, headers: headers))),
            promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}
