import ArgumentParser
import CCTeam
import Foundation

/// `ccteam status`: where a team stands, from any terminal.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a team's state, tasks and workers (their latest runs), and what it spent.",
        discussion: """
            --json prints one object: team, goal, state (planning, running, stopped, finished), \
            launcherPID, launcherAlive, integrationBranch, baseCommit, workers, tasks (total, open, ready, \
            blocked, inProgress, resolved, failed), agents (per agent: agentId, runId, status, taskId, \
            taskSubject, taskStatus, startedAt, endedAt, elapsedSeconds, inputTokens, outputTokens, costUSD, \
            lastAction, model, requestedModel), \
            totals (runs, running, inputTokens, outputTokens, costUSD), spending (byModel and byAgent: \
            runs, inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens, costUSD), modelWarnings \
            (runs whose agent used another model than asked for) and at (the snapshot's time).
            """)

    @OptionGroup var options: TeamNameOption

    @Flag(name: .long, help: "Redraw every second until the team is finished or stopped (Ctrl-C to leave).")
    var watch = false

    @Flag(name: .long, help: "Print the status as one JSON object.")
    var json = false

    func validate() throws {
        if watch && json { throw ValidationError("--watch and --json cannot be combined") }
    }

    func run() throws {
        let location = try options.location()
        if watch {
            let watcher = StatusWatch(
                location: location, isTerminal: isatty(STDOUT_FILENO) == 1, width: Console.stdoutWidth)
            return try watcher.run { Console.out($0) }
        }
        let status = try TeamStatus.load(location)
        Console.out(json ? try status.json() : status.render(width: Console.stdoutWidth))
    }
}
