public import CCCore
import CCGit
public import Foundation

/// `ccverify begin`: records a run by hand, for agents a person drives, so `ccverify run` and
/// `ccverify rollback` work on it exactly as on a launched team's runs.
public enum ManualRun {
    /// The ref holding a manual run's snapshot of the uncommitted work that predates it.
    public static func baseReference(for runID: String) -> String { "refs/ccteam/runs/\(runID)/base" }

    /// Records a run starting now in the repository around `directory`: base commit HEAD plus a snapshot of
    /// the uncommitted work (untracked files included), `.ccteam/` added to `info/exclude`, and
    /// `.ccteam/runs/<id>/meta.json` written with status `running` and agent `manual`.
    public static func begin(scope: [String], directory: URL, environment: [String: String]) throws -> RunRecord {
        let repository = try Repository.discover(from: directory.path)
        guard let head = repository.headCommit else { throw GitError.noCommits(path: repository.root) }
        let stateRoot = Verification.mainCheckout(of: repository)
        let policy = try ScopePolicy.load(file: nil, repositoryRoot: stateRoot)
        _ = try TaskScope.patterns(scope, source: "--scope", policy: policy)
        // Excluded first, so the snapshot never holds ccteam's own files.
        try repository.ensureExcluded(".ccteam/")
        let runID = RunStore.newManualRunID()
        let snapshot = try repository.snapshotWorkingState(
            message: "ccverify begin: work in progress before run \(runID)", storeAt: baseReference(for: runID))
        var team = stateRoot.lastPathComponent
        if let suffix = environment["TEAM"], !suffix.isEmpty { team += "-" + suffix }
        let record = RunRecord(
            runId: runID, team: team, agentId: "manual", agentType: "worker", worktree: repository.root,
            branch: repository.currentBranch, baseCommit: head.hex, command: [], startedAt: Date(), status: .running,
            scope: scope.isEmpty ? nil : scope, baseSnapshot: snapshot.hex)
        try RunStore(root: stateRoot).saveRun(record)
        return record
    }
}
