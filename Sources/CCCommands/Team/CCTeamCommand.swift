import ArgumentParser

/// `ccteam`: launches and manages a team of coding agents on one repository.
struct CCTeamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccteam",
        abstract: "Run a team of AI coding agents on one git repository, safely.",
        subcommands: [
            TasksCommand.self, MCPCommand.self, StatusCommand.self, LogsCommand.self, StopCommand.self,
            GCCommand.self, DoctorCommand.self,
        ])
}
