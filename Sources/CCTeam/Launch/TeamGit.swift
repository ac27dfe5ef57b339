public import CCGit
import Foundation

/// The launcher's git side: one linked worktree and branch per agent, and the integration branch
/// that accepted work is merged into. Everything lives in the main checkout's repository.
///
/// Each call opens its own repository handle, so the value is safe to use from any task (libgit2
/// handles must not be shared across threads).
public struct TeamGit: Sendable {
    /// The main checkout.
    public let root: String
    public let team: String

    public init(root: String, team: String) {
        self.root = root
        self.team = team
    }

    /// `ccteam/<team>/integration`: the branch accepted work is merged into.
    public var integrationBranch: String { "ccteam/\(team)/integration" }

    /// `ccteam/<team>/<agent-id>`: an agent's own branch.
    public func branch(for agent: String) -> String { "ccteam/\(team)/\(agent)" }

    /// `.ccteam/worktrees/<team>/<agent-id>` under the main checkout.
    public func worktreePath(for agent: String) -> String { root + "/.ccteam/worktrees/\(team)/\(agent)" }

    func repository() throws -> Repository { try Repository.open(at: root) }

    /// Adding and pruning worktrees edits the shared admin folders under `.git/worktrees/`, and the
    /// add sweeps half-made ones: two at once would sweep each other's. One at a time per process.
    private static let worktreeLock = NSLock()

    /// Creates the integration branch at `base` unless it exists; returns its tip. Adds `.ccteam/` to
    /// `.git/info/exclude` so nothing the launcher writes shows in a diff.
    @discardableResult
    public func prepareIntegration(base: ObjectID) throws -> ObjectID {
        let repository = try repository()
        _ = try repository.ensureExcluded(".ccteam/")
        if let tip = repository.branchTarget(integrationBranch) { return tip }
        try repository.createBranch(integrationBranch, at: base)
        return base
    }

    /// Starts a new team's integration branch at `base`. A previous team's branch of the same name is
    /// kept as `ccteam/<team>/previous-<stamp>` (returned), never overwritten: it may hold unmerged work.
    @discardableResult
    public func restartIntegration(at base: ObjectID, stamp: String) throws -> String? {
        let repository = try repository()
        guard let old = repository.branchTarget(integrationBranch) else {
            try prepareIntegration(base: base)
            return nil
        }
        var kept: String?
        if old != base {
            let name = "ccteam/\(team)/previous-\(stamp)"
            try repository.createBranch(name, at: old)
            kept = name
        }
        try repository.createBranch(integrationBranch, at: base, force: true)
        return kept
    }

    /// The integration branch's tip.
    public func integrationTip() throws -> ObjectID {
        guard let tip = try repository().branchTarget(integrationBranch) else {
            throw GitError.unknownBranch(integrationBranch)
        }
        return tip
    }

    /// Gives `agent` a clean worktree at the integration branch's tip, so each task starts from
    /// the work of the tasks it depends on: created on first use, reset hard (untracked files
    /// removed, ignored files kept) after. Returns the worktree's path and the commit it starts from.
    public func prepareWorktree(for agent: String) throws -> (path: String, base: ObjectID) {
        Self.worktreeLock.lock()
        defer { Self.worktreeLock.unlock() }
        let repository = try repository()
        let tip = try integrationTip()
        let path = worktreePath(for: agent)
        let known = try repository.worktrees().first { $0.path == URL(fileURLWithPath: path).standardizedFileURL.path }
        if let known {
            if FileManager.default.fileExists(atPath: path + "/.git") {
                try restoreWorktreeLink(for: agent)
                try Repository.open(at: path).resetHard(to: tip)
                return (path, tip)
            }
            // A worktree entry whose folder is gone is what a killed launcher or a hand `rm -rf` leaves.
            try repository.removeWorktree(known.name, includingLocked: true)
        }
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        let branch = branch(for: agent)
        if repository.branchExists(branch) { try repository.deleteBranch(branch) }
        try repository.addWorktree(at: path, branch: branch, from: tip, name: "\(team)-\(agent)")
        return (path, tip)
    }

    /// Commits everything in `agent`'s worktree on its branch; `nil` when there was nothing to commit.
    public func commitWork(of agent: String, message: String) throws -> ObjectID? {
        try restoreWorktreeLink(for: agent)
        return try Repository.open(at: worktreePath(for: agent)).commitWorkingState(message: message)
    }

    /// Puts `agent`'s worktree back to `commit`, discarding the attempt's changes.
    public func rollBack(_ agent: String, to commit: ObjectID) throws {
        try restoreWorktreeLink(for: agent)
        try Repository.open(at: worktreePath(for: agent)).resetHard(to: commit)
    }

    /// Makes the worktree's `.git` file point at its own admin folder again. It lies inside the
    /// worktree, so an agent can rewrite it — for example to the main repository's git folder, and
    /// the launcher's next commit or reset would land on `main`. Called before every open.
    public func restoreWorktreeLink(for agent: String) throws {
        let common = URL(fileURLWithPath: try repository().commonDirectory).standardizedFileURL.path
        let expected = "gitdir: \(common)/worktrees/\(team)-\(agent)\n"
        let link = worktreePath(for: agent) + "/.git"
        var info = stat()
        let isFile = lstat(link, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        if isFile, let text = try? String(contentsOfFile: link, encoding: .utf8),
            text.trimmingCharacters(in: .whitespacesAndNewlines) == expected.trimmingCharacters(in: .newlines)
        {
            return
        }
        try? FileManager.default.removeItem(atPath: link)
        try Data(expected.utf8).write(to: URL(fileURLWithPath: link))
    }

    /// Whether `commit` is `ancestor` or descends from it.
    func descends(_ commit: ObjectID, from ancestor: ObjectID) throws -> Bool {
        commit == ancestor ? true : try repository().isAncestor(ancestor, of: commit)
    }

    /// Merges `agent`'s branch into the integration branch without touching any working tree. Lines
    /// two workers both added at the same place are both kept; any other overlap is a conflict.
    public func integrate(_ agent: String, message: String) throws -> MergeOutcome {
        try repository().mergeBranch(
            branch(for: agent), into: integrationBranch, message: message, keepingBothInsertions: true)
    }

    /// Removes every worktree and branch of the team; the integration branch stays unless asked.
    /// Returns what was removed, for `ccteam gc` to report.
    public func removeAll(keepingIntegration: Bool = true) throws -> [String] {
        Self.worktreeLock.lock()
        defer { Self.worktreeLock.unlock() }
        let repository = try repository()
        var removed: [String] = []
        let folder = URL(fileURLWithPath: root + "/.ccteam/worktrees/\(team)").standardizedFileURL.path
        for worktree in try repository.worktrees() where worktree.path.hasPrefix(folder + "/") {
            if worktree.isValid {
                try repository.removeWorktree(worktree.name, includingLocked: true)
            }
            removed.append(worktree.path)
        }
        try repository.pruneWorktrees()
        try? FileManager.default.removeItem(atPath: folder)
        for branch in try repository.branches(withPrefix: "ccteam/\(team)/")
        where !(keepingIntegration && branch == integrationBranch) {
            try repository.deleteBranch(branch)
            removed.append(branch)
        }
        return removed
    }
}
