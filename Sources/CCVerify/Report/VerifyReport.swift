public import CCCore
public import Foundation

/// The outcome of one verification: the contract's `{ "passed", "findings" }` plus what was checked.
///
/// Printed by ``ReportRenderer`` in every `--format`, and written as `verify.json` beside a run.
public struct VerifyReport: Codable, Sendable, Equatable {
    /// Sizes of the change, for people reading a report.
    public struct Summary: Codable, Sendable, Equatable {
        public var filesChanged: Int
        public var linesAdded: Int
        public var linesDeleted: Int
        /// What the change was measured from and to (`abc1234`, `working tree`), when it is a change.
        public var base: String?
        public var head: String?
        /// How many files were scanned for secrets.
        public var filesScanned: Int?

        public init(
            filesChanged: Int = 0, linesAdded: Int = 0, linesDeleted: Int = 0, base: String? = nil,
            head: String? = nil, filesScanned: Int? = nil
        ) {
            self.filesChanged = filesChanged
            self.linesAdded = linesAdded
            self.linesDeleted = linesDeleted
            self.base = base
            self.head = head
            self.filesScanned = filesScanned
        }
    }

    /// One changed file, as listed in the JSON report.
    public struct Change: Codable, Sendable, Equatable {
        public var path: String
        public var oldPath: String?
        public var status: ChangedFile.Status
        public var linesAdded: Int
        public var linesDeleted: Int
        public var binary: Bool

        public init(_ file: ChangedFile) {
            path = file.path
            oldPath = file.status == .renamed || file.status == .copied ? file.oldPath : nil
            status = file.status
            linesAdded = file.linesAdded
            linesDeleted = file.linesDeleted
            binary = file.isBinary
        }
    }

    /// How the project's test command ended.
    public struct TestOutcome: Codable, Sendable, Equatable {
        public var command: String
        /// The exit status, or `nil` when the command was killed (timeout) or died of a signal.
        public var exitCode: Int32?
        public var timedOut: Bool
        public var seconds: Double
        /// The last part of its combined output.
        public var outputTail: String

        public init(command: String, exitCode: Int32?, timedOut: Bool, seconds: Double, outputTail: String) {
            self.command = command
            self.exitCode = exitCode
            self.timedOut = timedOut
            self.seconds = seconds
            self.outputTail = outputTail
        }

        /// Whether the tests passed.
        public var passed: Bool { exitCode == 0 && !timedOut }
    }

    /// The state a run left its files in, recorded at verification so rollback can tell the run's
    /// work from later edits.
    public struct ResultState: Codable, Sendable, Equatable {
        /// One path the run touched and its blob id afterwards (`nil`: the run left no file there).
        public struct PathState: Codable, Sendable, Equatable {
            public var path: String
            public var blob: String?

            public init(path: String, blob: String?) {
                self.path = path
                self.blob = blob
            }
        }

        /// The commit the run's change was measured from (its base snapshot, else its base commit).
        public var base: String
        public var files: [PathState]

        public init(base: String, files: [PathState]) {
            self.base = base
            self.files = files
        }
    }

    /// Whether no finding is an error.
    public var passed: Bool
    public var findings: [Finding]
    public var summary: Summary
    public var changes: [Change]
    public var test: TestOutcome?
    /// The run verified, for `ccverify run`.
    public var runId: String?
    /// When the report was made.
    public var verifiedAt: Date?
    /// For a run: the state it left its files in (see ``ResultState``).
    public var result: ResultState?
    /// Short descriptions of the rules that fired, for SARIF and Markdown; not part of the JSON.
    public var ruleDescriptions: [String: String] = [:]

    public init(
        findings: [Finding], summary: Summary = Summary(), changes: [Change] = [], test: TestOutcome? = nil,
        runId: String? = nil, verifiedAt: Date? = nil, ruleDescriptions: [String: String] = [:]
    ) {
        self.passed = !findings.contains { $0.severity == .error }
        self.findings = findings
        self.summary = summary
        self.changes = changes
        self.test = test
        self.runId = runId
        self.verifiedAt = verifiedAt
        self.ruleDescriptions = ruleDescriptions
    }

    private enum CodingKeys: String, CodingKey {
        case passed, findings, summary, changes, test, runId, verifiedAt, result
    }

    /// How many findings are errors and how many warnings.
    public var counts: (errors: Int, warnings: Int) {
        let errors = findings.count { $0.severity == .error }
        return (errors, findings.count - errors)
    }

    /// The exit status the contract gives this outcome: 0 passed, 1 failed.
    public var exitStatus: ExitStatus { passed ? .success : .failure }
}
