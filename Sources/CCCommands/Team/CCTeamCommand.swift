import ArgumentParser

/// `ccteam`: launches and manages a team of coding agents on one repository.
struct CCTeamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccteam",
        abstract: "Run a team of AI coding agents on one git repository, safely.",
        subcommands: [
            LaunchCommand.self, ResumeCommand.self, StatusCommand.self, StopCommand.self, TasksCommand.self,
            LogsCommand.self, ReportCommand.self, GCCommand.self, MCPCommand.self, DoctorCommand.self,
        ])
}
