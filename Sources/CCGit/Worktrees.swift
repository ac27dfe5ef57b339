import CGit2
import Foundation

/// A linked worktree as `git worktree list` knows it.
public struct WorktreeInfo: Sendable, Equatable {
    /// The admin folder's name under `<common dir>/worktrees/`.
    public var name: String
    /// The working tree's absolute path.
    public var path: String
    /// The branch checked out there (short name), or `nil` when detached.
    public var branch: String?
    /// Locked worktrees are kept by prune unless asked otherwise.
    public var isLocked: Bool
    /// False when its folder is gone (a stale entry `pruneWorktrees` removes).
    public var isValid: Bool

    /// A worktree as ``Repository/worktrees()`` lists it.
    public init(name: String, path: String, branch: String?, isLocked: Bool, isValid: Bool) {
        self.name = name
        self.path = path
        self.branch = branch
        self.isLocked = isLocked
        self.isValid = isValid
    }
}

/// Linked worktrees: add on a new branch, list, remove, prune. Call these on the main checkout's repository.
extension Repository {
    /// Creates branch `branch` at `commit` and checks it out in a new linked worktree at `path`.
    ///
    /// `path` must not exist (parent folders are created). On any failure nothing is left behind: no admin
    /// folder, no branch, no folder. `name` (default: derived from the path) names the admin folder.
    @discardableResult
    public func addWorktree(at path: String, branch: String, from commit: ObjectID, name: String? = nil) throws
        -> WorktreeInfo
    {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var info = stat()
        if lstat(absolute, &info) == 0 { throw GitError.worktreePathExists(path: absolute) }
        if branchExists(branch) { throw GitError.branchExists(branch) }
        sweepIncompleteWorktreeAdminFolders()
        let adminName = uniqueWorktreeName(name ?? URL(fileURLWithPath: absolute).lastPathComponent)
        let parent = URL(fileURLWithPath: absolute).deletingLastPathComponent().path
        try createFolder(parent)
        try createBranch(branch, at: commit)
        do {
            var reference: OpaquePointer?
            try LibGit2.check(
                git_branch_lookup(&reference, handle, branch, GIT_BRANCH_LOCAL), "reading branch \(branch)")
            defer { git_reference_free(reference) }
            var options = git_worktree_add_options()
            try LibGit2.check(
                git_worktree_add_options_init(&options, UInt32(GIT_WORKTREE_ADD_OPTIONS_VERSION)),
                "preparing a worktree")
            options.ref = reference
            var worktree: OpaquePointer?
            try LibGit2.check(
                git_worktree_add(&worktree, handle, adminName, absolute, &options), "adding a worktree at \(absolute)")
            git_worktree_free(worktree)
        } catch {
            // libgit2 leaves a half-made admin folder behind on failure; with two, every later add fails.
            try? FileManager.default.removeItem(atPath: commonDirectory + "/worktrees/" + adminName)
            if lstat(absolute, &info) == 0 { try? FileManager.default.removeItem(atPath: absolute) }
            try? deleteBranch(branch)
            throw error
        }
        return WorktreeInfo(name: adminName, path: absolute, branch: branch, isLocked: false, isValid: true)
    }

    /// Every linked worktree (the main checkout is not listed), sorted by name.
    public func worktrees() throws -> [WorktreeInfo] {
        var names = git_strarray()
        try LibGit2.check(git_worktree_list(&names, handle), "listing worktrees")
        defer { git_strarray_dispose(&names) }
        var result: [WorktreeInfo] = []
        for position in 0..<names.count {
            guard let cName = names.strings[position] else { continue }
            let name = String(cString: cName)
            var worktree: OpaquePointer?
            guard git_worktree_lookup(&worktree, handle, name) == 0, let worktree else { continue }
            defer { git_worktree_free(worktree) }
            let path = git_worktree_path(worktree).map { Self.standardized(String(cString: $0)) } ?? ""
            var reason = git_buf()
            let locked = git_worktree_is_locked(&reason, worktree) > 0
            git_buf_dispose(&reason)
            result.append(
                WorktreeInfo(
                    name: name, path: path, branch: worktreeBranch(adminName: name), isLocked: locked,
                    isValid: git_worktree_validate(worktree) == 0))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// Deletes a linked worktree (named by admin name or path) and its folder, like `git worktree remove
    /// --force`; the branch stays. Locked ones need `includingLocked`.
    public func removeWorktree(_ nameOrPath: String, includingLocked: Bool = false) throws {
        let wanted = Self.standardized(nameOrPath)
        guard let info = try worktrees().first(where: { $0.name == nameOrPath || $0.path == wanted }) else {
            throw GitError.unknownWorktree(nameOrPath)
        }
        var flags = GIT_WORKTREE_PRUNE_VALID.rawValue | GIT_WORKTREE_PRUNE_WORKING_TREE.rawValue
        if includingLocked { flags |= GIT_WORKTREE_PRUNE_LOCKED.rawValue }
        try prune(info.name, flags: flags)
    }

    /// Forgets worktrees whose folders are gone (like `git worktree prune`); returns their names.
    @discardableResult
    public func pruneWorktrees() throws -> [String] {
        sweepIncompleteWorktreeAdminFolders()
        let stale = try worktrees().filter { !$0.isValid && !$0.isLocked }
        for worktree in stale { try prune(worktree.name, flags: 0) }
        return stale.map(\.name)
    }

    // MARK: - Helpers

    private func prune(_ name: String, flags: UInt32) throws {
        var worktree: OpaquePointer?
        try LibGit2.check(git_worktree_lookup(&worktree, handle, name), "finding worktree \(name)")
        defer { git_worktree_free(worktree) }
        var options = git_worktree_prune_options()
        try LibGit2.check(
            git_worktree_prune_options_init(&options, UInt32(GIT_WORKTREE_PRUNE_OPTIONS_VERSION)), "preparing a prune")
        options.flags = flags
        try LibGit2.check(git_worktree_prune(worktree, &options), "removing worktree \(name)")
    }

    /// Removes admin folders a failed add left behind: they lack `HEAD`, `gitdir` or `commondir`.
    private func sweepIncompleteWorktreeAdminFolders() {
        let folder = commonDirectory + "/worktrees"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names {
            let admin = folder + "/" + name
            let complete = ["HEAD", "gitdir", "commondir"].allSatisfy {
                FileManager.default.fileExists(atPath: admin + "/" + $0)
            }
            if !complete { try? FileManager.default.removeItem(atPath: admin) }
        }
    }

    private func uniqueWorktreeName(_ proposed: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        var base = String(proposed.map { allowed.contains($0) ? $0 : "-" })
        if base.isEmpty || base.hasPrefix(".") { base = "worktree" + base }
        var candidate = base
        var counter = 2
        while FileManager.default.fileExists(atPath: commonDirectory + "/worktrees/" + candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        return candidate
    }

    private func worktreeBranch(adminName: String) -> String? {
        let head = commonDirectory + "/worktrees/" + adminName + "/HEAD"
        guard let text = try? String(contentsOfFile: head, encoding: .utf8) else { return nil }
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasPrefix("ref: refs/heads/") else { return nil }
        return String(line.dropFirst("ref: refs/heads/".count))
    }

    private func createFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw GitError.operationFailed(operation: "creating \(path)", detail: error.localizedDescription)
        }
    }

    static func standardized(_ path: String) -> String {
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        return standard.count > 1 && standard.hasSuffix("/") ? String(standard.dropLast()) : standard
    }
}
