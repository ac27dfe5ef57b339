public import CCCore
import CCGit
public import Foundation

/// What a rollback did (or, for a dry run, would do).
public struct RollbackOutcome: Sendable, Equatable {
    public var runID: String
    public var plan: RollbackPlan
    /// Whether files were changed.
    public var performed: Bool
    /// The ref holding the state from before the rollback, when one was made.
    public var undoReference: String?
    /// The worktree the run used.
    public var worktree: String

    /// Lines for people: what happens to which path, and how to undo it.
    public func describe(dryRun: Bool) -> [String] {
        var lines: [String] = []
        let verb = dryRun ? "would" : "did"
        if plan.isEmpty && plan.refused.isEmpty {
            lines.append("rollback of run '\(runID)': nothing to do; every path the run touched is as it was before")
        }
        for path in plan.restore { lines.append("restore \(path)") }
        for path in plan.remove { lines.append("remove  \(path)  (created by the run)") }
        for path in plan.unchanged { lines.append("keep    \(path)  (already as before the run)") }
        for path in plan.refused { lines.append("refuse  \(path)  (changed after the run was verified)") }
        if !plan.isEmpty {
            lines.append(
                "rollback of run '\(runID)' \(verb) restore \(plan.restore.count) and remove \(plan.remove.count) "
                    + "path\(plan.restore.count + plan.remove.count == 1 ? "" : "s") in \(worktree)")
        }
        if performed, let undoReference {
            let paths = (plan.restore + plan.remove).map(Rollback.shellQuoted).joined(separator: " ")
            lines.append(
                "to undo it: git -C \(Rollback.shellQuoted(worktree)) restore --source=\(undoReference) --worktree -- "
                    + paths)
        }
        return lines
    }
}

/// A rollback that would touch paths changed after the run: nothing was changed.
public struct RollbackRefused: UserFacingError, Equatable {
    public var runID: String
    public var paths: [String]

    public init(runID: String, paths: [String]) {
        self.runID = runID
        self.paths = paths
    }

    public var message: String {
        "rollback of run '\(runID)' refused: \(paths.count == 1 ? "this path" : "these paths") changed after the "
            + "run was verified: " + paths.joined(separator: ", ")
    }
    public var help: String? {
        "nothing was changed; undo your later edits to those paths (or keep the run's work), then roll back again"
    }
    public var exitStatus: ExitStatus { .failure }
}

/// Conservative rollback of one run: restores only the paths the run changed, never a path edited since.
public enum Rollback {
    /// The ref that keeps the state from before a rollback, so the rollback itself can be undone.
    public static func undoReference(for runID: String) -> String { "refs/ccteam/rollback/\(runID)" }

    /// Plans and (unless `dryRun`) carries out the rollback of run `runID`.
    ///
    /// Needs the run's `verify.json` (written by `ccverify run`), which records the blob id of every path
    /// the run touched; any path whose content differs from that now is refused, and then nothing is done.
    /// Before changing anything the whole working state is kept under ``undoReference(for:)``.
    public static func perform(runID: String, dryRun: Bool, stateRoot: URL) throws -> RollbackOutcome {
        let store = RunStore(root: stateRoot)
        let record = try store.loadRun(runID)
        guard let result = try store.loadReport(runID)?.result else {
            throw ToolError(
                "run '\(runID)' has not been verified, so its result state is unknown",
                help: "run 'ccverify run --run-id \(runID)' first; rollback restores only what that recorded")
        }
        let repository = try Repository.open(at: record.worktree)
        guard let base = ObjectID(hex: result.base) else {
            throw ToolError(
                "the verify.json of run '\(runID)' names base '\(result.base)', which is not a commit id",
                help: "run 'ccverify run --run-id \(runID)' again to rewrite it")
        }
        var plan = RollbackPlan.make(
            recorded: result.files, current: { try? repository.workingTreeBlobID($0)?.hex },
            base: { try? repository.committedBlobID($0, at: base)?.hex })
        // Same content as the base but a different kind (an executable bit the run set): restore too.
        let recorded = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, $0.blob) })
        let modeOnly = try repository.pathsDiffering(plan.unchanged, from: base).filter { path in
            (try? repository.workingTreeBlobID(path)?.hex) == recorded[path] ?? nil
        }
        plan.unchanged.removeAll { modeOnly.contains($0) }
        plan.restore = (plan.restore + modeOnly).sorted()
        var outcome = RollbackOutcome(
            runID: runID, plan: plan, performed: false, undoReference: nil, worktree: repository.root)
        guard !dryRun else { return outcome }
        guard plan.isAllowed else { throw RollbackRefused(runID: runID, paths: plan.refused) }
        guard !plan.isEmpty else { return outcome }
        let reference = undoReference(for: runID)
        try repository.snapshotWorkingState(
            message: "ccverify: state before rolling back run \(runID)", storeAt: reference)
        try repository.restore(paths: plan.restore + plan.remove, from: base)
        outcome.performed = true
        outcome.undoReference = reference
        return outcome
    }

    /// A path quoted for a POSIX shell when it needs it.
    static func shellQuoted(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy {
            $0.isASCII
                && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-+=:@,".unicodeScalars.contains($0))
        }
        return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
