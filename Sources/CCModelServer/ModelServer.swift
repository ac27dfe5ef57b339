import CCCore
import Foundation
import Glibc
import NIOCore
import NIOHTTP1
import NIOPosix

/// A scripted stand-in for the Anthropic Messages API on 127.0.0.1, good enough for Claude Code.
///
/// SwiftNIO does the HTTP/1.1 (keep-alive, `Content-Length` or chunked bodies, `Expect:
/// 100-continue`) on its own event loop thread; ``ModelRoutes`` decides each answer from the
/// ``ModelScript`` and ``ModelHTTPHandler`` frames it. Start it, read ``port``, ``stop()`` it.
public final class ModelServer: Sendable {
    /// The port the server listens on (the chosen one when started with port 0).
    public let port: UInt16
    private let group: MultiThreadedEventLoopGroup
    private let listener: any Channel
    private let connections: ConnectionRegistry

    /// At most this many connections are served at once; more get a 503.
    static let maxConnections = 256
    /// A connection that sends nothing this long (kept alive, or on a hanging stream) is dropped.
    static let idleTimeout = TimeAmount.minutes(10)
    /// The header block the request decoder accepts; beyond it a request gets a 413.
    static let maxHeaderBytes = 64 * 1024

    /// Starts serving `options`: loads the script, opens the request log, listens, and writes the
    /// chosen port to the port file if one is given.
    public static func start(options: ServerOptions) throws -> ModelServer {
        let server = try start(
            script: try ModelScript.load(from: options.scriptPath), port: options.port, logPath: options.logPath)
        if let portFile = options.portFile {
            do {
                try Data("\(server.port)\n".utf8).write(to: URL(fileURLWithPath: portFile), options: .atomic)
            } catch {
                server.stop()
                throw ModelServerError.portFileUnwritable(portFile)
            }
        }
        return server
    }

    /// Starts listening on 127.0.0.1:`port` (0 picks a free port) and serving `script`.
    public static func start(script: ModelScript, port: UInt16 = 0, logPath: String? = nil) throws -> ModelServer {
        let routes = ModelRoutes(script: script, log: try logPath.map(RequestLog.init(path:)))
        let connections = ConnectionRegistry(limit: maxConnections)
        // One thread: every answer is computed from memory and delays are scheduled, never slept.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 128)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try configure(channel, admission: connections.admit(channel), routes: routes)
                }
            }
        do {
            let listener = try bootstrap.bind(host: "127.0.0.1", port: Int(port)).wait()
            guard let bound = listener.localAddress?.port else {
                throw ModelServerError.cannotListen(port: port, reason: "no local address")
            }
            return ModelServer(port: UInt16(bound), group: group, listener: listener, connections: connections)
        } catch {
            try? group.syncShutdownGracefully()
            if let error = error as? ModelServerError { throw error }
            let reason = (error as? IOError).map { String(cString: strerror($0.errnoCode)) } ?? "\(error)"
            throw ModelServerError.cannotListen(port: port, reason: reason)
        }
    }

    private init(
        port: UInt16, group: MultiThreadedEventLoopGroup, listener: any Channel, connections: ConnectionRegistry
    ) {
        self.port = port
        self.group = group
        self.listener = listener
        self.connections = connections
    }

    /// Stops accepting, drops every open connection (a hanging stream ends at once) and waits for
    /// the event loop to finish; a second call does nothing.
    public func stop() {
        guard connections.stopAll() else { return }
        try? listener.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// The pipeline of one accepted connection: NIOHTTP1's decoder and encoder, an idle timer,
    /// then the model's handler (or a 503 for one connection too many).
    private static func configure(
        _ channel: any Channel, admission: ConnectionRegistry.Admission, routes: ModelRoutes
    ) throws {
        let pipeline = channel.pipeline.syncOperations
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderListSize = maxHeaderBytes
        // No pipelining assistance: it forbids the `100 Continue` written before a body arrives;
        // ModelHTTPHandler answers requests one at a time itself.
        try pipeline.configureHTTPServerPipeline(
            withPipeliningAssistance: false, withErrorHandling: false, withEncoderConfiguration: .init(),
            withDecoderLimitConfiguration: limits)
        switch admission {
        case .accepted:
            try pipeline.addHandler(IdleStateHandler(readTimeout: idleTimeout))
            try pipeline.addHandler(ModelHTTPHandler(routes: routes))
        case .full:
            try pipeline.addHandler(TooManyConnectionsHandler())
        case .stopped:
            channel.close(promise: nil)
        }
    }
}
