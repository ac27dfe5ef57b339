import ArgumentParser
import CCVerify
import Foundation

/// `ccverify run --run-id ID`: verifies one agent run against its base, and rolls it back if asked.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Verify a recorded run: its worktree's change against its base, scope, secrets and tests.",
        discussion: """
            Reads .ccteam/runs/<run-id>/meta.json and writes verify.json beside it. With --rollback, a run that \
            fails verification is rolled back (see 'ccverify rollback').
            """)

    @Option(help: "The run to verify (a folder under .ccteam/runs/).")
    var runId: String

    @Option(help: "A scope policy file (default: .ccteam/policies/scope.yaml, else the built-in policy).")
    var policy: String?

    @Flag(help: "Roll the run back when verification fails.")
    var rollback = false

    @OptionGroup var tests: TestOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let root = try Verification.stateRoot(from: currentDirectory, environment: environment)
        let report = try Verification.run(
            RunRequest(
                runID: runId, policyFile: fileURL(policy),
                test: tests.testCommand.map { TestRequest(command: $0, timeoutSeconds: tests.testTimeout) },
                stateRoot: root))
        if rollback && !report.passed {
            Console.out(
                ReportRenderer.render(
                    report, as: output.format, color: output.format == .text && Console.stdoutIsColorTerminal))
            let outcome = try Rollback.perform(runID: runId, dryRun: false, stateRoot: root)
            for line in outcome.describe(dryRun: false) { Console.err(line) }
            throw ExitCode(1)
        }
        try output.print(report)
    }
}
