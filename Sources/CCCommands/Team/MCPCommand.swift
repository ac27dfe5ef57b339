import ArgumentParser
import CCCore
import CCTeam
import Foundation

/// `ccteam mcp --team NAME`: the team task tools for agents, as an MCP server on stdio.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp", abstract: "Serve the team task tools (TaskCreate, TaskGet, TaskUpdate, TaskList) on stdio.")

    @Option(name: .long, help: "The team (default: the repository folder's name, plus -$TEAM when set).")
    var team: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        // Started by an agent of a launch: the launcher owns the store and knows who is calling.
        if let socket = environment[TaskToolBroker.socketVariable], !socket.isEmpty {
            try TaskToolRelay.run(socket: socket)
            return
        }
        let location = try TeamLocation.resolve(
            team: team, from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let tools = TaskTools(
            store: try location.preparedStore(), identity: Identity(environment: environment),
            settings: try TeamSettings.load(location))
        try await TaskToolServer.run(tools)
    }
}
