import CGit2
import Foundation

/// An open git repository with a working tree: the entry point for every CCGit operation.
///
/// Holds one libgit2 handle, which is not thread-safe: use a `Repository` on one thread at a time
/// and open another for another thread (opening is cheap). Not `Sendable` on purpose.
public final class Repository {
    let handle: OpaquePointer
    /// The working tree's root folder, absolute, without a trailing slash.
    public let root: String
    /// This working tree's own git folder (`.git`, or `.git/worktrees/<name>` for a linked worktree).
    public let gitDirectory: String
    /// The folder shared by all worktrees (objects, refs, `info/exclude`); equals `gitDirectory` in the main one.
    public let commonDirectory: String

    private init(handle: OpaquePointer) {
        self.handle = handle
        root = Self.trimmed(git_repository_workdir(handle).map { String(cString: $0) } ?? "")
        gitDirectory = Self.trimmed(String(cString: git_repository_path(handle)))
        commonDirectory = Self.trimmed(String(cString: git_repository_commondir(handle)))
    }

    deinit { git_repository_free(handle) }

    /// Opens the repository whose working tree root (or git folder) is exactly `path`.
    public static func open(at path: String) throws -> Repository {
        try open(path, flags: GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue)
    }

    /// Opens the repository containing `path`, searching parent folders as `git` does.
    public static func discover(from path: String) throws -> Repository {
        try open(path, flags: 0)
    }

    /// True when this is a linked worktree (made by `git worktree add`), not the main checkout.
    public var isLinkedWorktree: Bool { git_repository_is_worktree(handle) == 1 }

    /// The commit `HEAD` points at, or `nil` in a repository with no commits yet.
    public var headCommit: ObjectID? {
        var oid = git_oid()
        guard git_reference_name_to_id(&oid, handle, "HEAD") == 0 else { return nil }
        return ObjectID(oid)
    }

    /// The short name of the branch `HEAD` is on (also when it has no commit yet); `nil` when detached.
    public var currentBranch: String? {
        guard git_repository_head_detached(handle) != 1 else { return nil }
        var reference: OpaquePointer?
        guard git_reference_lookup(&reference, handle, "HEAD") == 0, let reference else { return nil }
        defer { git_reference_free(reference) }
        guard let target = git_reference_symbolic_target(reference) else { return nil }
        let name = String(cString: target)
        return name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : nil
    }

    /// The absolute path of `relative` inside the working tree.
    public func absolutePath(_ relative: String) -> String {
        relative.isEmpty ? root : root + "/" + relative
    }

    // MARK: - Opening and validation

    private static func open(_ path: String, flags: UInt32) throws -> Repository {
        LibGit2.ready
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var pointer: OpaquePointer?
        let code = git_repository_open_ext(&pointer, absolute, flags, nil)
        guard code == 0, let pointer else {
            let detail = LibGit2.lastErrorMessage()
            if code == GIT_EOWNER.rawValue || detail.contains("not owned by current user") {
                throw ownershipError(near: absolute, searchParents: flags == 0)
                    ?? GitError.ownedByAnotherUser(path: absolute, owner: "unknown")
            }
            if code == GIT_ENOTFOUND.rawValue {
                throw ownershipError(near: absolute, searchParents: flags == 0)
                    ?? GitError.notARepository(path: absolute)
            }
            throw GitError.operationFailed(operation: "opening the repository at \(absolute)", detail: detail)
        }
        let repository = Repository(handle: pointer)
        guard git_repository_is_bare(pointer) == 0, !repository.root.isEmpty else {
            throw GitError.bareRepository(path: repository.gitDirectory)
        }
        try repository.validateSupportedLayout()
        return repository
    }

    /// Refuses layouts libgit2 1.5 mishandles silently: a split index and sparse checkout.
    private func validateSupportedLayout() throws {
        let sharedIndex =
            (try? FileManager.default.contentsOfDirectory(atPath: gitDirectory))?
            .contains { $0.hasPrefix("sharedindex.") } ?? false
        if sharedIndex || configBool("core.splitIndex") == true { throw GitError.splitIndex(path: root) }
        if configBool("core.sparseCheckout") == true { throw GitError.sparseCheckout(path: root) }
        var index: OpaquePointer?
        try LibGit2.check(git_repository_index(&index, handle), "reading the index of \(root)")
        defer { git_index_free(index) }
        let skipWorktree = UInt16(GIT_INDEX_ENTRY_SKIP_WORKTREE.rawValue)
        for position in 0..<git_index_entrycount(index) {
            if let entry = git_index_get_byindex(index, position), entry.pointee.flags_extended & skipWorktree != 0 {
                throw GitError.sparseCheckout(path: root)
            }
        }
    }

    /// When a `.git` at or above `path` exists but belongs to someone else, the error that says so.
    private static func ownershipError(near path: String, searchParents: Bool) -> GitError? {
        var folder = URL(fileURLWithPath: path)
        while true {
            for candidate in [folder.appendingPathComponent(".git"), folder] {
                var info = stat()
                let isGitFolder =
                    candidate.lastPathComponent == ".git"
                    || FileManager.default.fileExists(atPath: candidate.appendingPathComponent("HEAD").path)
                guard isGitFolder, lstat(candidate.path, &info) == 0 else { continue }
                if info.st_uid != geteuid() {
                    return .ownedByAnotherUser(path: folder.path, owner: userName(info.st_uid))
                }
                return nil
            }
            guard searchParents, folder.path != "/" else { return nil }
            folder.deleteLastPathComponent()
        }
    }

    private static func userName(_ uid: uid_t) -> String {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
        return String(cString: name)
    }

    private static func trimmed(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    // MARK: - Configuration

    /// A boolean from the repository's configuration (all levels), or `nil` when unset.
    func configBool(_ key: String) -> Bool? {
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, handle) == 0 else { return nil }
        defer { git_config_free(config) }
        var value: Int32 = 0
        guard git_config_get_bool(&value, config, key) == 0 else { return nil }
        return value != 0
    }

    /// An integer from the repository's configuration (all levels), or `nil` when unset.
    func configInt(_ key: String) -> Int? {
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, handle) == 0 else { return nil }
        defer { git_config_free(config) }
        var value: Int64 = 0
        guard git_config_get_int64(&value, config, key) == 0 else { return nil }
        return Int(value)
    }

    /// A string from the repository's configuration (all levels), or `nil` when unset.
    public func configString(_ key: String) -> String? {
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, handle) == 0 else { return nil }
        defer { git_config_free(config) }
        var buffer = git_buf()
        guard git_config_get_string_buf(&buffer, config, key) == 0 else { return nil }
        defer { git_buf_dispose(&buffer) }
        return String(cString: buffer.ptr)
    }
}

@available(*, unavailable, message: "a libgit2 repository handle must stay on one thread; open another")
extension Repository: Sendable {}
