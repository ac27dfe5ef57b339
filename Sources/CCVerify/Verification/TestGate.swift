public import CCCore
import CCProcess
public import Foundation

/// Runs the test command under a time limit, in its own process group (killed whole on timeout),
/// keeping the tail of its output for the report.
public enum TestGate {
    /// How much of the output the report keeps.
    public static let tailLines = 40

    /// Runs the tests in `directory`; a failure is a `test` finding, not a thrown error.
    public static func run(_ request: TestRequest, in directory: URL) throws -> (
        outcome: VerifyReport.TestOutcome, findings: [Finding]
    ) {
        let environment = ProcessInfo.processInfo.environment.merging(request.environment) { _, given in given }
        let command = ProcessCommand.shell(
            request.command, workingDirectory: directory.path, environment: environment,
            confinement: request.confinement)
        let limits = ProcessLimits(timeout: .seconds(request.timeoutSeconds), tailBytes: 16 * 1024, grace: .seconds(5))
        let result = try ProcessRunner.runBlocking(command, limits: limits)
        let tail = lastLines(of: result.output, count: tailLines)
        let seconds =
            Double(result.duration.components.seconds) + Double(result.duration.components.attoseconds) / 1e18
        let outcome = VerifyReport.TestOutcome(
            command: request.command, exitCode: result.exitCode, timedOut: result.timedOut,
            seconds: (seconds * 1000).rounded() / 1000, outputTail: tail)
        guard !outcome.passed else { return (outcome, []) }
        let finding: Finding
        if result.timedOut {
            finding = Finding(
                rule: "test.timeout", kind: .test,
                message: "the test command '\(request.command)' did not finish within \(request.timeoutSeconds) s "
                    + "and was killed with its process group; raise --test-timeout or speed the tests up")
        } else {
            finding = Finding(
                rule: "test.failed", kind: .test,
                message: "the test command '\(request.command)' failed (\(result.termination)); "
                    + "see the output tail below")
        }
        return (outcome, [finding])
    }

    /// The last `count` lines of `text`, without a trailing empty line.
    static func lastLines(of text: String, count: Int) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines.suffix(count).joined(separator: "\n")
    }
}
