import CGit2
public import Foundation

/// Lookups of commits, trees and blobs shared by the rest of the module. Callers free what they get.
extension Repository {
    /// The commit object for `id`; the caller frees it with `git_commit_free`.
    func lookupCommit(_ id: ObjectID) throws -> OpaquePointer {
        var oid = id.oid
        var commit: OpaquePointer?
        guard git_commit_lookup(&commit, handle, &oid) == 0, let commit else {
            throw GitError.unknownRevision(id.hex)
        }
        return commit
    }

    /// Runs `body` with the tree of commit `id`, or with `nil` (the empty tree) when `id` is `nil`.
    func withTree<Result>(of id: ObjectID?, _ body: (OpaquePointer?) throws -> Result) throws -> Result {
        guard let id else { return try body(nil) }
        let commit = try lookupCommit(id)
        defer { git_commit_free(commit) }
        var tree: OpaquePointer?
        try LibGit2.check(git_commit_tree(&tree, commit), "reading the tree of \(id.short)")
        defer { git_tree_free(tree) }
        return try body(tree)
    }

    /// The raw bytes of a blob, or `nil` when there is no such blob.
    func blobData(_ id: ObjectID) -> Data? {
        var oid = id.oid
        var blob: OpaquePointer?
        guard git_blob_lookup(&blob, handle, &oid) == 0, let blob else { return nil }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: content, count: size)
    }

    /// The blob id and mode of `path` in commit `id`, or `nil` when the commit has no file there.
    func treeEntry(_ path: String, in id: ObjectID) throws -> (id: ObjectID, mode: FileMode?)? {
        try withTree(of: id) { tree in
            var entry: OpaquePointer?
            guard git_tree_entry_bypath(&entry, tree, path) == 0, let entry else { return nil }
            defer { git_tree_entry_free(entry) }
            guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB || git_tree_entry_type(entry) == GIT_OBJECT_COMMIT
            else { return nil }
            return (
                ObjectID(git_tree_entry_id(entry)), FileMode(gitMode: UInt16(git_tree_entry_filemode(entry).rawValue))
            )
        }
    }

    /// The bytes of `path` as committed in `commit` (a symlink's target for a symlink); `nil` when absent.
    public func fileContent(_ path: String, at commit: ObjectID) throws -> Data? {
        guard let entry = try treeEntry(path, in: commit), entry.mode != .submodule else { return nil }
        return blobData(entry.id)
    }

    /// The bytes of `path` in the working tree (a symlink's target for a symlink); `nil` when absent.
    public func workingTreeContent(_ path: String) -> Data? {
        let full = absolutePath(path)
        if let target = symlinkTarget(atAbsolutePath: full) { return Data(target.utf8) }
        return FileManager.default.contents(atPath: full)
    }

    /// The target of the symlink at `path`, or `nil` when it is not a symlink.
    func symlinkTarget(atAbsolutePath path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return nil }
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = buffer.withUnsafeMutableBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: pointer.count) {
                readlink(path, $0, pointer.count)
            }
        }
        guard length >= 0 else { return nil }
        return String(decoding: buffer[0..<length], as: UTF8.self)
    }
}
