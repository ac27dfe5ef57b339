import Foundation
import Logging
import MCP
import SystemPackage

/// The SDK's stdio transport with a screen in front of the server, so every line gets an answer.
///
/// - A line that is not JSON gets a JSON-RPC parse error (-32700) with `"id": null`, as JSON-RPC
///   2.0 asks (the SDK would answer with a made-up id).
/// - A request missing `"jsonrpc": "2.0"` (probes such as `{"method":"server/discover","id":1}`)
///   is passed on as if it had it, so the server answers it (-32601 for unknown methods) instead
///   of rejecting it as unparsable.
/// - It counts requests still waiting for a response, so the server can finish answering them
///   after stdin closes rather than exit with replies unsent.
actor LenientStdioTransport: Transport {
    private let inner: StdioTransport
    private var unanswered = Set<String>()

    nonisolated var logger: Logger { inner.logger }

    /// Standard input and output by default; the launcher passes both ends of one socket connection.
    init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        inner = StdioTransport(input: FileDescriptor(rawValue: input), output: FileDescriptor(rawValue: output))
    }

    func connect() async throws { try await inner.connect() }

    func disconnect() async { await inner.disconnect() }

    func send(_ data: Data) async throws {
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            object["method"] == nil, let id = object["id"]
        {
            unanswered.remove(Self.key(id))
        }
        try await inner.send(data)
    }

    func receive() -> AsyncThrowingStream<Data, any Error> {
        let upstream = inner
        return AsyncThrowingStream { continuation in
            let pump = Task {
                do {
                    for try await line in await upstream.receive() {
                        if let passed = await self.screen(line) { continuation.yield(passed) }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in pump.cancel() }
        }
    }

    /// Waits (at most `seconds`) until every request read so far has had its response sent.
    func drain(seconds: Double = 5) async {
        let deadline = Date().addingTimeInterval(seconds)
        while !unanswered.isEmpty && Date() < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The line to hand the server, or `nil` when the screen answered it itself.
    private func screen(_ line: Data) async -> Data? {
        guard let parsed = try? JSONSerialization.jsonObject(with: line, options: [.fragmentsAllowed]) else {
            await reply(code: -32700, message: "Parse error: the line is not valid JSON")
            return nil
        }
        if parsed is [Any] { return line }
        guard var object = parsed as? [String: Any] else {
            await reply(code: -32600, message: "Invalid Request: expected a JSON-RPC object")
            return nil
        }
        if object["method"] is String, let id = object["id"] { unanswered.insert(Self.key(id)) }
        guard object["jsonrpc"] == nil else { return line }
        object["jsonrpc"] = "2.0"
        return (try? JSONSerialization.data(withJSONObject: object)) ?? line
    }

    private func reply(code: Int, message: String) async {
        let text = #"{"jsonrpc":"2.0","id":null,"error":{"code":\#(code),"message":"\#(message)"}}"#
        try? await inner.send(Data(text.utf8))
    }

    private static func key(_ id: Any) -> String {
        if let text = id as? String { return "s:" + text }
        return "n:\(id)"
    }
}
