import ArgumentParser
import CCCore
import CCVerify
import Foundation

/// `ccverify begin`: records a run by hand and prints its id.
struct BeginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "begin",
        abstract: "Record a run by hand (for agents you drive yourself) and print its id.",
        discussion: """
            Keeps HEAD and a snapshot of your uncommitted work as the run's base, so that afterwards \
            'ccverify run --run-id ID' verifies only what changed since, and 'ccverify rollback --run-id ID' \
            undoes only that.
            """)

    @Option(name: .customLong("scope"), help: "A glob the run may write (repeatable); default: the policy alone.")
    var scope: [String] = []

    func run() throws {
        let record = try ManualRun.begin(
            scope: scope, directory: currentDirectory, environment: ProcessInfo.processInfo.environment)
        Console.out(record.runId)
    }
}
