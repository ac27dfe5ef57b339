import ArgumentParser
import CCTeam
import Foundation

/// `ccteam logs RUN-ID`: one run's event stream, readable.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print a run's event stream in human form (stderr's tail too when it failed).")

    @Argument(
        help:
            "The run id ('ccteam status' lists each agent's latest), a unique prefix of one, or an agent id (its latest run)."
    )
    var runID: String

    @Flag(name: .long, help: "Keep printing new events until the run ends.")
    var follow = false

    func run() throws {
        let root = try TeamLocation.repositoryRoot(
            containing: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        try RunLog(runs: TeamRuns(root: root), runID: runID).print(follow: follow) { Console.out($0) }
    }
}
