import ArgumentParser
import CCVerify
import Foundation

/// `ccverify rollback --run-id ID`: puts back what one run changed, refusing paths edited since.
struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Undo what a verified run changed, and nothing else.",
        discussion: """
            Restores only the paths the run touched to their state at the run's base, and refuses (exit 1, \
            changing nothing) when any of them changed after 'ccverify run' recorded the run's result. The state \
            before the rollback is kept under refs/ccteam/rollback/<run-id>, and the command prints how to undo it.
            """)

    @Option(help: "The run to roll back (a folder under .ccteam/runs/).")
    var runId: String

    @Flag(help: "Only list what would happen.")
    var dryRun = false

    func run() throws {
        let root = try Verification.stateRoot(from: currentDirectory, environment: ProcessInfo.processInfo.environment)
        let outcome = try Rollback.perform(runID: runId, dryRun: dryRun, stateRoot: root)
        for line in outcome.describe(dryRun: dryRun) { Console.out(line) }
        if dryRun && !outcome.plan.isAllowed {
            throw RollbackRefused(runID: runId, paths: outcome.plan.refused)
        }
    }
}
