import ArgumentParser
import CCTeam
import Foundation

/// `ccteam tasks churn` (hidden): a load generator for stress tests of the task store.
struct TasksChurnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "churn", abstract: "Create, claim and resolve tasks in a loop (for stress tests).",
        shouldDisplay: false)

    @OptionGroup var options: TeamTaskOptions

    @Option(name: .long, help: "The owner name to claim under.")
    var worker: String

    @Option(name: .long, help: "How many tasks to create first.")
    var creates = 0

    @Option(name: .customLong("max-claims"), help: "Stop after this many claims (0: when nothing is left).")
    var maxClaims = 0

    @Option(name: .long, help: "Lease length in seconds.")
    var lease = 60.0

    @Option(name: .long, help: "Seconds to hold each claim before resolving it.")
    var hold = 0.0

    func run() throws {
        let store = try options.location().preparedStore()
        let churn = TaskChurn.Options(
            worker: worker, creates: creates, maxClaims: maxClaims, leaseSeconds: lease, holdSeconds: hold)
        try TaskChurn.run(store: store, options: churn) { line in Console.out(line) }
    }
}
