import ArgumentParser
import CCCore
import CCTeam
import Foundation

/// `ccteam tasks`: the team's task graph from the command line.
struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "List, show, create, update and draw the team's tasks.",
        subcommands: [
            TasksListCommand.self, TasksShowCommand.self, TasksCreateCommand.self, TasksUpdateCommand.self,
            TasksDeleteCommand.self, TasksArchiveCommand.self, TasksCleanCommand.self, TasksGraphCommand.self,
            TasksChurnCommand.self,
        ],
        defaultSubcommand: TasksListCommand.self)
}

/// Options every `tasks` subcommand takes: which team, and whether to print JSON.
struct TeamTaskOptions: ParsableArguments {
    @Option(name: .long, help: "The team (default: the repository folder's name, plus -$TEAM when set).")
    var team: String?

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    /// The team's location, found from the current directory.
    func location() throws -> TeamLocation {
        try TeamLocation.resolve(
            team: team, from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    /// The agent running the command, when an agent does (its `CLAUDE_CODE_AGENT_*` variables).
    var identity: Identity? { Identity(environment: ProcessInfo.processInfo.environment) }

    /// Who is acting, for comment authors: the agent's id, else the login name.
    var author: String { identity?.agentID ?? ProcessInfo.processInfo.environment["USER"] ?? "user" }
}

/// Splits repeatable, comma-separable values (`--blocked-by 1,2 --blocked-by 3`).
func commaSeparated(_ values: [String]) -> [String] {
    values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter {
        !$0.isEmpty
    }
}
