import CCCore
import CCGit
import CCSecrets
public import Foundation

/// What `ccverify run` verifies: one recorded run, against its base.
public struct RunRequest: Sendable {
    public var runID: String
    public var policyFile: URL?
    public var test: TestRequest?
    /// Where `.ccteam/` lives (see ``Verification/stateRoot(from:environment:)``).
    public var stateRoot: URL

    public init(runID: String, policyFile: URL? = nil, test: TestRequest? = nil, stateRoot: URL) {
        self.runID = runID
        self.policyFile = policyFile
        self.test = test
        self.stateRoot = stateRoot
    }
}

extension Verification {
    /// Verifies a run's worktree against its base (its snapshot of earlier uncommitted work, else its base
    /// commit), within the run's scope; records the report and the run's result state in `verify.json`.
    public static func run(_ request: RunRequest) throws -> VerifyReport {
        let store = RunStore(root: request.stateRoot)
        let record = try store.loadRun(request.runID)
        let repository = try Repository.open(at: record.worktree)
        let base = try runBase(record, in: repository)
        let policy = try ScopePolicy.load(file: request.policyFile, repositoryRoot: request.stateRoot)
        let scope = try TaskScope.patterns(record.scope ?? [], source: "the task's scope", policy: policy)
        let rules = try SecretRules.load(file: nil, repositoryRoot: request.stateRoot)
        let verifier = ChangeVerifier(
            checker: ScopeChecker(policy: policy, taskScope: scope), scanner: SecretScanner(rules: rules))
        let outcome = try verifier.verify(.workingTree(base: base), in: repository)
        var findings = outcome.findings
        if record.status != .running && record.status != .succeeded {
            findings.append(
                Finding(
                    rule: "run.failed", kind: .run,
                    message: "the run ended '\(record.status.rawValue)'"
                        + (record.exitCode.map { " with exit code \($0)" } ?? "")
                        + "; its change is verified anyway, but the agent did not finish its task"))
        }
        var testOutcome: VerifyReport.TestOutcome? = nil
        if let test = request.test {
            let result = try TestGate.run(test, in: URL(fileURLWithPath: repository.root))
            testOutcome = result.outcome
            findings += result.findings
        }
        var report = VerifyReport(
            findings: findings, summary: outcome.summary, changes: outcome.files.map(VerifyReport.Change.init),
            test: testOutcome, runId: record.runId, verifiedAt: Date(),
            ruleDescriptions: SecretRules.descriptions(rules))
        report.result = try resultState(of: outcome.files, base: base, in: repository)
        try store.saveReport(report, for: record.runId)
        return report
    }

    /// The commit a run's change is measured from.
    static func runBase(_ record: RunRecord, in repository: Repository) throws -> ObjectID {
        let revision = record.baseSnapshot ?? record.baseCommit
        do {
            return try repository.resolveCommit(revision)
        } catch {
            throw ToolError(
                "run '\(record.runId)' starts from \(revision), which is not a commit in \(repository.root)",
                help: "the run record's baseCommit/baseSnapshot must name a commit of its worktree")
        }
    }

    /// The blob id every path the run wrote has now, for rollback to tell the run's work from later edits.
    static func resultState(of files: [ChangedFile], base: ObjectID, in repository: Repository) throws
        -> VerifyReport.ResultState
    {
        var states: [VerifyReport.ResultState.PathState] = []
        var seen = Set<String>()
        for file in files {
            for path in file.writtenPaths where seen.insert(path).inserted {
                states.append(.init(path: path, blob: try repository.workingTreeBlobID(path)?.hex))
            }
        }
        return VerifyReport.ResultState(base: base.hex, files: states.sorted { $0.path < $1.path })
    }
}
