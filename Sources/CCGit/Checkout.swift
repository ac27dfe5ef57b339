import CGit2
import Foundation

/// Moving the working tree: hard reset onto a commit, and restoring named paths for rollback.
extension Repository {
    /// Makes the current branch (or detached `HEAD`), the index and the working tree equal `commit`, and deletes
    /// untracked files; ignored files stay. What "start the next task from the integration branch" needs.
    public func resetHard(to commit: ObjectID) throws {
        let object = try lookupCommit(commit)
        defer { git_commit_free(object) }
        var options = git_checkout_options()
        git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION))
        options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_REMOVE_UNTRACKED.rawValue
        try LibGit2.check(
            git_reset(handle, object, GIT_RESET_HARD, &options), "resetting \(root) to \(commit.short)")
        // git_reset leaves untracked files whatever the strategy says; a forced checkout removes them.
        try LibGit2.check(
            git_checkout_tree(handle, object, &options), "removing untracked files from \(root)")
    }

    /// Puts each of `paths` back as it is in `commit`: restored (content and mode) where the commit has it,
    /// deleted (file and index entry) where it does not. Other paths, `HEAD` and the branch are untouched.
    public func restore(paths: [String], from commit: ObjectID) throws {
        guard !paths.isEmpty else { return }
        var present: [String] = []
        var absent: [String] = []
        for path in paths {
            if try treeEntry(path, in: commit) != nil { present.append(path) } else { absent.append(path) }
        }
        if !present.isEmpty {
            let object = try lookupCommit(commit)
            defer { git_commit_free(object) }
            var options = git_checkout_options()
            git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION))
            options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH.rawValue
            let code = withStrArray(present) { array in
                options.paths = array.pointee
                return git_checkout_tree(handle, object, &options)
            }
            try LibGit2.check(code, "restoring \(present.count) path(s) from \(commit.short)")
        }
        guard !absent.isEmpty else { return }
        var index: OpaquePointer?
        try LibGit2.check(git_repository_index(&index, handle), "opening the index of \(root)")
        defer { git_index_free(index) }
        try LibGit2.check(git_index_read(index, 0), "reading the index of \(root)")
        for path in absent {
            let full = absolutePath(path)
            var info = stat()
            if lstat(full, &info) == 0 {
                guard unlink(full) == 0 || (try? FileManager.default.removeItem(atPath: full)) != nil else {
                    throw GitError.operationFailed(
                        operation: "deleting \(path)", detail: String(cString: strerror(errno)))
                }
                removeEmptyParents(of: path)
            }
            _ = git_index_remove_bypath(index, path)
        }
        try LibGit2.check(git_index_write(index), "writing the index of \(root)")
    }

    /// The blob id git would give the working tree's `path` (filters such as CRLF applied, a symlink's target
    /// for a symlink), or `nil` when nothing is there. Compare with ``committedBlobID(_:at:)``.
    public func workingTreeBlobID(_ path: String) throws -> ObjectID? {
        let full = absolutePath(path)
        var info = stat()
        guard lstat(full, &info) == 0 else { return nil }
        var oid = git_oid()
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            let target = Array((symlinkTarget(atAbsolutePath: full) ?? "").utf8)
            try LibGit2.check(git_odb_hash(&oid, target, target.count, GIT_OBJECT_BLOB), "hashing \(path)")
        case S_IFREG:
            try LibGit2.check(git_repository_hashfile(&oid, handle, full, GIT_OBJECT_BLOB, path), "hashing \(path)")
        default:
            return nil
        }
        return ObjectID(oid)
    }

    /// The blob id of `path` in `commit`, or `nil` when the commit has no file there.
    public func committedBlobID(_ path: String, at commit: ObjectID) throws -> ObjectID? {
        try treeEntry(path, in: commit)?.id
    }

    /// The paths among `paths` whose working-tree content, kind or presence differs from `commit`.
    ///
    /// Rollback uses it to refuse paths that changed again after the state it would restore.
    public func pathsDiffering(_ paths: [String], from commit: ObjectID) throws -> [String] {
        try paths.filter { path in
            let committed = try treeEntry(path, in: commit)
            let current = try workingTreeBlobID(path)
            guard let committed, let current else { return (committed == nil) != (current == nil) }
            return committed.id != current || committed.mode != workingTreeMode(path)
        }
    }

    /// The kind of file at `path` in the working tree, as git would record it.
    func workingTreeMode(_ path: String) -> FileMode? {
        var info = stat()
        guard lstat(absolutePath(path), &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return .symlink
        case S_IFREG: return info.st_mode & 0o100 != 0 ? .executable : .regular
        default: return nil
        }
    }

    /// Deletes folders left empty by a deletion, up to (not including) the root.
    private func removeEmptyParents(of path: String) {
        var components = path.split(separator: "/").dropLast()
        while !components.isEmpty {
            let folder = absolutePath(components.joined(separator: "/"))
            guard rmdir(folder) == 0 else { return }
            components = components.dropLast()
        }
    }
}
