import Foundation
import MCP

/// `ccteam mcp`: the team task tools served over stdio with the Model Context Protocol.
public enum TaskToolServer {
    /// The version reported in `initialize`.
    public static let version = "1.0.0"

    /// Serves `tools` on stdin/stdout until stdin closes, answering every request read by then.
    public static func run(_ tools: TaskTools) async throws {
        try await serve(tools, on: LenientStdioTransport())
    }

    /// Serves `tools` over `transport` until its input ends.
    static func serve(_ tools: TaskTools, on transport: LenientStdioTransport) async throws {
        let server = Server(
            name: "ccteam", version: version,
            instructions: "Team task graph for \(tools.store.team): create, read, update and list tasks.",
            capabilities: .init(tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: TaskTools.definitions)
        }
        await server.withMethodHandler(CallTool.self) { params in
            try tools.call(params.name, arguments: params.arguments)
        }
        try await server.start(transport: transport)
        await server.waitUntilCompleted()
        await transport.drain()
        await server.stop()
    }
}
