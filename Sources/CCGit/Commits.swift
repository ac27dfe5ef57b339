import CGit2
public import Foundation

/// A commit's identity and description, for listing a range.
public struct CommitInfo: Sendable, Equatable {
    public var id: ObjectID
    /// Parent commits, first parent first.
    public var parents: [ObjectID]
    /// The whole message.
    public var message: String
    /// The message's first line.
    public var summary: String
    public var author: Signature
    /// When the author made it.
    public var date: Date

    public init(id: ObjectID, parents: [ObjectID], message: String, summary: String, author: Signature, date: Date) {
        self.id = id
        self.parents = parents
        self.message = message
        self.summary = summary
        self.author = author
        self.date = date
    }
}

/// Commits: the working state on the current branch, snapshots without side effects, ranges.
extension Repository {
    /// Stages everything (new, changed and deleted files; ignored ones stay out) and commits it on the branch
    /// `HEAD` names, as `git add -A && git commit` would, in this (possibly linked) worktree.
    ///
    /// Returns the new commit, or `nil` when the working state equals `HEAD` and `allowEmpty` is false.
    /// Uses ``defaultSignature()`` unless `signature` is given.
    @discardableResult
    public func commitWorkingState(message: String, signature: Signature? = nil, allowEmpty: Bool = false) throws
        -> ObjectID?
    {
        var index: OpaquePointer?
        try LibGit2.check(git_repository_index(&index, handle), "opening the index of \(root)")
        defer { git_index_free(index) }
        try LibGit2.check(git_index_read(index, 0), "reading the index of \(root)")
        let tree = try stageEverything(index)
        try LibGit2.check(git_index_write(index), "writing the index of \(root)")
        let parent = headCommit
        if !allowEmpty, try treeID(of: parent) == ObjectID(tree) { return nil }
        return try createCommit(
            tree: tree, parents: parent.map { [$0] } ?? [], message: message,
            signature: signature ?? defaultSignature(), updateReference: "HEAD")
    }

    /// Records the whole working state (untracked files included, ignored ones not) as a commit whose parent
    /// is `HEAD`, and points `reference` at it, without touching the index, `HEAD` or any file.
    ///
    /// `ccverify begin` uses it to remember where a run started even with uncommitted work around.
    @discardableResult
    public func snapshotWorkingState(message: String, storeAt reference: String, signature: Signature? = nil) throws
        -> ObjectID
    {
        try requireValidReferenceName(reference)
        let tree = try withScratchIndex { _, index in try stageEverything(index) }
        let parent = headCommit
        let commit = try createCommit(
            tree: tree, parents: parent.map { [$0] } ?? [], message: message,
            signature: signature ?? defaultSignature(), updateReference: nil)
        try setReference(reference, to: commit, message: "ccteam: snapshot")
        return commit
    }

    /// The commits of a range, oldest first: `A..B` (in B, not in A), `A...B` (in either, not in both), or a
    /// single revision (it and all its ancestors). An empty side means `HEAD`.
    public func commits(inRange range: String) throws -> [CommitInfo] {
        var walk: OpaquePointer?
        try LibGit2.check(git_revwalk_new(&walk, handle), "walking history")
        defer { git_revwalk_free(walk) }
        git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue)
        func side(_ text: Substring) throws -> ObjectID { try resolveCommit(text.isEmpty ? "HEAD" : String(text)) }
        var include: [ObjectID] = []
        var exclude: [ObjectID] = []
        if let dots = range.range(of: "...") {
            let left = try side(range[..<dots.lowerBound])
            let right = try side(range[dots.upperBound...])
            include = [left, right]
            exclude = try mergeBase(left, right).map { [$0] } ?? []
        } else if let dots = range.range(of: "..") {
            exclude = [try side(range[..<dots.lowerBound])]
            include = [try side(range[dots.upperBound...])]
        } else {
            include = [try resolveCommit(range)]
        }
        for id in include {
            var oid = id.oid
            try LibGit2.check(git_revwalk_push(walk, &oid), "walking \(range)")
        }
        for id in exclude {
            var oid = id.oid
            try LibGit2.check(git_revwalk_hide(walk, &oid), "walking \(range)")
        }
        var result: [CommitInfo] = []
        var oid = git_oid()
        while git_revwalk_next(&oid, walk) == 0 {
            result.append(try commitInfo(ObjectID(oid)))
        }
        return result
    }

    /// What a commit introduced: its diff from its first parent (from the empty tree for a root commit).
    public func changes(introducedBy commit: ObjectID, options: DiffOptions = DiffOptions()) throws -> [FileChange] {
        try diff(from: try commitInfo(commit).parents.first, to: commit, options: options)
    }

    /// The id, parents, message and author of one commit.
    public func commitInfo(_ id: ObjectID) throws -> CommitInfo {
        let commit = try lookupCommit(id)
        defer { git_commit_free(commit) }
        let parents = (0..<git_commit_parentcount(commit)).map { ObjectID(git_commit_parent_id(commit, $0)) }
        let message = git_commit_message(commit).map { String(cString: $0) } ?? ""
        let summary = git_commit_summary(commit).map { String(cString: $0) } ?? ""
        let author = git_commit_author(commit)!.pointee
        return CommitInfo(
            id: id, parents: parents, message: message, summary: summary,
            author: Signature(name: String(cString: author.name), email: String(cString: author.email)),
            date: Date(timeIntervalSince1970: TimeInterval(author.when.time)))
    }

    // MARK: - Helpers

    /// `add -A` into `index`: new and changed files via add_all, deletions via update_all; returns the tree.
    private func stageEverything(_ index: OpaquePointer?) throws -> git_oid {
        try withStrArray([]) { everything in
            try LibGit2.check(
                git_index_add_all(index, everything, GIT_INDEX_ADD_DEFAULT.rawValue, nil, nil),
                "staging files in \(root)")
            try LibGit2.check(git_index_update_all(index, everything, nil, nil), "staging deletions in \(root)")
        }
        var tree = git_oid()
        try LibGit2.check(git_index_write_tree(&tree, index), "writing a tree from \(root)")
        return tree
    }

    /// Runs `body` with a second handle on this repository whose index is a private copy of the real one;
    /// the copy is never written back, so the real index, `HEAD` and the files stay as they are.
    func withScratchIndex<Result>(_ body: (OpaquePointer, OpaquePointer) throws -> Result) throws -> Result {
        var scratch: OpaquePointer?
        try LibGit2.check(git_repository_open(&scratch, root), "opening \(root)")
        guard let scratch else { throw GitError.notARepository(path: root) }
        defer { git_repository_free(scratch) }
        let copy = FileManager.default.temporaryDirectory
            .appendingPathComponent("ccgit-scratch-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).index").path
        defer { try? FileManager.default.removeItem(atPath: copy) }
        if FileManager.default.fileExists(atPath: gitDirectory + "/index") {
            do {
                try FileManager.default.copyItem(atPath: gitDirectory + "/index", toPath: copy)
            } catch {
                throw GitError.operationFailed(operation: "copying the index of \(root)", detail: "\(error)")
            }
        }
        var index: OpaquePointer?
        try LibGit2.check(git_index_open(&index, copy), "opening a scratch index")
        guard let index else { throw GitError.operationFailed(operation: "opening a scratch index", detail: "none") }
        defer { git_index_free(index) }
        try LibGit2.check(git_repository_set_index(scratch, index), "using a scratch index")
        return try body(scratch, index)
    }

    /// The tree id of a commit, or `nil` for no commit.
    func treeID(of commit: ObjectID?) throws -> ObjectID? {
        guard let commit else { return nil }
        let object = try lookupCommit(commit)
        defer { git_commit_free(object) }
        return ObjectID(git_commit_tree_id(object))
    }
}
