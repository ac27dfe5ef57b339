import ArgumentParser
import CCTeam
import Foundation

/// `ccteam stop`: ends a team, or one agent's current run.
struct StopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop a team (its launcher, or its runs when the launcher is gone) or one agent's run.")

    @OptionGroup var options: TeamNameOption

    @Option(name: .long, help: "Stop only this agent's running run (lead, worker-1, ...); its task goes back to open.")
    var agent: String?

    func run() throws {
        let stopper = TeamStopper(location: try options.location())
        let lines = try agent.map { try stopper.stopAgent($0) } ?? stopper.stopTeam()
        lines.forEach { Console.out($0) }
    }
}
