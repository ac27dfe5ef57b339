import ArgumentParser
import CCTeam
import Foundation

/// `ccteam gc`: removes what finished teams leave behind in git.
struct GCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Remove the worktrees and worker branches of finished or stopped teams.",
        discussion: "Keeps each team's integration branch, tasks and run folders: they are the record.")

    @Option(name: .long, help: "Only this team (default: every team that is finished or stopped).")
    var team: String?

    func run() throws {
        let directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if let team {
            let location = try TeamLocation.resolve(team: team, from: directory)
            return try TeamGC(root: location.root).collect(team: location.team).lines.forEach { Console.out($0) }
        }
        let root = try TeamLocation.repositoryRoot(containing: directory)
        let (collected, skipped) = try TeamGC(root: root).collectFinished()
        collected.flatMap(\.lines).forEach { Console.out($0) }
        skipped.forEach { Console.out("skipped team \($0.team): \($0.reason)") }
        if collected.isEmpty && skipped.isEmpty { Console.out("no teams in .ccteam/teams/: nothing to collect") }
    }
}
