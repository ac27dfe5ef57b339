import ArgumentParser
import CCVerify
import Foundation

/// `--format`, shared by every ccverify command that prints findings.
struct FormatOptions: ParsableArguments {
    @Option(
        help: "Output format: text, json, markdown, sarif or github (workflow annotations).",
        transform: { text in
            guard let format = ReportFormat(rawValue: text) else {
                throw ValidationError(
                    "unknown format '\(text)'; use one of "
                        + ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return format
        })
    var format: ReportFormat = .text

    /// Prints a report in the chosen format and ends with the contract's status: 0 passed, 1 failed.
    func print(_ report: VerifyReport) throws {
        Console.out(ReportRenderer.render(report, as: format, color: format == .text && Console.stdoutIsColorTerminal))
        if !report.passed { throw ExitCode(1) }
    }
}

/// `--test-command` and `--test-timeout`.
struct TestOptions: ParsableArguments {
    @Option(help: "A shell command that runs the project's tests in the checkout being verified.")
    var testCommand: String?

    @Option(help: "Seconds the test command may run before its whole process group is killed.")
    var testTimeout: Int = 600

    func validate() throws {
        guard testTimeout > 0 else { throw ValidationError("--test-timeout must be a positive number of seconds") }
    }
}

/// Turns a path typed on the command line into a file URL relative to the current directory.
func fileURL(_ path: String?) -> URL? {
    path.map { URL(fileURLWithPath: $0) }
}

/// The current directory, where the commands look for the repository.
var currentDirectory: URL { URL(fileURLWithPath: FileManager.default.currentDirectoryPath) }
